using System.Text.RegularExpressions;
using DutyDesk.E2E.Infrastructure;

namespace DutyDesk.E2E.Pages;

/// <summary>用户与角色 (/admin/users): the accounts in the user's scope and the dialogs that create and change them.</summary>
public sealed class UsersPage(IPage page)
{
    public const string Path = "/admin/users";

    public ILocator Rows => page.Locator(Interactivity.Live(".ant-table-tbody tr.ant-table-row"));

    public ILocator Editor => page.Locator(".ant-modal-content").Filter(new() { Has = page.Locator("#display-name") });

    public ILocator EditorError => Editor.Locator(".dd-error");

    public ILocator IssuedPassword => page.Locator("#issued-password");

    public ILocator HomeUnitSelection => Editor.Locator(".ant-select-selection-item");

    public async Task OpenAsync()
    {
        await page.GotoAsync(Path);
        await Interactivity.WaitUntilInteractiveAsync(page);
        await Expect(Rows.First).ToBeVisibleAsync();
    }

    public ILocator Row(string userName)
        => Rows.Filter(new() { Has = page.Locator("td").Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(userName)}\\s*$") }) });

    public async Task OpenNewUserAsync()
    {
        await page.Locator("#new-user").ClickAsync();
        await Expect(Editor).ToBeVisibleAsync();
        await Expect(Editor).ToContainTextAsync("新建用户");
    }

    public async Task FillAsync(string userName, string displayName)
    {
        await Editor.Locator("#user-name").FillAsync(userName);
        await Editor.Locator("#display-name").FillAsync(displayName);
    }

    /// <summary>所属单位 is an AntDesign Select: open its dropdown and pick the option by its label.</summary>
    public async Task ChooseHomeUnitAsync(string unitName)
    {
        await Editor.Locator(".ant-select").ClickAsync();
        var option = page.Locator(".ant-select-dropdown .ant-select-item-option").Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(unitName)}\\s*$") });
        await option.ClickAsync();
        await Expect(HomeUnitSelection).ToHaveTextAsync(unitName);
    }

    public async Task SaveAsync()
    {
        var save = Editor.Locator(".ant-modal-footer .ant-btn-primary");
        await Expect(save).ToHaveTextAsync(new Regex(@"^\s*保\s*存\s*$"));
        await save.ClickAsync();
    }

    public Task AcknowledgePasswordAsync() => page.Locator("#issued-ok").ClickAsync();
}
