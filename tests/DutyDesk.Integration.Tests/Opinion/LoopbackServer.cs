using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DutyDesk.Integration.Tests.Opinion;

/// <summary>A request the loopback server received: path, the validators and agent sent, and when (monotonic clock).</summary>
internal sealed record ServerHit(string Path, string? IfNoneMatch, string? IfModifiedSince, string? UserAgent, long Timestamp);

/// <summary>A real HTTP server on 127.0.0.1 (Kestrel, port chosen by the system) that answers with the test's handler and records every request.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackServer(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public ConcurrentQueue<ServerHit> Hits { get; } = new();

    public IReadOnlyList<ServerHit> HitsTo(string path) => Hits.Where(h => h.Path == path).ToList();

    public string Url(string path) => new Uri(Address, path).ToString();

    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            // The poller's User-Agent carries Chinese words, sent as UTF-8.
            o.RequestHeaderEncodingSelector = _ => Encoding.UTF8;
        });
        var app = builder.Build();
        LoopbackServer? server = null;
        app.Run(async context =>
        {
            var request = context.Request;
            server!.Hits.Enqueue(new ServerHit(
                request.Path, request.Headers.IfNoneMatch.FirstOrDefault(), request.Headers.IfModifiedSince.FirstOrDefault(),
                request.Headers.UserAgent.FirstOrDefault(), Stopwatch.GetTimestamp()));
            await handler(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new LoopbackServer(app, new Uri(address));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await app.StopAsync(stop.Token);
        await app.DisposeAsync();
    }
}
