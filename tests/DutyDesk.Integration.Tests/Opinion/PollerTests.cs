using System.Diagnostics;
using System.Text;
using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Jobs;
using DutyDesk.Platform.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DutyDesk.Integration.Tests.Opinion;

/// <summary>The poller against a real HTTP server on 127.0.0.1: conditional GET, health in words, back-off, timeout, politeness, leases.</summary>
public sealed class PollerTests
{
    private const string Map = """{"items":"data.list","id":"id","title":"title","text":"content","url":"link","published":"time","reads":"views"}""";

    private const string Json = """
        {"data":{"list":[
          {"id":101,"title":"第一中学门口发生交通事故","content":"放学时段","link":"https://news.example.cn/101","time":"2026-11-30 07:40","views":"350"},
          {"id":102,"title":"第一中学开展安全演练","content":"全体师生参加","link":"https://news.example.cn/102"}
        ]}}
        """;

    private const string Rss = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>本地论坛</title><link>https://bbs.example.cn/</link>
          <item><title>第一中学食堂涨价引热议</title><link>https://bbs.example.cn/t/1</link><guid>t-1</guid>
            <description>&lt;p&gt;网友说饭菜贵了&lt;/p&gt;</description><pubDate>Sun, 29 Nov 2026 12:00:00 +0800</pubDate></item>
          <item><title>第一中学举办读书节</title><link>https://bbs.example.cn/t/2</link><guid>t-2</guid></item>
        </channel></rss>
        """;

    [Theory]
    [BothProviders]
    public async Task Poll_JsonSource_FirstPollAddsItemsSecondSendsValidatorsAndGets304(DatabaseProvider provider)
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (context.Request.Headers.IfNoneMatch == "\"v1\"")
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            context.Response.Headers.ETag = "\"v1\"";
            context.Response.Headers.LastModified = "Mon, 30 Nov 2026 00:00:00 GMT";
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(Json);
        });
        await using var host = await StartAsync(provider);
        var sourceId = await IntakeTestData.CreateSourceAsync(host, "区新闻网接口", SourceKind.JsonPull, server.Url("/api/news"), Map);

        var first = await RunAsync(host);
        var afterFirst = await IntakeTestData.SourceAsync(host, sourceId);
        host.Clock.Advance(TimeSpan.FromMinutes(15));
        var second = await RunAsync(host);
        var afterSecond = await IntakeTestData.SourceAsync(host, sourceId);

        Assert.Equal((1, 1), (first, second));
        var items = await IntakeTestData.ItemsAsync(host, sourceId);
        Assert.Equal(2, items.Count);
        var accident = items.Single(i => i.Title == "第一中学门口发生交通事故");
        Assert.Equal((350L, "放学时段", new DateTime(2026, 11, 29, 23, 40, 0, DateTimeKind.Utc)), (accident.Reads, accident.Text, accident.PublishedAt!.Value));
        Assert.Equal(("\"v1\"", "Mon, 30 Nov 2026 00:00:00 GMT", 0), (afterFirst.ETag, afterFirst.LastModified, afterFirst.ConsecutiveFailures));
        var hits = server.HitsTo("/api/news");
        Assert.Equal(2, hits.Count);
        Assert.Null(hits[0].IfNoneMatch);
        Assert.Equal(("\"v1\"", "Mon, 30 Nov 2026 00:00:00 GMT"), (hits[1].IfNoneMatch, hits[1].IfModifiedSince));
        Assert.Equal(SourcePoller.UserAgent, hits[0].UserAgent);
        var now = host.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(now, afterSecond.LastSuccessAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(now.AddMinutes(15), afterSecond.NextPollAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(("\"v1\"", (DateTime?)null, (string?)null), (afterSecond.ETag, afterSecond.LeaseUntil, afterSecond.LastError));
        Assert.Equal(0, await RunAsync(host));
    }

    [Theory]
    [BothProviders]
    public async Task Poll_RssFeed_EntriesAddedAsItems(DatabaseProvider provider)
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/rss+xml; charset=utf-8";
            await context.Response.WriteAsync(Rss);
        });
        await using var host = await StartAsync(provider);
        var sourceId = await IntakeTestData.CreateSourceAsync(host, "本地论坛", SourceKind.Feed, server.Url("/rss"));

        Assert.Equal(1, await RunAsync(host));

        var items = await IntakeTestData.ItemsAsync(host, sourceId);
        Assert.Equal(["第一中学举办读书节", "第一中学食堂涨价引热议"], items.Select(i => i.Title).Order(StringComparer.Ordinal));
        var price = items.Single(i => i.Title == "第一中学食堂涨价引热议");
        Assert.Equal(("网友说饭菜贵了", "https://bbs.example.cn/t/1", "bbs.example.cn"), (price.Text, price.Url, price.Site));
        Assert.Equal(new DateTime(2026, 11, 29, 4, 0, 0, DateTimeKind.Utc), price.PublishedAt);
        Assert.StartsWith("id:", price.DedupeKey, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Poll_ServerErrorAndWrongDocuments_LastErrorInWordsAndBackOffDoubles(DatabaseProvider provider)
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            switch (context.Request.Path.Value)
            {
                case "/broken":
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    break;
                case "/missing":
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    break;
                case "/html":
                    context.Response.ContentType = "text/html";
                    await context.Response.WriteAsync("<html><body>维护中</body></html>");
                    break;
                default:
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync("""{"result":[]}""");
                    break;
            }
        });
        await using var host = await StartAsync(provider);
        var broken = await IntakeTestData.CreateSourceAsync(host, "出错的接口", SourceKind.JsonPull, server.Url("/broken"), Map);
        var missing = await IntakeTestData.CreateSourceAsync(host, "不存在的订阅", SourceKind.Feed, server.Url("/missing"));
        var html = await IntakeTestData.CreateSourceAsync(host, "其实是网页", SourceKind.Feed, server.Url("/html"));
        var unmapped = await IntakeTestData.CreateSourceAsync(host, "字段不对的接口", SourceKind.JsonPull, server.Url("/other"), Map);
        var start = host.Clock.GetUtcNow().UtcDateTime;

        Assert.Equal(4, await RunAsync(host));
        var once = await IntakeTestData.SourceAsync(host, broken);
        host.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(0, await RunAsync(host));
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(4, await RunAsync(host));
        var twice = await IntakeTestData.SourceAsync(host, broken);

        Assert.Equal(("对方返回 500 服务器内部错误", 1), (once.LastError, once.ConsecutiveFailures));
        Assert.Equal(start.AddMinutes(30), once.NextPollAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Null(once.LastSuccessAt);
        Assert.Equal(2, twice.ConsecutiveFailures);
        Assert.Equal(start.AddMinutes(30 + 60), twice.NextPollAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, server.HitsTo("/broken").Count);
        Assert.Equal("对方返回 404 未找到", (await IntakeTestData.SourceAsync(host, missing)).LastError);
        Assert.StartsWith("不是可识别的 RSS/Atom 订阅：", (await IntakeTestData.SourceAsync(host, html)).LastError, StringComparison.Ordinal);
        Assert.StartsWith("JSON 字段映射不符：", (await IntakeTestData.SourceAsync(host, unmapped)).LastError, StringComparison.Ordinal);
        Assert.Contains("data.list", (await IntakeTestData.SourceAsync(host, unmapped)).LastError, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Poll_SlowServer_TimesOutWithWordsAndNothingStored(DatabaseProvider provider)
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            await context.Response.WriteAsync(Json);
        });
        await using var host = await StartAsync(provider, new Dictionary<string, string?> { ["DutyDesk:Opinion:Poller:TimeoutSeconds"] = "1" });
        var sourceId = await IntakeTestData.CreateSourceAsync(host, "很慢的接口", SourceKind.JsonPull, server.Url("/slow"), Map);
        var watch = Stopwatch.StartNew();

        Assert.Equal(1, await RunAsync(host));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"took {watch.Elapsed}");
        var source = await IntakeTestData.SourceAsync(host, sourceId);
        Assert.Equal(("连接超时（1 秒）", 1), (source.LastError, source.ConsecutiveFailures));
        Assert.Empty(await IntakeTestData.ItemsAsync(host, sourceId));
    }

    [Theory]
    [BothProviders]
    public async Task Poll_TwoSourcesOfOneHost_RequestsSpacedByPoliteness(DatabaseProvider provider)
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Json);
        });
        await using var host = await StartAsync(provider, new Dictionary<string, string?> { ["DutyDesk:Opinion:Poller:HostSpacingSeconds"] = "1.5" });
        await IntakeTestData.CreateSourceAsync(host, "接口甲", SourceKind.JsonPull, server.Url("/a"), Map);
        await IntakeTestData.CreateSourceAsync(host, "接口乙", SourceKind.JsonPull, server.Url("/b"), Map);

        Assert.Equal(2, await RunAsync(host));

        var times = server.Hits.Select(h => h.Timestamp).Order().ToList();
        Assert.Equal(2, times.Count);
        Assert.True(Stopwatch.GetElapsedTime(times[0], times[1]) >= TimeSpan.FromSeconds(1.4), $"spaced {Stopwatch.GetElapsedTime(times[0], times[1])}");
    }

    [Theory]
    [BothProviders]
    public async Task Poll_TwoNodesOnOneDatabase_EachSourceFetchedOnce(DatabaseProvider provider)
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300), context.RequestAborted);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Json);
        });
        await using var host = await StartAsync(provider);
        await using var second = host.StartSecondNode("node-2", out var secondServices);
        var paths = Enumerable.Range(1, 4).Select(i => $"/feed{i}").ToList();
        foreach (var path in paths)
        {
            await IntakeTestData.CreateSourceAsync(host, "接口" + path, SourceKind.JsonPull, server.Url(path), Map);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var polled = await Task.WhenAll(
            host.Get<SourcePoller>().RunOnceAsync(timeout.Token),
            secondServices.GetRequiredService<SourcePoller>().RunOnceAsync(timeout.Token));

        Assert.Equal(paths.Count, polled.Sum());
        Assert.All(paths, path => Assert.Single(server.HitsTo(path)));
    }

    [Theory]
    [BothProviders]
    public async Task Poll_LoopbackAddressByDefault_RefusedInWordsWithoutRequest(DatabaseProvider provider)
    {
        await using var server = await LoopbackServer.StartAsync(context => context.Response.WriteAsync(Json));
        await using var host = await StartAsync(provider, new Dictionary<string, string?> { ["DutyDesk:Opinion:Poller:AllowPrivateAddresses"] = "false" });
        var sourceId = await IntakeTestData.CreateSourceAsync(host, "本机接口", SourceKind.JsonPull, server.Url("/internal"), Map);

        Assert.Equal(1, await RunAsync(host));

        var source = await IntakeTestData.SourceAsync(host, sourceId);
        Assert.Equal((SourcePoller.PrivateAddressRefused, 1), (source.LastError, source.ConsecutiveFailures));
        Assert.Empty(server.Hits);
        Assert.Empty(await IntakeTestData.ItemsAsync(host, sourceId));
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.10", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("8.8.8.8", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("2400:3200::1", true)]
    public void IsPublic_Address_OnlyInternetAddresses(string address, bool expected)
        => Assert.Equal(expected, PollerHandler.IsPublic(System.Net.IPAddress.Parse(address)));

    private static Task<TestHost> StartAsync(DatabaseProvider provider, Dictionary<string, string?>? settings = null)
    {
        // The test servers listen on 127.0.0.1, which production refuses by default.
        var all = new Dictionary<string, string?> { ["DutyDesk:Opinion:Poller:HostSpacingSeconds"] = "0", ["DutyDesk:Opinion:Poller:AllowPrivateAddresses"] = "true" };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return TestHost.StartAsync(provider, all);
    }

    private static async Task<int> RunAsync(TestHost host)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await host.Get<SourcePoller>().RunOnceAsync(timeout.Token);
    }
}
