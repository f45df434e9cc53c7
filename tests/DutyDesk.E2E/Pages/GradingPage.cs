using DutyDesk.E2E.Infrastructure;

namespace DutyDesk.E2E.Pages;

public sealed class GradingPage(IPage page)
{
    public ILocator Source => page.Locator(Interactivity.Live("#grading-source"));

    public ILocator Gap => page.Locator(Interactivity.Live("#grading-gap"));

    public ILocator Done => page.Locator(Interactivity.Live("#grading-done"));

    public ILocator SaveDialog => page.Locator(".ant-modal-content").Filter(new() { Has = page.Locator("#grading-save-confirm") });

    public ILocator ErrorFor(string field) => page.Locator($".dd-field-error[data-field='{field}']");

    public async Task OpenAsync()
    {
        await page.GotoAsync("/opinion/grading");
        await Interactivity.WaitUntilInteractiveAsync(page);
        await Expect(Source).ToBeVisibleAsync();
    }

    public async Task SetNumberAsync(string id, int value)
    {
        var input = page.Locator(Interactivity.Live($"#{id} input"));
        await input.FillAsync(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await input.PressAsync("Tab");
    }

    public async Task SetListAsync(string id, params string[] lines)
    {
        var area = page.Locator(Interactivity.Live($"#{id}"));
        await area.FillAsync(string.Join('\n', lines));
        await area.PressAsync("Tab");
    }

    /// <summary>Saves through the confirmation, which closes either way: a refused value is shown at its field.</summary>
    public async Task SaveAsync()
    {
        await page.Locator(Interactivity.Live("#grading-save")).ClickAsync();
        await Expect(SaveDialog).ToBeVisibleAsync();
        await SaveDialog.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
    }
}
