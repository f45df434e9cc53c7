namespace DutyDesk.E2E.Infrastructure;

/// <summary>Debian's Chromium, headless, driven by Playwright; never a downloaded browser.</summary>
public sealed class BrowserHost : IAsyncDisposable
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private readonly IPlaywright playwright;

    private BrowserHost(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<BrowserHost> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = ChromiumArgs,
                Timeout = 30_000,
            });
            return new BrowserHost(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh profile (no cookies) with a Chinese locale and a desktop-sized window.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString().TrimEnd('/'),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(15_000);
        await context.AddInitScriptAsync(Interactivity.MarkStaticMarkupScript);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
