using System.Text.RegularExpressions;
using DutyDesk.E2E.Infrastructure;

namespace DutyDesk.E2E.Pages;

/// <summary>单位管理 (/admin/units): the unit tree as an indented table, with a dialog to create, rename and move.</summary>
public sealed class UnitsPage(IPage page)
{
    public const string Path = "/admin/units";

    public ILocator Rows => page.Locator(Interactivity.Live(".ant-table-tbody tr.ant-table-row"));

    /// <summary>The create / rename dialog, found by its name field.</summary>
    public ILocator Dialog => page.Locator(".ant-modal-content").Filter(new() { Has = page.Locator("#unit-name") });

    public ILocator DialogError => Dialog.Locator(".dd-error");

    public ILocator DialogOk => Dialog.Locator(".ant-modal-footer .ant-btn-primary");

    public async Task OpenAsync()
    {
        await page.GotoAsync(Path);
        await Interactivity.WaitUntilInteractiveAsync(page);
        await Expect(Rows.First).ToBeVisibleAsync();
    }

    /// <summary>The row whose 名称 is exactly <paramref name="name"/>.</summary>
    public ILocator Row(string name)
        => Rows.Filter(new() { Has = page.Locator(".dd-unit-name").Filter(new() { HasTextRegex = Exactly(name) }) });

    public async Task OpenCreateChildOfAsync(string parentName)
    {
        await Row(parentName).Locator(".dd-add-child").ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
        await Expect(Dialog).ToContainTextAsync($"在“{parentName}”下新建单位");
    }

    public Task TypeNameAsync(string name) => Dialog.Locator("#unit-name").FillAsync(name);

    public async Task ConfirmAsync()
    {
        await Expect(DialogOk).ToHaveTextAsync(new Regex(@"^\s*确\s*定\s*$"));
        await DialogOk.ClickAsync();
    }

    private static Regex Exactly(string text) => new($"^\\s*{Regex.Escape(text)}\\s*$");
}
