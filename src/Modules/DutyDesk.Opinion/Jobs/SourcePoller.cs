using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using DutyDesk.Documents.Feeds;
using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Periods;
using DutyDesk.Opinion.Features.Sources;
using DutyDesk.Opinion.Ingest;
using DutyDesk.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DutyDesk.Opinion.Jobs;

/// <summary>Settings of the poller of feed and JSON sources (DutyDesk:Opinion:Poller).</summary>
public sealed class PollerOptions
{
    public const string Section = "DutyDesk:Opinion:Poller";

    /// <summary>How often each node looks for sources whose time has come.</summary>
    public int IntervalSeconds { get; set; } = 30;

    /// <summary>The most one fetch may take, connection and body included.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>At least this many seconds between two requests of this node to one host, whatever the sources.</summary>
    public double HostSpacingSeconds { get; set; } = 10;

    /// <summary>A response body larger than this (after decompression) is refused.</summary>
    public long MaxResponseBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Sources taken per round.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Hosts fetched from at once.</summary>
    public int ParallelHosts { get; set; } = 4;

    /// <summary>How long a claim on a source lasts; a node that dies mid-poll frees it after this.</summary>
    public int LeaseMinutes { get; set; } = 10;

    /// <summary>Whether sources may point at this machine or private networks (intranet feeds); off, so addresses cannot reach internal services.</summary>
    public bool AllowPrivateAddresses { get; set; }
}

