using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Notifications;
using DutyDesk.Platform.Outbox;
using DutyDesk.Platform.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DutyDesk.Platform.Alerts;

/// <summary>
/// Posts one alert step to one channel. The channel's address and secret are read at delivery (never put in the
/// outbox). 2xx is delivered; 5xx, 408, 429, timeouts and connection errors are thrown as ordinary exceptions so the
/// dispatcher backs off and retries; any other answer is a <see cref="PermanentDeliveryException"/> (dead letter).
/// </summary>
internal abstract class AlertChannelHandler(
    IDbContextFactory<AppDbContext> dbFactory, IHttpClientFactory httpFactory, ChannelSecrets secrets,
    IOptions<EmailOptions> email, DisplayClock display, TimeProvider clock) : IOutboxHandler
{
    public const string HttpClientName = "alerts";
    private const int MaxRedirects = 3;

    public abstract string Kind { get; }

    protected abstract AlertChannelKind ChannelKind { get; }

    protected TimeProvider Clock => clock;

    public async Task<string?> DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<AlertChannelPayload>(message.Payload)
            ?? throw new PermanentDeliveryException("预警消息内容无法解析");
        AlertChannel? channel;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            channel = await db.AlertChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == payload.ChannelId, ct);
        }

        if (channel is null)
        {
            return "未发送：预警渠道已删除";
        }

        if (!channel.Enabled && !payload.Test)
        {
            return "未发送：预警渠道已停用";
        }

        var secret = secrets.Unprotect(channel.ProtectedSecret);
        if (channel.ProtectedSecret is not null && secret is null)
        {
            throw new PermanentDeliveryException($"渠道“{channel.Name}”的密钥无法解密（数据保护密钥已更换），请重新设置密钥后重发");
        }

        var baseUrl = email.Value.PublicBaseUrl.TrimEnd('/');
        var markdown = AlertFormats.Markdown(payload, baseUrl, display.Format(payload.RaisedAt));
        var request = Build(message, payload, channel, secret, baseUrl, markdown);
        using var response = await SendAsync(channel, request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        switch (AlertRules.Judge(response.StatusCode))
        {
            case DeliveryVerdict.Retry:
                throw new HttpRequestException($"渠道“{channel.Name}”暂时不可用：HTTP {(int)response.StatusCode}", null, response.StatusCode);
            case DeliveryVerdict.Permanent:
                throw new PermanentDeliveryException($"渠道“{channel.Name}”拒收：HTTP {(int)response.StatusCode} {Cut(text)}");
        }

        CheckAnswer(channel, text);
        return null;
    }

    /// <summary>The request to send: address (with any signature) and body, plus headers.</summary>
    protected abstract ChannelRequest Build(OutboxMessage message, AlertChannelPayload payload, AlertChannel channel, string? secret, string baseUrl, string markdown);

    /// <summary>Robots answer 200 with an <c>errcode</c>; the webhook's status says it all.</summary>
    protected virtual void CheckAnswer(AlertChannel channel, string body)
    {
        long errcode;
        string? errmsg;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("errcode", out var code) || !code.TryGetInt64(out errcode))
            {
                throw new PermanentDeliveryException($"渠道“{channel.Name}”的应答不是机器人接口的格式：{Cut(body)}");
            }

            errmsg = json.RootElement.TryGetProperty("errmsg", out var msg) ? msg.ToString() : null;
        }
        catch (JsonException)
        {
            throw new PermanentDeliveryException($"渠道“{channel.Name}”的应答不是 JSON：{Cut(body)}");
        }

        switch (AlertRules.JudgeErrcode(ChannelKind, errcode))
        {
            case DeliveryVerdict.Retry:
                throw new InvalidOperationException($"渠道“{channel.Name}”限流或繁忙：errcode {errcode} {errmsg}");
            case DeliveryVerdict.Permanent:
                throw new PermanentDeliveryException($"渠道“{channel.Name}”拒收：errcode {errcode} {errmsg}");
        }
    }

    /// <summary>Follows a 307/308 only to the same host: a robot address that sends elsewhere is refused, not obeyed.</summary>
    private async Task<HttpResponseMessage> SendAsync(AlertChannel channel, ChannelRequest request, CancellationToken ct)
    {
        var client = httpFactory.CreateClient(HttpClientName);
        var url = new Uri(request.Url);
        for (var hop = 0; ; hop++)
        {
            if (AlertRules.CheckUrl(url.ToString()) is { } bad)
            {
                throw new PermanentDeliveryException($"渠道“{channel.Name}”的地址无效：{bad}");
            }

            using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(request.Body, Encoding.UTF8, "application/json") };
            foreach (var (name, value) in request.Headers)
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(message, ct);
            }
            catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"渠道“{channel.Name}”在 {client.Timeout.TotalSeconds:0} 秒内没有应答", ex);
            }

            if ((int)response.StatusCode is < 300 or >= 400)
            {
                return response;
            }

            var location = response.Headers.Location;
            var status = (int)response.StatusCode;
            response.Dispose();
            if (location is null || hop >= MaxRedirects || response.StatusCode is not (HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect))
            {
                throw new PermanentDeliveryException($"渠道“{channel.Name}”返回重定向（HTTP {status}），已拒绝：请填写最终地址");
            }

            var next = location.IsAbsoluteUri ? location : new Uri(url, location);
            if (!string.Equals(next.Host, url.Host, StringComparison.OrdinalIgnoreCase))
            {
                throw new PermanentDeliveryException($"渠道“{channel.Name}”重定向到其他主机 {next.Host}，已拒绝");
            }

            url = next;
        }
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] : text;

    protected static long UnixMilliseconds(TimeProvider clock) => clock.GetUtcNow().ToUnixTimeMilliseconds();

    protected static string UnixSeconds(TimeProvider clock) => clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}

