using DutyDesk.E2E.Infrastructure;

namespace DutyDesk.E2E.Pages;

/// <summary>舆情处置: the board (/opinion/response) and a case (/opinion/response/{id}) with its dialogs.</summary>
public sealed class ResponsePages(IPage page)
{
    public ILocator Board => page.Locator(Interactivity.Live("#response-board"));

    public ILocator Step => page.Locator(Interactivity.Live("#response-step"));

    public ILocator Deadlines => page.Locator(Interactivity.Live("#response-deadlines"));

    public ILocator Countdown(string kind) => Deadlines.Locator($".dd-countdown[data-kind='{kind}']");

    public ILocator Timeline => page.Locator(Interactivity.Live("#response-timeline"));

    public ILocator Modal => page.Locator(".ant-modal-content").Last;

    public ILocator ErrorFor(string field) => Modal.Locator($".dd-field-error[data-field='{field}']");

    public async Task OpenCaseAsync(string url, string tab)
    {
        await page.GotoAsync(url);
        await Interactivity.WaitUntilInteractiveAsync(page);
        await OpenTabAsync(tab);
    }

    public Task OpenTabAsync(string tab)
        => page.Locator(Interactivity.Live("#response-tabs .ant-tabs-tab")).Filter(new() { HasTextString = tab }).ClickAsync();

    public async Task OpenBoardAsync()
    {
        await page.GotoAsync("/opinion/response");
        await Interactivity.WaitUntilInteractiveAsync(page);
    }

    /// <summary>From a monitoring event's page: confirm the level and open the case.</summary>
    public async Task OpenFromEventAsync(string level, string? reason)
    {
        await page.Locator(Interactivity.Live("#case-respond")).ClickAsync();
        await Expect(Modal.Locator("#open-level")).ToBeVisibleAsync();
        await Modal.Locator("#open-level").SelectOptionAsync(level);
        if (reason is not null)
        {
            await Modal.Locator("#open-reason").FillAsync(reason);
        }

        await Modal.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
    }

    public async Task MoveAsync(string trigger, string? note)
    {
        await page.Locator(Interactivity.Live($"#move-{trigger}")).ClickAsync();
        await Expect(Modal.Locator("#move-note")).ToBeVisibleAsync();
        if (note is not null)
        {
            await Modal.Locator("#move-note").FillAsync(note);
        }

        await Modal.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
    }

    public async Task RecordActionAsync(string kind, string summary, string? target = null, string? facts = null, string? url = null)
    {
        await page.Locator(Interactivity.Live("#action-add")).ClickAsync();
        await Expect(Modal.Locator("#action-kind")).ToBeVisibleAsync();
        await Modal.Locator("#action-kind").SelectOptionAsync(kind);
        await Modal.Locator("#action-summary").FillAsync(summary);
        if (target is not null)
        {
            await Modal.Locator("#action-target").FillAsync(target);
        }

        if (facts is not null)
        {
            await Modal.Locator("#action-facts").FillAsync(facts);
        }

        if (url is not null)
        {
            await Modal.Locator("#action-url").FillAsync(url);
        }

        await Modal.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
    }
}
