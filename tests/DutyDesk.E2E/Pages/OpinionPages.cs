using DutyDesk.E2E.Infrastructure;

namespace DutyDesk.E2E.Pages;

/// <summary>监测方案 (/opinion/schemes/new): the form and its preview before saving.</summary>
public sealed class SchemeEditPage(IPage page)
{
    public ILocator TextPreview => page.Locator(Interactivity.Live("#preview-text-result"));

    public ILocator StoredPreview => page.Locator(Interactivity.Live("#preview-stored-result"));

    public ILocator SchemesTable => page.Locator(Interactivity.Live("#schemes-table"));

    public ILocator ErrorFor(string field) => page.Locator($".dd-field-error[data-field='{field}']");

    public async Task OpenNewFromListAsync()
    {
        await page.GotoAsync("/opinion/schemes");
        await Interactivity.WaitUntilInteractiveAsync(page);
        await page.Locator(Interactivity.Live("#scheme-new")).ClickAsync();
        await Expect(page.Locator(Interactivity.Live("#scheme-name"))).ToBeVisibleAsync();
    }

    public async Task FillGroupsAsync(string name, string subjects, string events)
    {
        await page.Locator("#scheme-name").FillAsync(name);
        await page.Locator("#scheme-subjects").FillAsync(subjects);
        await page.Locator("#scheme-events").FillAsync(events);
    }

    public async Task UseExpressionAsync(string expression)
    {
        await page.Locator("#scheme-mode label").Filter(new() { HasTextString = "高级表达式" }).ClickAsync();
        await page.Locator("#scheme-expression").FillAsync(expression);
    }

    public async Task UseGroupsAsync() => await page.Locator("#scheme-mode label").Filter(new() { HasTextString = "分组词" }).ClickAsync();

    public async Task PreviewTextAsync(string text)
    {
        await page.Locator("#preview-text").FillAsync(text);
        await page.Locator("#preview-text-run").ClickAsync();
    }

    public Task PreviewStoredAsync() => page.Locator("#preview-stored-run").ClickAsync();

    public Task SaveAsync() => page.Locator("#scheme-save").ClickAsync();
}

/// <summary>舆情信息 (/opinion/items): the stream and the 人工报送 dialog.</summary>
public sealed class ItemsPage(IPage page)
{
    public ILocator Items => page.Locator(Interactivity.Live("#items-list .dd-item"));

    public ILocator ReportDialog => page.Locator(".ant-modal-content").Filter(new() { Has = page.Locator("#report-seen, .dd-report-outcome") });

    public ILocator ReportOutcome => ReportDialog.Locator(".dd-report-outcome");

    public async Task OpenAsync()
    {
        await page.GotoAsync("/opinion/items");
        await Interactivity.WaitUntilInteractiveAsync(page);
    }

    public async Task ReportAsync(string url, string title, string text, string seenWhere)
    {
        await page.Locator(Interactivity.Live("#item-report")).ClickAsync();
        await Expect(ReportDialog).ToBeVisibleAsync();
        await ReportDialog.Locator("#report-url").FillAsync(url);
        await ReportDialog.Locator("#report-title").FillAsync(title);
        await ReportDialog.Locator("#report-text").FillAsync(text);
        await ReportDialog.Locator("#report-seen").FillAsync(seenWhere);
        await ReportDialog.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
    }

    public Task CloseReportAsync() => ReportDialog.Locator(".ant-modal-footer .ant-btn:not(.ant-btn-primary)").ClickAsync();
}

/// <summary>信息源 (/opinion/sources): the health table, the source dialog and the push-secret dialog.</summary>
public sealed class SourcesPage(IPage page)
{
    public ILocator Rows => page.Locator(Interactivity.Live("#sources-table .ant-table-tbody tr.ant-table-row"));

    public ILocator Dialog => page.Locator(".ant-modal-content").Filter(new() { Has = page.Locator("#source-name") });

    public ILocator SecretDialog => page.Locator(".ant-modal-content").Filter(new() { Has = page.Locator("#secret-confirm, #push-secret") });

    public async Task OpenAsync()
    {
        await page.GotoAsync("/opinion/sources");
        await Interactivity.WaitUntilInteractiveAsync(page);
    }

    public async Task AddPushSourceAsync(string name)
    {
        await page.Locator(Interactivity.Live("#source-new")).ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
        await Dialog.Locator("#source-name").FillAsync(name);
        await Dialog.Locator("#source-kind").SelectOptionAsync("Push");
        await Dialog.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Expect(Dialog).ToBeHiddenAsync();
    }

    public async Task AddFeedSourceAsync(string name, string url)
    {
        await page.Locator(Interactivity.Live("#source-new")).ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
        await Dialog.Locator("#source-name").FillAsync(name);
        await Dialog.Locator("#source-kind").SelectOptionAsync("Feed");
        await Dialog.Locator("#source-url").FillAsync(url);
        await Dialog.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Expect(Dialog).ToBeHiddenAsync();
    }

    public async Task IssueSecretAsync(string sourceName)
    {
        await Rows.Filter(new() { HasTextString = sourceName }).Locator(".dd-push-secret").ClickAsync();
        await Expect(SecretDialog.Locator("#secret-confirm")).ToBeVisibleAsync();
        await SecretDialog.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Expect(SecretDialog.Locator("#push-secret")).ToBeVisibleAsync();
    }
}
