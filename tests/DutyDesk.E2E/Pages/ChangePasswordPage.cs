using System.Text.RegularExpressions;

namespace DutyDesk.E2E.Pages;

/// <summary>/account/change-password, where a one-time password must be replaced before anything else.</summary>
public sealed partial class ChangePasswordPage(IPage page)
{
    public ILocator Error => page.Locator("#password-error");

    public ILocator MustChangeNotice => page.Locator(".ant-alert-warning[role=status]");

    public async Task ExpectShownAsync()
    {
        await Expect(page).ToHaveURLAsync(UrlPattern());
        await Expect(page.Locator("h1.dd-account-h1")).ToHaveTextAsync("修改密码");
    }

    public async Task SubmitAsync(string current, string newPassword, string confirmation)
    {
        await page.Locator("#current").FillAsync(current);
        await page.Locator("#new").FillAsync(newPassword);
        await page.Locator("#confirm").FillAsync(confirmation);
        await page.Locator("#change-submit").ClickAsync();
    }

    [GeneratedRegex(@"/account/change-password(\?|$)")]
    private static partial Regex UrlPattern();
}
