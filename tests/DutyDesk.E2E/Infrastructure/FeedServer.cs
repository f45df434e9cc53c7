using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DutyDesk.E2E.Infrastructure;

/// <summary>A real RSS feed on 127.0.0.1 (Kestrel, system-chosen port) that serves whatever the journey puts in it.</summary>
public sealed class FeedServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private volatile string body = Rss([]);

    private FeedServer(WebApplication app) => this.app = app;

    public Uri Address { get; private set; } = default!;

    public string FeedUrl => new Uri(Address, "/feed.xml").ToString();

    public static async Task<FeedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FeedServer(app);
        app.MapGet("/feed.xml", () => Results.Text(server.body, "application/rss+xml; charset=utf-8"));
        await app.StartAsync();
        server.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        return server;
    }

    public void Publish(params (string Title, string Text, string Link, DateTimeOffset Published)[] items) => body = Rss(items);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private static string Rss(IEnumerable<(string Title, string Text, string Link, DateTimeOffset Published)> items)
        => "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>本地论坛</title><link>http://127.0.0.1/</link><description>测试</description>"
            + string.Concat(items.Select(i => $"<item><title>{WebUtility.HtmlEncode(i.Title)}</title><link>{WebUtility.HtmlEncode(i.Link)}</link>"
                + $"<description>{WebUtility.HtmlEncode(i.Text)}</description><pubDate>{i.Published:R}</pubDate><guid>{WebUtility.HtmlEncode(i.Link)}</guid></item>"))
            + "</channel></rss>";
}
