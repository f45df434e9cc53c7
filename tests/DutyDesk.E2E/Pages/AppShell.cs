using System.Text.RegularExpressions;
using DutyDesk.E2E.Infrastructure;

namespace DutyDesk.E2E.Pages;

/// <summary>What every signed-in page shares: the header with the user's name and the sign-out button, and 工作台 at /.</summary>
public sealed partial class AppShell(IPage page)
{
    public ILocator UserName => page.Locator(".dd-header .dd-user");

    public ILocator Title => page.Locator("h1.dd-page-title");

    public async Task ExpectHomeAsync()
    {
        await Expect(page).ToHaveURLAsync(HomePattern());
        await Expect(Title).ToHaveTextAsync("工作台");
    }

    /// <summary>The header's sign-out is a plain form post; waiting for the circuit first keeps the click off markup about to be replaced.</summary>
    public async Task SignOutAsync()
    {
        await Interactivity.WaitUntilInteractiveAsync(page);
        await page.Locator("#logout").ClickAsync();
    }

    [GeneratedRegex(@"^https?://[^/]+/$")]
    private static partial Regex HomePattern();
}
