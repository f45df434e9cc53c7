using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace DutyDesk.Platform.Alerts;

/// <summary>
/// What a robot or webhook post says: the content of one alert step, with absolute links. Built when the step is
/// staged, so a message says what was true then; the channel's address and secret are read when it is sent.
/// </summary>
public sealed record AlertChannelPayload(
    Guid ChannelId, Guid AlertId, string DedupKey, string UnitName, int Severity, bool Urgent, string Title, string? Body,
    string Link, string AckPath, DateTime RaisedAt, int Escalation, bool Test = false);

/// <summary>The wire formats of WeCom and DingTalk group robots and of DutyDesk's signed webhook.</summary>
public static class AlertFormats
{
    private static readonly JsonSerializerOptions Json = new()
    {
        // Chinese stays readable in the body; characters that matter in HTML are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static string Heading(AlertChannelPayload p)
    {
        var prefix = p.Test ? "【测试消息】" : p.Escalation > 0 ? $"【预警·{AlertRules.Level(p.Severity)}级·第 {p.Escalation} 次升级】" : $"【预警·{AlertRules.Level(p.Severity)}级】";
        return prefix + p.Title;
    }

    /// <summary>The markdown both robots show: heading, unit, time, body, and the record and acknowledgement links.</summary>
    public static string Markdown(AlertChannelPayload p, string baseUrl, string raisedAtLocal)
    {
        var text = new StringBuilder();
        text.Append("### ").Append(Heading(p)).Append('\n');
        text.Append("> 单位：").Append(p.UnitName).Append('\n');
        text.Append("> 时间：").Append(raisedAtLocal).Append('\n');
        if (p.Escalation > 0)
        {
            text.Append("> 前一位责任人未在规定时间内确认，已第 ").Append(p.Escalation.ToString(CultureInfo.InvariantCulture)).Append(" 次升级。\n");
        }

        if (!string.IsNullOrWhiteSpace(p.Body))
        {
            text.Append('\n').Append(p.Body).Append('\n');
        }

        text.Append('\n').Append("[查看记录](").Append(baseUrl).Append(p.Link).Append(") · [确认收到](").Append(baseUrl).Append(p.AckPath).Append(')');
        return text.ToString();
    }

    /// <summary>WeCom group robot: <c>{"msgtype":"markdown","markdown":{"content":"…"}}</c>.</summary>
    public static string WeComBody(string markdown)
        => JsonSerializer.Serialize(new { msgtype = "markdown", markdown = new { content = markdown } }, Json);

    /// <summary>DingTalk group robot: <c>{"msgtype":"markdown","markdown":{"title":"…","text":"…"}}</c>.</summary>
    public static string DingTalkBody(string title, string markdown)
        => JsonSerializer.Serialize(new { msgtype = "markdown", markdown = new { title, text = markdown } }, Json);

    /// <summary>
    /// DingTalk 加签: sign = URL-encoded Base64(HMAC-SHA256(key: secret, data: timestamp + "\n" + secret)), timestamp in
    /// Unix milliseconds; both go on the query string.
    /// </summary>
    public static string DingTalkSign(string secret, long timestampMs)
    {
        var data = Encoding.UTF8.GetBytes(timestampMs.ToString(CultureInfo.InvariantCulture) + "\n" + secret);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));
    }

    public static string DingTalkSignedUrl(string url, string secret, long timestampMs)
    {
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return string.Create(CultureInfo.InvariantCulture, $"{url}{separator}timestamp={timestampMs}&sign={Uri.EscapeDataString(DingTalkSign(secret, timestampMs))}");
    }

    /// <summary>The generic webhook's JSON body.</summary>
    public static string WebhookBody(AlertChannelPayload p, string baseUrl)
        => JsonSerializer.Serialize(new
        {
            id = p.AlertId,
            dedupKey = p.DedupKey,
            unit = p.UnitName,
            severity = p.Severity,
            title = p.Title,
            body = p.Body,
            link = baseUrl + p.Link,
            ackUrl = baseUrl + p.AckPath,
            raisedAt = DateTime.SpecifyKind(p.RaisedAt, DateTimeKind.Utc),
            escalation = p.Escalation,
        }, Json);

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of <c>timestamp + "." + body</c> under the channel's secret.</summary>
    public static string WebhookSignature(string secret, string timestamp, string body)
        => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));
}
