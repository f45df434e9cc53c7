using System.Text.RegularExpressions;

namespace DutyDesk.E2E.Pages;

/// <summary>/account/login: a static form (it sets the cookie), so it needs no circuit.</summary>
public sealed partial class LoginPage(IPage page)
{
    public ILocator Heading => page.Locator("h1.dd-account-h1");

    public ILocator Error => page.Locator("#login-error");

    public ILocator Notice => page.Locator(".ant-alert-info[role=status]");

    public async Task ExpectShownAsync()
    {
        await Expect(page).ToHaveURLAsync(UrlPattern());
        await Expect(Heading).ToHaveTextAsync("登录");
    }

    public async Task SignInAsync(string userName, string password)
    {
        await page.Locator("#username").FillAsync(userName);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#login-submit").ClickAsync();
    }

    [GeneratedRegex(@"/account/login(\?|$)")]
    private static partial Regex UrlPattern();
}
