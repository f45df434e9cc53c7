namespace DutyDesk.E2E.Infrastructure;

/// <summary>
/// A journey in a real browser against a fresh installation: its own server (SQLite in a temp
/// folder, one-time passwords captured), its own Chromium, and screenshots on the way and on failure.
/// </summary>
public abstract class BrowserJourney : IAsyncLifetime
{
    protected Screenshots Screenshots { get; } = new();

    protected AppServer Server { get; private set; } = default!;

    protected BrowserHost Browser { get; private set; } = default!;

    /// <summary>Configuration the journey's server starts with, beyond the defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(10_000);
        Server = AppServer.Start(Settings);
        Browser = await BrowserHost.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    /// <summary>Runs the steps on a new page; a failing step leaves a screenshot and the page's HTML.</summary>
    protected async Task RunAsync(Func<IPage, Task> steps)
    {
        var page = await Browser.NewPageAsync(Server.BaseAddress);
        try
        {
            await steps(page);
        }
        catch
        {
            await Screenshots.TakeFailureAsync(page);
            throw;
        }
    }
}