internal sealed record ChannelRequest(string Url, string Body, IReadOnlyList<(string Name, string Value)> Headers);

internal sealed class WeComAlertHandler(IDbContextFactory<AppDbContext> dbFactory, IHttpClientFactory httpFactory, ChannelSecrets secrets,
    IOptions<EmailOptions> email, DisplayClock display, TimeProvider clock)
    : AlertChannelHandler(dbFactory, httpFactory, secrets, email, display, clock)
{
    public override string Kind => AlertChannelKinds.WeComOutbox;

    protected override AlertChannelKind ChannelKind => AlertChannelKind.WeCom;

    protected override ChannelRequest Build(OutboxMessage message, AlertChannelPayload payload, AlertChannel channel, string? secret, string baseUrl, string markdown)
        => new(channel.Url, AlertFormats.WeComBody(markdown), []);
}

internal sealed class DingTalkAlertHandler(IDbContextFactory<AppDbContext> dbFactory, IHttpClientFactory httpFactory, ChannelSecrets secrets,
    IOptions<EmailOptions> email, DisplayClock display, TimeProvider clock)
    : AlertChannelHandler(dbFactory, httpFactory, secrets, email, display, clock)
{
    public override string Kind => AlertChannelKinds.DingTalkOutbox;

    protected override AlertChannelKind ChannelKind => AlertChannelKind.DingTalk;

    /// <summary>With 加签 the signature is made at sending time: DingTalk refuses a timestamp more than an hour old.</summary>
    protected override ChannelRequest Build(OutboxMessage message, AlertChannelPayload payload, AlertChannel channel, string? secret, string baseUrl, string markdown)
    {
        var url = secret is null ? channel.Url : AlertFormats.DingTalkSignedUrl(channel.Url, secret, UnixMilliseconds(Clock));
        return new(url, AlertFormats.DingTalkBody(AlertFormats.Heading(payload), markdown), []);
    }
}

internal sealed class WebhookAlertHandler(IDbContextFactory<AppDbContext> dbFactory, IHttpClientFactory httpFactory, ChannelSecrets secrets,
    IOptions<EmailOptions> email, DisplayClock display, TimeProvider clock)
    : AlertChannelHandler(dbFactory, httpFactory, secrets, email, display, clock)
{
    public override string Kind => AlertChannelKinds.WebhookOutbox;

    protected override AlertChannelKind ChannelKind => AlertChannelKind.Webhook;

    protected override ChannelRequest Build(OutboxMessage message, AlertChannelPayload payload, AlertChannel channel, string? secret, string baseUrl, string markdown)
    {
        if (secret is null)
        {
            throw new PermanentDeliveryException($"Webhook“{channel.Name}”没有签名密钥，请设置后重发");
        }

        var body = AlertFormats.WebhookBody(payload, baseUrl);
        var timestamp = UnixSeconds(Clock);
        return new(channel.Url, body,
        [
            ("Idempotency-Key", message.IdempotencyKey),
            ("X-DutyDesk-Timestamp", timestamp),
            ("X-DutyDesk-Signature", AlertFormats.WebhookSignature(secret, timestamp, body)),
        ]);
    }

    protected override void CheckAnswer(AlertChannel channel, string body)
    {
        // Any 2xx is an acceptance; the body is the receiver's own business.
    }
}
