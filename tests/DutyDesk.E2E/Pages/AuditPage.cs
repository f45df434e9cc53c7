using DutyDesk.E2E.Infrastructure;

namespace DutyDesk.E2E.Pages;

/// <summary>审计日志 (/audit): the auditor's filtered, paged view of the audit chain.</summary>
public sealed class AuditPage(IPage page)
{
    public const string Path = "/audit";

    public ILocator Rows => page.Locator(Interactivity.Live(".ant-table-tbody tr.ant-table-row"));

    /// <summary>The 用户 column (the third) of every row shown.</summary>
    public ILocator UserCells => Rows.Locator("td:nth-child(3)");

    public async Task OpenAsync()
    {
        await page.GotoAsync(Path);
        await Interactivity.WaitUntilInteractiveAsync(page);
        await Expect(Rows.First).ToBeVisibleAsync();
    }

    /// <summary>Rows whose 操作 is <paramref name="actionName"/> and whose text (详情 included) contains <paramref name="text"/>.</summary>
    public ILocator RowsOf(string actionName, string? text = null)
    {
        var rows = Rows.Filter(new() { Has = page.Locator("td:nth-child(5)", new() { HasTextString = actionName }) });
        return text is null ? rows : rows.Filter(new() { HasTextString = text });
    }

    public async Task FilterByUserAsync(string userName)
    {
        await page.Locator("#audit-user").FillAsync(userName);
        await page.Locator("#audit-search").ClickAsync();
    }
}
