using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace DutyDesk.Platform.Alerts;

/// <summary>The pure rules of alerts: quiet hours, escalation, tokens and how an HTTP answer is judged.</summary>
public static class AlertRules
{
    /// <summary>
    /// The end of the quiet period <paramref name="utcNow"/> falls in (UTC), or null when it falls in none.
    /// From 22:00 to 07:00 spans midnight; equal times mean no quiet hours.
    /// </summary>
    public static DateTime? QuietUntil(TimeOnly from, TimeOnly to, TimeZoneInfo zone, DateTime utcNow)
    {
        if (from == to)
        {
            return null;
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), zone);
        var time = TimeOnly.FromDateTime(local);
        DateTime end;
        if (from < to)
        {
            if (time < from || time >= to)
            {
                return null;
            }

            end = local.Date + to.ToTimeSpan();
        }
        else
        {
            if (time < from && time >= to)
            {
                return null;
            }

            end = (time >= from ? local.Date.AddDays(1) : local.Date) + to.ToTimeSpan();
        }

        end = DateTime.SpecifyKind(end, DateTimeKind.Unspecified);
        // A wall time skipped by a clock change does not exist; the first hour after it does.
        if (zone.IsInvalidTime(end))
        {
            end = end.AddHours(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(end, zone);
    }

    /// <summary>True when an unacknowledged alert may go on to the next person; false means it is exhausted.</summary>
    public static bool CanEscalate(int currentStep, int chainLength, int escalationCount, int maxEscalations)
        => escalationCount < maxEscalations && currentStep + 1 < chainLength;

    /// <summary>A new random acknowledgement token (256 bits, URL-safe) and the hash that is stored for it.</summary>
    public static (string Token, string Hash) NewAckToken()
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (token, HashToken(token));
    }

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string AckPath(string token) => "/alerts/ack/" + token;

    /// <summary>Ⅰ … Ⅴ for severities 1 … 5.</summary>
    public static string Level(int severity) => severity switch
    {
        1 => "Ⅰ",
        2 => "Ⅱ",
        3 => "Ⅲ",
        4 => "Ⅳ",
        5 => "Ⅴ",
        _ => severity.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>How a receiver's HTTP status is taken: 2xx delivered; 5xx, 408 and 429 worth retrying; any other answer final.</summary>
    public static DeliveryVerdict Judge(HttpStatusCode status)
    {
        var code = (int)status;
        return code switch
        {
            >= 200 and < 300 => DeliveryVerdict.Delivered,
            >= 500 or 408 or 429 => DeliveryVerdict.Retry,
            _ => DeliveryVerdict.Permanent,
        };
    }

    /// <summary>A robot's <c>errcode</c>: 0 delivered; rate limits and "busy" retried; anything else final.</summary>
    public static DeliveryVerdict JudgeErrcode(AlertChannelKind kind, long errcode) => (kind, errcode) switch
    {
        (_, 0) => DeliveryVerdict.Delivered,
        (_, -1) => DeliveryVerdict.Retry, // 系统繁忙 on both platforms
        (AlertChannelKind.WeCom, 45009) => DeliveryVerdict.Retry, // 接口调用超过限制
        (AlertChannelKind.DingTalk, 130101) => DeliveryVerdict.Retry, // 发送速度太快而限流
        _ => DeliveryVerdict.Permanent,
    };

    /// <summary>Null when the address may receive alerts: absolute http or https, with a host.</summary>
    public static string? CheckUrl(string? url)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return "不是完整的网址，应形如 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…";
        }

        return uri.Scheme is "http" or "https" ? null : $"只支持 http 或 https 地址（当前为 {uri.Scheme}）";
    }
}

public enum DeliveryVerdict
{
    Delivered,
    Retry,
    Permanent,
}
