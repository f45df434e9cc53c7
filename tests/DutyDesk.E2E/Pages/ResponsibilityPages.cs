using System.Text.RegularExpressions;
using DutyDesk.E2E.Infrastructure;

namespace DutyDesk.E2E.Pages;

/// <summary>责任清单 (/responsibility/lists): one unit's list for one year, created from the template, exported to Word.</summary>
public sealed class ListsPage(IPage page)
{
    public const string Path = "/responsibility/lists";

    /// <summary>The card shown while the unit has no list for the year; its title names both.</summary>
    public ILocator NoList => page.Locator(Interactivity.Live("#no-list"));

    public ILocator Year => page.Locator(Interactivity.Live("#list-year"));

    public ILocator ListTitle => page.Locator(Interactivity.Live("#list-title"));

    public ILocator Summary => page.Locator(Interactivity.Live("#list-summary"));

    public ILocator Rows => page.Locator(Interactivity.Live("#list-items .ant-table-tbody tr.ant-table-row"));

    public async Task OpenAsync()
    {
        await page.GotoAsync(Path);
        await Interactivity.WaitUntilInteractiveAsync(page);
    }

    public ILocator Row(string text) => Rows.Filter(new() { HasTextString = text });

    public Task CreateFromTemplateAsync() => page.Locator(Interactivity.Live("#create-from-template")).ClickAsync();

    /// <summary>Clicks 导出 Word and returns the browser's download.</summary>
    public Task<IDownload> ExportWordAsync()
        => page.RunAndWaitForDownloadAsync(() => page.Locator(Interactivity.Live("#export-word")).ClickAsync());
}

/// <summary>目标管理责任书 (/responsibility/letters): the letters in scope, and the dialog that drafts a new one.</summary>
public sealed partial class LettersPage(IPage page)
{
    public const string Path = "/responsibility/letters";

    public ILocator Rows => page.Locator(Interactivity.Live("#letters-table .ant-table-tbody tr.ant-table-row"));

    /// <summary>The 新建目标管理责任书 dialog, found by its create button.</summary>
    public ILocator Dialog => page.Locator(".ant-modal-content").Filter(new() { Has = page.Locator("#create-letter") });

    public ILocator DialogUnit => Dialog.Locator(".ant-select-selection-item");

    public ILocator DialogYear => Dialog.Locator("#new-letter-year input");

    public async Task OpenAsync()
    {
        await page.GotoAsync(Path);
        await Interactivity.WaitUntilInteractiveAsync(page);
    }

    public ILocator Row(string text) => Rows.Filter(new() { HasTextString = text });

    public async Task OpenNewAsync()
    {
        await page.Locator(Interactivity.Live("#new-letter")).ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
        await Expect(Dialog).ToContainTextAsync("新建目标管理责任书");
    }

    /// <summary>Ticks a candidate (by user name) and writes the post printed on their copy.</summary>
    public async Task ChooseSignerAsync(string userName, string post)
    {
        var key = userName.Replace('.', '-').Replace('@', '-');
        await Dialog.Locator($"#signer-{key}").CheckAsync();
        var postInput = Dialog.Locator($"#signer-post-{key}");
        await Expect(postInput).ToBeEnabledAsync();
        await postInput.FillAsync(post);
    }

    /// <summary>新建草稿 leads to the new letter's own page.</summary>
    public async Task CreateAsync()
    {
        await Dialog.Locator("#create-letter").ClickAsync();
        await Expect(page).ToHaveURLAsync(LetterUrl());
        await Interactivity.WaitUntilInteractiveAsync(page);
    }

    public async Task OpenLetterAsync(string title)
    {
        await Row(title).Locator("a.dd-letter-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(LetterUrl());
        await Interactivity.WaitUntilInteractiveAsync(page);
    }

    [GeneratedRegex(@"/responsibility/letters/[0-9a-f-]{36}$")]
    private static partial Regex LetterUrl();
}

/// <summary>One letter (/responsibility/letters/{id}): its version, the issue action, signing with the password, the signatures.</summary>
public sealed partial class LetterPage(IPage page)
{
    public ILocator Title => page.Locator(Interactivity.Live("#letter-title"));