/// <summary>
/// Polls the feed and JSON sources whose time has come: claims each (lease, optimistic concurrency on the
/// source's Version) so no two nodes fetch one source at once, fetches with a conditional GET, spaces requests
/// to one host, takes the items through the pipeline, and records the source's health in plain words with
/// exponential back-off after failures.
/// </summary>
/// <remarks>
/// The validators (ETag, Last-Modified) are saved only after the pipeline has committed the items: a node that
/// dies between fetch and ingest leaves the old validators, so the next poll fetches the same items again and
/// the pipeline's unique key keeps them from being stored twice.
/// </remarks>
internal sealed class SourcePoller(
    IDbContextFactory<AppDbContext> dbFactory, IngestPipeline pipeline, IHttpClientFactory httpFactory, HostPacer pacer,
    IOptions<PollerOptions> options, TimeProvider clock, ILogger<SourcePoller> logger)
{
    public const string ClientName = "opinion-sources";
    public const string UserAgent = "DutyDesk/1.0 (+舆情监测)";
    public const string PrivateAddressRefused = "地址指向本机或内部网络，出于安全不予抓取（如确需抓取内网地址，请管理员开启 DutyDesk:Opinion:Poller:AllowPrivateAddresses）";
    private const int MaxBackOffMinutes = 24 * 60;

    /// <summary>One round: polls every due source (up to the batch size) and returns how many it polled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        List<(Guid Id, string Url)> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var rows = await db.Set<Source>().AsNoTracking()
                .Where(s => s.Active && s.NextPollAt <= now && (s.Kind == SourceKind.Feed || s.Kind == SourceKind.JsonPull)
                            && (s.LeaseUntil == null || s.LeaseUntil < now))
                .OrderBy(s => s.NextPollAt)
                .Take(Math.Max(1, o.BatchSize))
                .Select(s => new { s.Id, s.Url })
                .ToListAsync(ct);
            due = rows.Select(r => (r.Id, r.Url)).ToList();
        }

        var polled = 0;
        // One host's sources one after another (the pacer spaces them), several hosts at once.
        await Parallel.ForEachAsync(
            due.GroupBy(d => HostPacer.HostOf(d.Url)),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.ParallelHosts), CancellationToken = ct },
            async (host, token) =>
            {
                foreach (var (id, _) in host)
                {
                    if (await PollAsync(id, token))
                    {
                        Interlocked.Increment(ref polled);
                    }
                }
            });
        return polled;
    }

    /// <summary>The wait after <paramref name="failures"/> failures in a row: the interval doubled each time, at most a day.</summary>
    public static TimeSpan BackOff(int pollMinutes, int failures)
        => TimeSpan.FromMinutes(Math.Min(Math.Max(pollMinutes, ManageSources.MinPollMinutes) * Math.Pow(2, Math.Clamp(failures, 0, 30)), MaxBackOffMinutes));

    private async Task<bool> PollAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = await ClaimAsync(db, id, ct);
        if (source is null)
        {
            return false;
        }

        var url = source.Url;
        var fetched = await FetchAsync(source, ct);
        if (fetched.Problem is null && fetched.Items is { Count: > 0 } items)
        {
            try
            {
                await pipeline.IngestAsync(source.Id, items, ct);
            }
            catch (DbUpdateException ex)
            {
                if (logger.IsEnabled(LogLevel.Warning))
                {
                    logger.LogWarning(ex, "Items of source {SourceId} could not be stored", source.Id);
                }

                fetched = Fetched.Failed("保存失败：数据库暂时无法写入，稍后自动重试。");
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        // A sensitive period of the unit or a superior raises monitoring: the next regular poll comes sooner.
        var next = await SensitivePeriods.NextPollAsync(db, source.UnitId, now, TimeSpan.FromMinutes(Math.Max(source.PollMinutes, ManageSources.MinPollMinutes)), ct);
        if (fetched.Problem is { } problem && logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Source {SourceId} poll failed: {Problem}", source.Id, problem);
        }

        await FinishAsync(db, source, url, s =>
        {
            s.LastAttemptAt = now;
            if (fetched.Problem is { } words)
            {
                s.ConsecutiveFailures++;
                s.LastErrorAt = now;
                s.LastError = words.Length <= Source.ErrorMaxLength ? words : words[..(Source.ErrorMaxLength - 1)] + "…";
                s.NextPollAt = now + BackOff(s.PollMinutes, s.ConsecutiveFailures);
                return;
            }

            s.ConsecutiveFailures = 0;
            s.LastSuccessAt = now;
            s.NextPollAt = next;
            if (!fetched.NotModified)
            {
                s.ETag = fetched.ETag is { Length: <= 300 } etag ? etag : null;
                s.LastModified = fetched.LastModified is { Length: <= 100 } modified ? modified : null;
            }
        }, ct);
        return true;
    }

    /// <summary>The source, claimed for this node; null when it is gone, not due, or another node holds it.</summary>
    private async Task<Source?> ClaimAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var source = await db.Set<Source>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (source is null || !source.Active || !ManageSources.IsPolled(source.Kind) || source.NextPollAt is not { } next || next > now || source.LeaseUntil >= now)
        {
            return null;
        }

        source.LeaseUntil = now + TimeSpan.FromMinutes(Math.Max(1, options.Value.LeaseMinutes));
        try
        {
            // The Version token makes this a compare-and-set: of two nodes that read the same row, one saves.
            await db.SaveChangesAsync(ct);
            return source;
        }
        catch (DbUpdateConcurrencyException)
        {
            return null;
        }
    }

    private static async Task FinishAsync(AppDbContext db, Source source, string polledUrl, Action<Source> record, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // A source whose address was changed during the poll keeps the fresh state its editor gave it.
            if (source.Url == polledUrl)
            {
                record(source);
            }

            source.LeaseUntil = null;
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone saved the source while it was polled: record the poll on top of their edit.
                db.ChangeTracker.Clear();
                var fresh = await db.Set<Source>().FirstOrDefaultAsync(s => s.Id == source.Id, ct);
                if (fresh is null)
                {
                    return;
                }

                source = fresh;
            }
        }
    }

    private async Task<Fetched> FetchAsync(Source source, CancellationToken ct)
    {
        var o = options.Value;
        if (!Uri.TryCreate(source.Url, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            return Fetched.Failed("地址不是 http(s) 网址。");
        }

        JsonFieldMap? map = null;
        if (source.Kind == SourceKind.JsonPull)
        {
            var parsed = JsonFieldMap.Parse(source.Settings);
            if (!parsed.IsSuccess)
            {
                return Fetched.Failed("字段映射设置有误：" + parsed.Error!.Message);
            }

            map = parsed.Value;
        }

        await pacer.WaitTurnAsync(HostPacer.HostOf(source.Url), TimeSpan.FromSeconds(Math.Max(0, o.HostSpacingSeconds)), ct);
        var timeout = TimeSpan.FromSeconds(Math.Max(1, o.TimeoutSeconds));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, address);
            request.Headers.Accept.ParseAdd(source.Kind == SourceKind.Feed
                ? "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"
                : "application/json, */*;q=0.8");
            if (source.ETag is { Length: > 0 } etag)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            }

            if (source.LastModified is { Length: > 0 } modified)
            {
                request.Headers.TryAddWithoutValidation("If-Modified-Since", modified);
            }

            using var response = await httpFactory.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new Fetched([], NotModified: true, null, null, null);
            }

            if (!response.IsSuccessStatusCode)
            {
                return Fetched.Failed(StatusWords(response.StatusCode));
            }

            if (response.Content.Headers.ContentLength > o.MaxResponseBytes)
            {
                return Fetched.Failed($"内容过大：超过 {o.MaxResponseBytes / 1024 / 1024} MB 上限，未读取。");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(deadline.Token);
            var body = await ReceivePush.ReadAtMostAsync(stream, o.MaxResponseBytes, deadline.Token);
            if (body is null)
            {
                return Fetched.Failed($"内容过大：超过 {o.MaxResponseBytes / 1024 / 1024} MB 上限，未读取。");
            }

            var items = map is null ? ReadFeed(body, response.Content.Headers.ContentType?.ToString(), address) : ReadJson(body, map);
            return items.Problem is not null
                ? Fetched.Failed(items.Problem)
                : new Fetched(items.Items, NotModified: false, null, response.Headers.ETag?.ToString(), LastModifiedOf(response));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Fetched.Failed($"连接超时（{timeout.TotalSeconds:0} 秒）");
        }
        catch (HttpRequestException ex)
        {
            return Fetched.Failed(NetworkWords(ex, address));
        }
        catch (IOException)
        {
            return Fetched.Failed("读取内容时连接中断。");
        }
    }

    private static (List<IncomingItem> Items, string? Problem) ReadFeed(byte[] body, string? contentType, Uri address)
    {
        var parsed = FeedParser.Parse(body, contentType, address);
        if (!parsed.IsSuccess)
        {
            return ([], "不是可识别的 RSS/Atom 订阅：" + parsed.Problem);
        }

        return (parsed.Feed!.Entries
            .Select(e => new IncomingItem(e.Id, e.Link, e.Title, e.Content ?? e.Summary, e.Published ?? e.Updated))
            .ToList(), null);
    }

    private static (List<IncomingItem> Items, string? Problem) ReadJson(byte[] body, JsonFieldMap map)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(ImportItems.DecodeText(body), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            return ([], $"不是有效的 JSON：第 {(e.LineNumber ?? 0) + 1} 行附近有误。");
        }

        using (document)
        {
            var extracted = map.Extract(document.RootElement);
            return extracted.IsSuccess ? (extracted.Value, null) : ([], "JSON 字段映射不符：" + extracted.Error!.Message);
        }
    }

    private static string? LastModifiedOf(HttpResponseMessage response)
        => response.Content.Headers.TryGetValues("Last-Modified", out var values) ? values.FirstOrDefault() : null;

    private static string StatusWords(HttpStatusCode status) => (int)status switch
    {
        400 => "对方返回 400 请求有误",
        401 => "对方返回 401 需要登录",
        403 => "对方返回 403 禁止访问",
        404 => "对方返回 404 未找到",
        410 => "对方返回 410 已删除",
        429 => "对方返回 429 请求过于频繁",
        500 => "对方返回 500 服务器内部错误",
        502 => "对方返回 502 网关错误",
        503 => "对方返回 503 服务暂不可用",
        504 => "对方返回 504 网关超时",
        var code => $"对方返回 {code} 错误",
    };

    private static string NetworkWords(HttpRequestException ex, Uri address) => ex.HttpRequestError switch
    {
        _ when ex.InnerException is UnauthorizedAccessException => PrivateAddressRefused,
        HttpRequestError.NameResolutionError => $"找不到网站“{address.Host}”（域名无法解析）",
        HttpRequestError.ConnectionError when ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
            => $"无法连接“{address.Authority}”：对方拒绝连接",
        HttpRequestError.ConnectionError => $"无法连接“{address.Authority}”：网络不通或对方未响应",
        HttpRequestError.SecureConnectionError => "HTTPS 安全连接失败：证书无效或加密协议不符",
        HttpRequestError.ResponseEnded => "对方在发送完内容前断开了连接",
        HttpRequestError.InvalidResponse => "对方返回的不是有效的 HTTP 响应",
        HttpRequestError.ConfigurationLimitExceeded => "对方的响应头过大或重定向次数过多",
        _ => "网络错误：" + ex.HttpRequestError,
    };

    private sealed record Fetched(List<IncomingItem>? Items, bool NotModified, string? Problem, string? ETag, string? LastModified)
    {
        public static Fetched Failed(string problem) => new(null, false, problem, null, null);
    }
}
