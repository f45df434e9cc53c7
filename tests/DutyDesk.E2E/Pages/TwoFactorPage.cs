using System.Text.RegularExpressions;
using OtpNet;

namespace DutyDesk.E2E.Pages;

/// <summary>/account/two-factor: binds an authenticator app; the test plays the app with Otp.NET.</summary>
public sealed partial class TwoFactorPage(IPage page)
{
    public ILocator Key => page.Locator("#authenticator-key");

    public ILocator Enabled => page.Locator("#two-factor-enabled");

    public ILocator RequiredNotice => page.Locator(".ant-alert-warning[role=status]");

    public async Task ExpectShownAsync()
    {
        await Expect(page).ToHaveURLAsync(UrlPattern());
        await Expect(Key).ToBeVisibleAsync();
    }

    /// <summary>Reads the shared key, enters the current code and waits for the confirmation.</summary>
    public async Task EnableAsync()
    {
        var key = (await Key.InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).Trim();
        Assert.False(string.IsNullOrEmpty(key), "The page shows no authenticator key.");
        var code = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();
        await page.Locator("#code").FillAsync(code);
        await page.Locator("#enable-submit").ClickAsync();
        await Expect(Enabled).ToBeVisibleAsync();
    }

    public Task ContinueAsync() => page.Locator("#continue").ClickAsync();

    [GeneratedRegex(@"/account/two-factor(\?|$)")]
    private static partial Regex UrlPattern();
}
