using System.Text;
using System.Text.RegularExpressions;
using DutyDesk.E2E.Infrastructure;
using DutyDesk.E2E.Pages;

namespace DutyDesk.E2E;

/// <summary>
/// A school's year of responsibility in a real browser: the leading-group office draws up the year's
/// list from the template and exports it, drafts and issues the target letter; the leader in charge
/// signs it with her password (a wrong one is refused); the office then adopts the default
/// obligations and closes this month's risk screening with a report, which the calendar counts.
/// </summary>
public sealed class ResponsibilityJourneyTests : BrowserJourney
{
    private const string Unit = "第一中学";
    private const string Office = "yz.office";
    private const string OfficePassword = "Bangong2025office";
    private const string Leader = "yz.leader";
    private const string LeaderName = "赵敏";
    private const string LeaderPost = "分管副校长";
    private const string LeaderPassword = "Fenguan2025leader";
    private const string Screening = "风险排查并形成排查报告";

    /// <summary>The server's "today" is Beijing's, from the real clock like the server's.</summary>
    private static readonly DateTime Today = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime;

    [Fact(Timeout = 240_000)]
    public Task SchoolYear_ListLetterSignedAndScreeningClosed_CalendarCountsIt()
        => RunAsync(async page =>
        {
            await SignInFirstTimeAsync(page, Office, OfficePassword);
            await OfficeCreatesListFromTemplateAsync(page);
            var letterTitle = await OfficeIssuesLetterAsync(page);
            await new AppShell(page).SignOutAsync();

            await SignInFirstTimeAsync(page, Leader, LeaderPassword);
            await LeaderSignsLetterAsync(page, letterTitle);
            await new AppShell(page).SignOutAsync();

            var login = new LoginPage(page);
            await login.ExpectShownAsync();
            await login.SignInAsync(Office, OfficePassword);
            await new AppShell(page).ExpectHomeAsync();
            await OfficeClosesScreeningFromCalendarAsync(page);
        });

    private async Task SignInFirstTimeAsync(IPage page, string userName, string newPassword)
    {
        var login = new LoginPage(page);
        await page.GotoAsync("/");
        await login.ExpectShownAsync();
        var oneTime = Server.Credentials.PasswordOf(userName);
        await login.SignInAsync(userName, oneTime);
        var change = new ChangePasswordPage(page);
        await change.ExpectShownAsync();
        await change.SubmitAsync(oneTime, newPassword, newPassword);
        await new AppShell(page).ExpectHomeAsync();
    }

