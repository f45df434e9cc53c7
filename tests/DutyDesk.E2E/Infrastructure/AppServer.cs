using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using DutyDesk.Platform.Identity;

namespace DutyDesk.E2E.Infrastructure;

/// <summary>
/// The real DutyDesk host (Program.cs: migrations, demo seed, Blazor, jobs) served by Kestrel on a
/// free loopback port, on a fresh SQLite database in a temporary directory, so that a real browser can reach it.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private readonly Factory factory;

    private readonly IReadOnlyDictionary<string, string?> settings;

    private AppServer(string dataDirectory, IReadOnlyDictionary<string, string?> settings)
    {
        DataDirectory = dataDirectory;
        this.settings = settings;
        factory = new Factory(this);
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal)));
    }

    public string DataDirectory { get; }

    public CapturingCredentialsSink Credentials { get; } = new();

    public Uri BaseAddress { get; }

    /// <summary>Starts a fresh installation; <paramref name="settings"/> override configuration (e.g. a faster poller).</summary>
    public static AppServer Start(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "dutydesk-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return new AppServer(directory, settings ?? new Dictionary<string, string?>());
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temporary directory behind.
        }
    }

    private sealed class Factory(AppServer server) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("DutyDesk:DataDirectory", server.DataDirectory);
            builder.UseSetting("DutyDesk:Database:Provider", "Sqlite");
            builder.UseSetting("Urls", "http://127.0.0.1:0");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in server.settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services => services.AddSingleton<IInitialCredentialsSink>(server.Credentials));
        }
    }
}
