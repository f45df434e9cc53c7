using System.Net;
using System.Text.Json;
using DutyDesk.Platform.Alerts;

namespace DutyDesk.Platform.Tests;

public class AlertRulesTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    // Local (Shanghai) now, quiet from–to, expected local end or null.
    [InlineData("2026-11-30 23:30", "22:00", "07:00", "2026-12-01 07:00")]
    [InlineData("2026-12-01 06:59", "22:00", "07:00", "2026-12-01 07:00")]
    [InlineData("2026-12-01 07:00", "22:00", "07:00", null)]
    [InlineData("2026-11-30 21:59", "22:00", "07:00", null)]
    [InlineData("2026-11-30 12:30", "12:00", "14:00", "2026-11-30 14:00")]
    [InlineData("2026-11-30 14:00", "12:00", "14:00", null)]
    [InlineData("2026-11-30 11:00", "12:00", "14:00", null)]
    [InlineData("2026-11-30 03:00", "08:00", "08:00", null)]
    public void QuietUntil_LocalTime_EndOfQuietPeriodOrNull(string localNow, string from, string to, string? expectedLocal)
    {
        var utcNow = TimeZoneInfo.ConvertTimeToUtc(DateTime.Parse(localNow, System.Globalization.CultureInfo.InvariantCulture), Shanghai);

        var until = AlertRules.QuietUntil(TimeOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), Shanghai, utcNow);

        var expected = expectedLocal is null ? (DateTime?)null : TimeZoneInfo.ConvertTimeToUtc(DateTime.Parse(expectedLocal, System.Globalization.CultureInfo.InvariantCulture), Shanghai);
        Assert.Equal(expected, until);
    }

    [Theory]
    [InlineData(0, 3, 0, 2, true)]
    [InlineData(1, 3, 1, 2, true)]
    [InlineData(2, 3, 2, 5, false)] // end of the chain
    [InlineData(1, 5, 2, 2, false)] // K escalations done
    [InlineData(0, 1, 0, 3, false)] // one person only
    [InlineData(0, 3, 0, 0, false)] // K = 0: never escalates
    public void CanEscalate_StepChainAndCount_StopsAtChainEndOrK(int step, int chain, int count, int max, bool expected)
        => Assert.Equal(expected, AlertRules.CanEscalate(step, chain, count, max));

    [Theory]
    [InlineData(HttpStatusCode.OK, DeliveryVerdict.Delivered)]
    [InlineData(HttpStatusCode.NoContent, DeliveryVerdict.Delivered)]
    [InlineData(HttpStatusCode.ServiceUnavailable, DeliveryVerdict.Retry)]
    [InlineData(HttpStatusCode.InternalServerError, DeliveryVerdict.Retry)]
    [InlineData(HttpStatusCode.RequestTimeout, DeliveryVerdict.Retry)]
    [InlineData(HttpStatusCode.TooManyRequests, DeliveryVerdict.Retry)]
    [InlineData(HttpStatusCode.BadRequest, DeliveryVerdict.Permanent)]
    [InlineData(HttpStatusCode.Unauthorized, DeliveryVerdict.Permanent)]
    [InlineData(HttpStatusCode.NotFound, DeliveryVerdict.Permanent)]
    public void Judge_HttpStatus_RetriesOnlyServerErrorsTimeoutsAndRateLimits(HttpStatusCode status, DeliveryVerdict expected)
        => Assert.Equal(expected, AlertRules.Judge(status));

    [Theory]
    [InlineData(AlertChannelKind.WeCom, 0, DeliveryVerdict.Delivered)]
    [InlineData(AlertChannelKind.WeCom, 45009, DeliveryVerdict.Retry)]
    [InlineData(AlertChannelKind.WeCom, -1, DeliveryVerdict.Retry)]
    [InlineData(AlertChannelKind.WeCom, 93000, DeliveryVerdict.Permanent)]
    [InlineData(AlertChannelKind.DingTalk, 130101, DeliveryVerdict.Retry)]
    [InlineData(AlertChannelKind.DingTalk, 310000, DeliveryVerdict.Permanent)]
    [InlineData(AlertChannelKind.DingTalk, 45009, DeliveryVerdict.Permanent)]
    public void JudgeErrcode_RobotAnswer_RetriesRateLimitAndBusyOnly(AlertChannelKind kind, long errcode, DeliveryVerdict expected)
        => Assert.Equal(expected, AlertRules.JudgeErrcode(kind, errcode));

    [Theory]
    [InlineData("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=1", true)]
    [InlineData("http://127.0.0.1:8080/hook", true)]
    [InlineData("ftp://example.cn/x", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("qyapi.weixin.qq.com/send", false)]
    [InlineData("", false)]
    public void CheckUrl_Address_OnlyAbsoluteHttpOrHttps(string url, bool ok)
        => Assert.Equal(ok, AlertRules.CheckUrl(url) is null);

    [Fact]
    public void DingTalkSign_KnownInput_MatchesDocumentedAlgorithm()
    {
        // HMAC-SHA256(key "SECabc", "1700000000000\nSECabc"), Base64 — computed independently with openssl.
        var sign = AlertFormats.DingTalkSign("SECabc", 1_700_000_000_000);
        var url = AlertFormats.DingTalkSignedUrl("https://oapi.dingtalk.com/robot/send?access_token=t", "SECabc", 1_700_000_000_000);

        Assert.Equal(ExpectedDingTalkSign, sign);
        Assert.Equal($"https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1700000000000&sign={Uri.EscapeDataString(ExpectedDingTalkSign)}", url);
    }

    [Fact]
    public void WebhookSignature_KnownInput_IsHexHmacOfTimestampDotBody()
        => Assert.Equal(ExpectedWebhookSignature, AlertFormats.WebhookSignature("whsec", "1700000000", """{"a":1}"""));

    [Fact]
    public void WeComBody_Markdown_IsTheRobotFormat()
    {
        using var json = JsonDocument.Parse(AlertFormats.WeComBody("### 标题\n> 内容"));

        Assert.Equal("markdown", json.RootElement.GetProperty("msgtype").GetString());
        Assert.Equal("### 标题\n> 内容", json.RootElement.GetProperty("markdown").GetProperty("content").GetString());
    }

    [Fact]
    public void NewAckToken_Twice_DifferentTokensEachHashingToItsHash()
    {
        var (a, hashA) = AlertRules.NewAckToken();
        var (b, _) = AlertRules.NewAckToken();

        Assert.NotEqual(a, b);
        Assert.Equal(hashA, AlertRules.HashToken(a));
        Assert.Equal(64, hashA.Length);
        Assert.DoesNotContain('/', a);
        Assert.DoesNotContain('+', a);
    }

    [Theory]
    [InlineData("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret-key", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?…")]
    [InlineData("http://10.0.0.5:8080/hook", "http://10.0.0.5:8080/hook")]
    [InlineData("not a url", "")]
    public void UrlHint_ChannelAddress_HidesTheQueryWhereRobotKeysLive(string url, string expected)
        => Assert.Equal(expected, Features.Alerts.ManageAlertChannels.UrlHint(url));

    [Theory]
    [InlineData(0, false, "【预警·Ⅱ级】食堂")]
    [InlineData(2, false, "【预警·Ⅱ级·第 2 次升级】食堂")]
    [InlineData(0, true, "【测试消息】食堂")]
    public void Heading_StepAndTest_SaysLevelAndEscalation(int escalation, bool test, string expected)
    {
        var payload = new AlertChannelPayload(Guid.Empty, Guid.Empty, "k", "第一中学", 2, false, "食堂", null, "/x", "/alerts/ack/t", DateTime.UnixEpoch, escalation, test);

        Assert.Equal(expected, AlertFormats.Heading(payload));
    }

    [Fact]
    public void Markdown_Payload_LinksRecordAndAcknowledgementOnThePublicAddress()
    {
        var payload = new AlertChannelPayload(Guid.Empty, Guid.Empty, "k", "第一中学", 1, true, "食堂", "正文", "/opinion/response/1", "/alerts/ack/tok", DateTime.UnixEpoch, 1);

        var text = AlertFormats.Markdown(payload, "https://dd.example.cn", "2026-11-30 20:00");

        Assert.Equal(
            "### 【预警·Ⅰ级·第 1 次升级】食堂\n> 单位：第一中学\n> 时间：2026-11-30 20:00\n> 前一位责任人未在规定时间内确认，已第 1 次升级。\n\n正文\n\n"
            + "[查看记录](https://dd.example.cn/opinion/response/1) · [确认收到](https://dd.example.cn/alerts/ack/tok)",
            text);
    }

    private const string ExpectedDingTalkSign = "jcUpW0QmtKduN03n4JqQ0PBosVjqnM8gU7fIIvsDmCM=";
    private const string ExpectedWebhookSignature = "sha256=8ad37ba156048ae0e0a5533c75cdf26fee88b07f93cb57ee4c80adb053012032";
}