    private async Task OfficeCreatesListFromTemplateAsync(IPage page)
    {
        var lists = new ListsPage(page);
        await lists.OpenAsync();
        await Expect(lists.Year).ToHaveTextAsync($"{Today.Year} 年");
        await Expect(lists.NoList).ToContainTextAsync($"{Unit} {Today.Year} 年度尚无责任清单");
        await Screenshots.TakeAsync(page, "lists-empty");

        await lists.CreateFromTemplateAsync();
        await Expect(lists.NoList).ToHaveCountAsync(0);
        await Expect(lists.ListTitle).ToContainTextAsync(Unit);
        await Expect(lists.Row("每月开展意识形态领域风险排查")).ToHaveCountAsync(1);
        await Expect(lists.Row("每月开展意识形态领域风险排查")).ToContainTextAsync("形成排查报告和整改清单");
        var rowCount = await lists.Rows.CountAsync();
        Assert.True(rowCount > 10, $"The template gave only {rowCount} rows.");
        await Expect(lists.Summary).ToContainTextAsync($"共 {rowCount} 项，已完成 0 项");
        await Screenshots.TakeAsync(page, "lists-from-template");

        var download = await lists.ExportWordAsync();
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains(Unit, download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Null(await download.FailureAsync());
        var saved = await download.PathAsync();
        var head = new byte[4];
        await using (var file = File.OpenRead(saved))
        {
            Assert.Equal(4, await file.ReadAtLeastAsync(head, 4, throwOnEndOfStream: false));
        }

        Assert.Equal("PK\x03\x04"u8.ToArray(), head);
    }

    /// <summary>Drafts this year's letter with 赵敏 as signer, issues it, and returns its title.</summary>
    private async Task<string> OfficeIssuesLetterAsync(IPage page)
    {
        var letters = new LettersPage(page);
        await letters.OpenAsync();
        await letters.OpenNewAsync();
        await Expect(letters.DialogUnit).ToHaveTextAsync(Unit);
        await Expect(letters.DialogYear).ToHaveValueAsync(Today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await letters.ChooseSignerAsync(Leader, LeaderPost);
        await Screenshots.TakeAsync(page, "letter-new");
        await letters.CreateAsync();

        var letter = new LetterPage(page);
        await Expect(letter.Title).ToContainTextAsync(Today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(letter.ShownState).ToHaveTextAsync("草稿");
        await Expect(letter.Signature(LeaderName)).ToContainTextAsync("待签发");
        await letter.IssueAsync();
        await Expect(letter.ShownState).ToHaveTextAsync("已签发");
        await Expect(letter.Signature(LeaderName)).ToContainTextAsync(LeaderPost);
        await Expect(letter.Signature(LeaderName)).ToContainTextAsync("待签");
        // The office issues but is not a signer, so it is offered no signing.
        await Expect(letter.SignButton).ToHaveCountAsync(0);
        await Screenshots.TakeAsync(page, "letter-issued");
        return (await letter.Title.InnerTextAsync()).Trim();
    }

    private async Task LeaderSignsLetterAsync(IPage page, string letterTitle)
    {
        var letters = new LettersPage(page);
        await letters.OpenAsync();
        await Expect(letters.Row(letterTitle)).ToContainTextAsync("已签 0 / 1");
        await Screenshots.TakeAsync(page, "letters-list");
        await letters.OpenLetterAsync(letterTitle);

        var letter = new LetterPage(page);
        await Expect(letter.Title).ToHaveTextAsync(letterTitle);
        await letter.OpenSignDialogAsync();
        await Expect(letter.SigningText).ToContainTextAsync(LeaderPost);
        await Expect(letter.SigningText).ToContainTextAsync(LeaderName);
        await letter.ConfirmSignatureAsync(LeaderPassword + "x");
        await Expect(letter.SignError).ToContainTextAsync("密码不正确");
        await Expect(letter.SignDialog).ToBeVisibleAsync();
        await Expect(letter.Signature(LeaderName)).ToContainTextAsync("待签");
        await Screenshots.TakeAsync(page, "letter-sign-wrong-password");

        await letter.ConfirmSignatureAsync(LeaderPassword);
        await Expect(letter.SignDialog).ToBeHiddenAsync();
        var signature = letter.Signature(LeaderName);
        await Expect(signature.Locator(".dd-signature-status")).ToHaveTextAsync("已签");
        await Expect(signature.Locator(".dd-signature-broken")).ToHaveCountAsync(0);
        await Expect(signature.Locator("code")).ToHaveTextAsync(new Regex("^[0-9a-f]{16}…$"));
        await Expect(letter.MySignature).ToContainTextAsync("您已签署第 1 版");
        await Expect(letter.SignButton).ToHaveCountAsync(0);
        await Expect(letter.Versions.First).ToContainTextAsync("有效 1");
        await Screenshots.TakeAsync(page, "letter-signed");
    }

    private async Task OfficeClosesScreeningFromCalendarAsync(IPage page)
    {
        var occurrence = $"{Screening}（{Today.Year}年{Today.Month}月）";
        var calendar = new CalendarPage(page);
        await calendar.OpenAsync();
        // Every test class has its own fresh database, where no unit has adopted obligations yet.
        await Expect(calendar.NothingAdopted).ToContainTextAsync(Unit);
        await calendar.AdoptDefaults.ClickAsync();
        await Expect(calendar.Summary).ToContainTextAsync(Screening);
        await Expect(calendar.Period).ToHaveTextAsync($"{Today.Year} 年");
        var open = calendar.Occurrences(Today.Month, occurrence);
        await Expect(open).ToHaveCountAsync(1);
        await Expect(open).ToContainTextAsync(new Regex(@"· (待办|逾期)\s*$"));
        await Screenshots.TakeAsync(page, "calendar-adopted");

        await open.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/tasks/[0-9a-f-]{36}$"));
        await Interactivity.WaitUntilInteractiveAsync(page);
        var task = new TaskDetailPage(page);
        await Expect(task.Title).ToHaveTextAsync(TaskDetailPage.Exactly(occurrence));
        await Expect(task.Facts).ToContainTextAsync(Unit);
        await task.UploadAsync("风险排查报告.txt", "text/plain", Encoding.UTF8.GetBytes($"{Today.Year}年{Today.Month}月意识形态领域风险排查报告：已排查宣传栏、公众号和工作群，未发现风险点。"));
        await Expect(task.EvidenceList).ToContainTextAsync("风险排查报告.txt");
        await Expect(task.ErrorFor("file")).ToHaveCountAsync(0);
        await task.CompleteAsync("已完成本月风险排查，排查报告已上传。");
        await Expect(task.Facts).ToContainTextAsync("已办结");
        await Expect(task.CompleteButton).ToHaveCountAsync(0);
        await Expect(task.Facts).ToContainTextAsync("已完成本月风险排查，排查报告已上传。");
        await Screenshots.TakeAsync(page, "calendar-task-done");

        await calendar.OpenAsync();
        await Expect(calendar.Summary).ToContainTextAsync(Screening);
        // Due today at 17:30 on the last day of a month, a screening closed in the evening is late but still closed.
        await Expect(calendar.Occurrences(Today.Month, occurrence)).ToContainTextAsync(new Regex(@"· (已办结|逾期办结)\s*$"));
        await Expect(calendar.Summary.Locator("thead th:nth-child(4)")).ToHaveTextAsync("已办结");
        await Expect(CalendarPage.DoneCell(calendar.SummaryRow(Screening))).ToHaveTextAsync(new Regex(@"^\s*[1-9]\d*\s*$"));
        await Screenshots.TakeAsync(page, "calendar-screening-done");

        // The rest of the module's pages open for the office with their empty states.
        await page.GotoAsync("/responsibility/meetings");
        await Interactivity.WaitUntilInteractiveAsync(page);
        await Expect(page.Locator("h1")).ToContainTextAsync("会议");
        await Screenshots.TakeAsync(page, "meetings");
        await page.GotoAsync("/responsibility/assessment");
        await Interactivity.WaitUntilInteractiveAsync(page);
        await Expect(page.Locator("h1")).ToContainTextAsync("考核");
        await Screenshots.TakeAsync(page, "assessment");
    }
}
