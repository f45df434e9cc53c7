using DutyDesk.Platform.Data;
using DutyDesk.Platform.Features.Tasks;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Outbox;
using DutyDesk.Platform.Scope;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DutyDesk.Integration.Tests.Infrastructure;

/// <summary>
/// The real DutyDesk host (Program.cs: migrations, seeding, endpoints) on a database of the test's
/// own, with a fake clock, the background jobs off and the one-time passwords captured.
/// It can be stopped and started again on the same database, as a restarted process would be.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly Dictionary<string, string?> settings;
    private Factory? factory;

    private TestHost(TestDatabase database, FakeTimeProvider clock, Dictionary<string, string?> settings)
    {
        ConfigureServices = _ => { };
        Database = database;
        Clock = clock;
        this.settings = settings;
    }

    public TestDatabase Database { get; }

    /// <summary>Extra services for the next start (e.g. a fault-injecting interceptor).</summary>
    public Action<IServiceCollection> ConfigureServices { get; set; }

    public FakeTimeProvider Clock { get; }

    /// <summary>The sink of the current run; a run that did not seed has an empty one.</summary>
    public CapturingCredentialsSink Credentials { get; private set; } = new();

    public IServiceProvider Services => (factory ?? throw new InvalidOperationException("The host is stopped.")).Services;

    public DatabaseProvider Provider => Database.Provider;

    public string DataDirectory => Database.DataDirectory;

    public static async Task<TestHost> StartAsync(DatabaseProvider provider, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        // A start time with sub-microsecond ticks, so that precision lost by a database shows up in tests.
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond) + 1_234_567, TimeSpan.Zero);
        var host = new TestHost(TestDatabase.Create(provider), new FakeTimeProvider(start), new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()));
        host.ConfigureServices = services ?? host.ConfigureServices;
        try
        {
            return await host.StartAgainAsync();
        }
        catch
        {
            await host.DisposeAsync(); // drop the database even when the host did not come up
            throw;
        }
    }

    /// <summary>Starts the host (again) on the same database and clock.</summary>
    public Task<TestHost> StartAgainAsync()
    {
        if (factory is not null)
        {
            throw new InvalidOperationException("The host is already running.");
        }

        Credentials = new CapturingCredentialsSink();
        factory = new Factory(this);
        // Touching Services builds the host: Program.cs migrates, seeds and starts it.
        _ = factory.Services;
        return Task.FromResult(this);
    }

    /// <summary>Stops the host without running any more work, like a killed process.</summary>
    public async Task StopAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
            factory = null;
        }
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAgainAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Database.DisposeAsync();
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public HttpClient CreateClient(bool followRedirects = false)
        => (factory ?? throw new InvalidOperationException("The host is stopped."))
            .CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects, HandleCookies = true });

    public Task<AppDbContext> DbAsync() => Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

    /// <summary>As if the person had signed in, set their own password and (administrators) enrolled TOTP.</summary>
    public async Task CompleteFirstSignInAsync(string userName)
    {
        await using var db = await DbAsync();
        await db.Users.Where(u => u.UserName == userName)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.MustChangePassword, false).SetProperty(u => u.TwoFactorEnabled, true));
    }

    public async Task<Guid> UserIdAsync(string userName)
    {
        await using var db = await DbAsync();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    public async Task<Guid> UnitIdAsync(string name)
    {
        await using var db = await DbAsync();
        return await db.Units.Where(u => u.Name == name).Select(u => u.Id).SingleAsync();
    }

    public async Task<Actor> ActorAsync(string userName)
        => await Get<ActorLoader>().LoadAsync(await UserIdAsync(userName), "127.0.0.1")
           ?? throw new InvalidOperationException($"{userName} cannot act (missing or disabled).");

    /// <summary>Creates a task through the handler and fails the test if that is refused.</summary>
    public async Task<Guid> CreateTaskAsync(string creator, string unit, string owner, TimeSpan dueIn,
        string? reminders = null, bool evidence = false, string? escalateTo = null, string title = "测试待办")
    {
        var command = new CreateTaskCommand(
            title, null, await UnitIdAsync(unit), await UserIdAsync(owner), Clock.GetUtcNow().UtcDateTime + dueIn, reminders,
            escalateTo is null ? null : await UserIdAsync(escalateTo), evidence);
        var created = await Get<ManageTasks>().CreateAsync(await ActorAsync(creator), command);
        Assert.True(created.IsSuccess, created.Error?.Message);
        return created.Value;
    }

    /// <summary>One round of the outbox dispatcher, bounded in time (a hung receiver fails the test).</summary>
    public async Task<int> DispatchOutboxAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await Get<OutboxDispatcher>().RunOnceAsync(timeout.Token);
    }

    /// <summary>A second node on the same database and clock, as in a multi-node installation.</summary>
    public IAsyncDisposable StartSecondNode(string nodeName, out IServiceProvider services)
    {
        var second = new Factory(this, nodeName);
        services = second.Services;
        return second;
    }

    private sealed class Factory(TestHost host, string nodeName = "node-1") : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("DutyDesk:Outbox:NodeName", nodeName);
            builder.UseSetting("DutyDesk:DataDirectory", host.Database.DataDirectory);
            builder.UseSetting("DutyDesk:Database:Provider", host.Database.Provider.ToString());
            builder.UseSetting("DutyDesk:Database:ConnectionString", host.Database.ConnectionString);
            builder.UseSetting("DutyDesk:Jobs:Enabled", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
            foreach (var (key, value) in host.settings)
            {
                builder.UseSetting(key, value);
            }

            var sink = host.Credentials;
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(host.Clock);
                services.AddSingleton<IInitialCredentialsSink>(sink);
                // Every test seeds 16 accounts; the production hashing cost would dominate the suite's time.
                services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
                host.ConfigureServices(services);
            });
        }
    }
}