    /// <summary>The state of the version on screen (草稿, 已签发 …), as words.</summary>
    public ILocator ShownState => page.Locator(Interactivity.Live("#shown-state"));

    public ILocator SignButton => page.Locator(Interactivity.Live("#sign-letter"));

    public ILocator MySignature => page.Locator(Interactivity.Live("#my-signature"));

    public ILocator Signatures => page.Locator(Interactivity.Live("#signatures-table .ant-table-tbody tr.ant-table-row"));

    public ILocator Versions => page.Locator(Interactivity.Live("#versions-table .ant-table-tbody tr.ant-table-row"));

    /// <summary>The signing dialog, found by its password field.</summary>
    public ILocator SignDialog => page.Locator(".ant-modal-content").Filter(new() { Has = page.Locator("#sign-password") });

    public ILocator SignError => SignDialog.Locator(".dd-error");

    public ILocator SigningText => SignDialog.Locator("#signing-text");

    public ILocator Signature(string name) => Signatures.Filter(new() { HasTextString = name });

    /// <summary>签发 asks for confirmation in a popover; its OK button is the second 签发.</summary>
    public async Task IssueAsync()
    {
        await page.Locator(Interactivity.Live("#issue-version")).ClickAsync();
        await Expect(page.Locator("#issue-question")).ToContainTextAsync("签发后文本不能再修改");
        await page.Locator("#issue-confirm").ClickAsync();
        await Expect(page.Locator("#issue-question")).ToHaveCountAsync(0);
    }

    public async Task OpenSignDialogAsync()
    {
        await SignButton.ClickAsync();
        await Expect(SignDialog).ToBeVisibleAsync();
        await Expect(SigningText).Not.ToBeEmptyAsync();
    }

    public async Task ConfirmSignatureAsync(string password)
    {
        await SignDialog.Locator("#sign-password").FillAsync(password);
        await SignDialog.Locator("#sign-confirm").ClickAsync();
    }

}

/// <summary>制度性要求日历 (/responsibility/calendar): a unit's obligations laid out over the year, with the year's tally.</summary>
public sealed class CalendarPage(IPage page)
{
    public const string Path = "/responsibility/calendar";

    public ILocator AdoptDefaults => page.Locator(Interactivity.Live("#adopt-defaults"));

    /// <summary>The empty state shown while the unit has adopted nothing; it names the unit.</summary>
    public ILocator NothingAdopted => page.Locator(Interactivity.Live(".ant-empty")).Filter(new() { HasTextString = "尚未启用制度性要求" });

    public ILocator Summary => page.Locator(Interactivity.Live("#obligation-summary"));

    public ILocator Period => page.Locator(Interactivity.Live("#calendar-period"));

    public async Task OpenAsync()
    {
        await page.GotoAsync(Path);
        await Interactivity.WaitUntilInteractiveAsync(page);
    }

    /// <summary>The year view's card for <paramref name="month"/> (1–12).</summary>
    public ILocator MonthCard(int month)
        => page.Locator(Interactivity.Live(".dd-month")).Filter(new() { Has = page.Locator(".ant-card-head-title", new() { HasTextRegex = new Regex($"^\\s*{month} 月\\s*$") }) });

    /// <summary>The occurrences in <paramref name="month"/>'s card (links once they are tasks) whose text holds <paramref name="text"/>, e.g. the title with its period.</summary>
    public ILocator Occurrences(int month, string text) => MonthCard(month).Locator(".dd-occurrence").Filter(new() { HasTextString = text });

    /// <summary>The tally row of one obligation; <see cref="DoneCell"/> is its 已办结 column.</summary>
    public ILocator SummaryRow(string obligation)
        => Summary.Locator(".ant-table-tbody tr.ant-table-row").Filter(new() { Has = page.Locator("td:first-child", new() { HasTextString = obligation }) });

    public static ILocator DoneCell(ILocator row) => row.Locator("td:nth-child(4)");
}
