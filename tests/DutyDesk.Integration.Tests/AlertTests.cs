using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Integration.Tests.Opinion;
using DutyDesk.Platform.Alerts;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Features.Alerts;
using DutyDesk.Platform.Features.Outbox;
using DutyDesk.Platform.Notifications;
using DutyDesk.Platform.Outbox;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DutyDesk.Integration.Tests;

/// <summary>Alerts: raised once per event, delivered exactly once per receiver, escalated down the chain until acknowledged.</summary>
public sealed class AlertTests
{
    private static readonly TimeSpan AckWithin = TimeSpan.FromMinutes(15);

    [Theory]
    [BothProviders]
    public async Task Raise_WeComChannel_PostsMarkdownWithAckLink(DatabaseProvider provider)
    {
        await using var receiver = await Receiver.StartAsync(_ => (200, """{"errcode":0,"errmsg":"ok"}"""));
        await using var host = await TestHost.StartAsync(provider);
        await AddChannelAsync(host, AlertChannelKind.WeCom, receiver.Url("/cgi-bin/webhook/send?key=abc"), null);

        var id = await RaiseAsync(host, "case:1", ["yz.moral"], severity: 2);
        await DispatchAllAsync(host);

        var hit = Assert.Single(receiver.Requests);
        Assert.Equal("/cgi-bin/webhook/send?key=abc", hit.PathAndQuery);
        using var json = JsonDocument.Parse(hit.Body);
        Assert.Equal("markdown", json.RootElement.GetProperty("msgtype").GetString());
        Assert.Equal(["msgtype", "markdown"], json.RootElement.EnumerateObject().Select(p => p.Name));
        var content = json.RootElement.GetProperty("markdown").GetProperty("content").GetString()!;
        Assert.StartsWith("### 【预警·Ⅱ级】网传某校食堂问题", content, StringComparison.Ordinal);
        Assert.Contains("> 单位：第一中学", content, StringComparison.Ordinal);
        Assert.Contains($"[确认收到]({BaseUrl(host)}/alerts/ack/", content, StringComparison.Ordinal);
        Assert.Contains($"[查看记录]({BaseUrl(host)}/opinion/response/case%3A1)", content, StringComparison.Ordinal);
        Assert.True(await IsDeliveredAsync(host, $"alert:{id:N}:s0:{await host.UserIdAsync("yz.moral"):N}:app"));
    }

    [Theory]
    [BothProviders]
    public async Task Raise_DingTalkWithSecret_SignMatchesRecomputedSignature(DatabaseProvider provider)
    {
        const string secret = "SEC0123456789abcdef";
        await using var receiver = await Receiver.StartAsync(_ => (200, """{"errcode":0,"errmsg":"ok"}"""));
        await using var host = await TestHost.StartAsync(provider);
        await AddChannelAsync(host, AlertChannelKind.DingTalk, receiver.Url("/robot/send?access_token=tok"), secret);

        await RaiseAsync(host, "case:2", ["yz.moral"], severity: 1);
        await DispatchAllAsync(host);

        var hit = Assert.Single(receiver.Requests);
        var query = QueryHelpersParse(hit.PathAndQuery);
        Assert.Equal("tok", query["access_token"]);
        var timestamp = long.Parse(query["timestamp"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(host.Clock.GetUtcNow().ToUnixTimeMilliseconds(), timestamp);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}\n{secret}")));
        Assert.Equal(expected, query["sign"]);
        using var json = JsonDocument.Parse(hit.Body);
        Assert.Equal("markdown", json.RootElement.GetProperty("msgtype").GetString());
        Assert.Equal("【预警·Ⅰ级】网传某校食堂问题", json.RootElement.GetProperty("markdown").GetProperty("title").GetString());
        Assert.Contains("/alerts/ack/", json.RootElement.GetProperty("markdown").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Raise_Webhook_SignedBodyWithIdempotencyKey(DatabaseProvider provider)
    {
        const string secret = "whsec-test-42";
        await using var receiver = await Receiver.StartAsync(_ => (204, ""));
        await using var host = await TestHost.StartAsync(provider);
        await AddChannelAsync(host, AlertChannelKind.Webhook, receiver.Url("/hook"), secret);

        var id = await RaiseAsync(host, "case:3", ["yz.moral"], severity: 3);
        await DispatchAllAsync(host);

        var hit = Assert.Single(receiver.Requests);
        var timestamp = hit.Headers["X-DutyDesk-Timestamp"];
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + hit.Body)));
        Assert.Equal(expected, hit.Headers["X-DutyDesk-Signature"]);
        Assert.StartsWith($"alert:{id:N}:s0:ch:", hit.Headers["Idempotency-Key"], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(hit.Body);
        var root = json.RootElement;
        Assert.Equal(["id", "dedupKey", "unit", "severity", "title", "body", "link", "ackUrl", "raisedAt", "escalation"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, root.GetProperty("id").GetGuid());
        Assert.Equal("case:3", root.GetProperty("dedupKey").GetString());
        Assert.Equal("第一中学", root.GetProperty("unit").GetString());
        Assert.Equal(3, root.GetProperty("severity").GetInt32());
        Assert.Equal(0, root.GetProperty("escalation").GetInt32());
        Assert.StartsWith($"{BaseUrl(host)}/alerts/ack/", root.GetProperty("ackUrl").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Dispatch_Receiver503Twice_DeliveredOnThirdAttempt(DatabaseProvider provider)
    {
        await using var receiver = await Receiver.StartAsync(attempt => attempt <= 2 ? (503, "busy") : (200, ""));
        await using var host = await TestHost.StartAsync(provider);
        await AddChannelAsync(host, AlertChannelKind.Webhook, receiver.Url("/hook"), "s");
        var id = await RaiseAsync(host, "case:4", ["yz.moral"]);

        await DispatchAllAsync(host);
        Assert.Single(receiver.Requests);
        await DispatchAllAsync(host); // backing off: nothing is sent
        Assert.Single(receiver.Requests);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await DispatchAllAsync(host);
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        await DispatchAllAsync(host);
        host.Clock.Advance(TimeSpan.FromHours(2));
        await DispatchAllAsync(host);

        Assert.Equal(3, receiver.Requests.Count);
        var row = await ChannelRowAsync(host, id);
        Assert.NotNull(row.DeliveredAt);
        Assert.Equal(3, row.Attempts);
    }

    [Theory]
    [BothProviders]
    public async Task Dispatch_Receiver400_DeadLetterAfterOneAttempt(DatabaseProvider provider)
    {
        await using var receiver = await Receiver.StartAsync(_ => (400, "bad request"));
        await using var host = await TestHost.StartAsync(provider);
        await AddChannelAsync(host, AlertChannelKind.Webhook, receiver.Url("/hook"), "s");
        var id = await RaiseAsync(host, "case:5", ["yz.moral"]);

        await DispatchAllAsync(host);
        host.Clock.Advance(TimeSpan.FromHours(2));
        await DispatchAllAsync(host);

        Assert.Single(receiver.Requests);
        var row = await ChannelRowAsync(host, id);
        Assert.NotNull(row.DeadAt);
        Assert.Equal(1, row.Attempts);
        var dead = await host.Get<QueryOutbox>().ListAsync(await host.ActorAsync("admin"), OutboxState.Dead);
        var letter = Assert.Single(dead.Value, r => r.Id == row.Id);
        Assert.Equal(AlertChannelKinds.WebhookOutbox, letter.Kind);
        Assert.Contains("HTTP 400", letter.LastError, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Dispatch_WeComRateLimited_RetriedUntilAccepted(DatabaseProvider provider)
    {
        await using var receiver = await Receiver.StartAsync(attempt => attempt == 1
            ? (200, """{"errcode":45009,"errmsg":"api freq out of limit"}""")
            : (200, """{"errcode":0,"errmsg":"ok"}"""));
        await using var host = await TestHost.StartAsync(provider);
        await AddChannelAsync(host, AlertChannelKind.WeCom, receiver.Url("/send?key=k"), null);
        var id = await RaiseAsync(host, "case:6", ["yz.moral"]);

        await DispatchAllAsync(host);
        var first = await ChannelRowAsync(host, id);
        Assert.Null(first.DeadAt);
        Assert.Contains("45009", first.LastError, StringComparison.Ordinal);
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        await DispatchAllAsync(host);

        Assert.Equal(2, receiver.Requests.Count);
        Assert.NotNull((await ChannelRowAsync(host, id)).DeliveredAt);
    }

    [Theory]
    [BothProviders]
    public async Task Dispatch_HostKilledBetweenOutboxWriteAndDelivery_ArrivesOnceAfterRestart(DatabaseProvider provider)
    {
        await using var receiver = await Receiver.StartAsync(_ => (200, ""));
        await using var host = await TestHost.StartAsync(provider);
        await AddChannelAsync(host, AlertChannelKind.Webhook, receiver.Url("/hook"), "s");
        await RaiseAsync(host, "case:7", ["yz.moral"]);

        await host.StopAsync();
        Assert.Empty(receiver.Requests);
        await host.StartAgainAsync();
        await DispatchAllAsync(host);
        await DispatchAllAsync(host);

        Assert.Single(receiver.Requests);
        Assert.Equal(1, receiver.Accepted);
    }

    [Theory]
    [BothProviders]
    public async Task Dispatch_DeliveredButNotMarkedBeforeCrash_ReceiverKeepsOneByIdempotencyKey(DatabaseProvider provider)
    {
        await using var receiver = await Receiver.StartAsync(_ => (200, ""));
        await using var host = await TestHost.StartAsync(provider);
        await AddChannelAsync(host, AlertChannelKind.Webhook, receiver.Url("/hook"), "s");
        var id = await RaiseAsync(host, "case:8", ["yz.moral"]);
        var lease = host.Get<IOptions<OutboxOptions>>().Value.Lease;
        OutboxMessage message;
        await using (var db = await host.DbAsync())
        {
            // A node claimed the message, the receiver got it, and the node died before marking it delivered.
            var until = host.Clock.GetUtcNow().UtcDateTime + lease;
            await db.Outbox.Where(m => m.Kind == AlertChannelKinds.WebhookOutbox)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedBy, "dead-node").SetProperty(m => m.LockedUntil, until));
            message = await db.Outbox.AsNoTracking().SingleAsync(m => m.Kind == AlertChannelKinds.WebhookOutbox);
        }

        var handler = host.Get<IEnumerable<IOutboxHandler>>().Single(h => h.Kind == AlertChannelKinds.WebhookOutbox);
        Assert.Null(await handler.DeliverAsync(message, CancellationToken.None));
        await DispatchAllAsync(host);
        Assert.Null((await ChannelRowAsync(host, id)).DeliveredAt);
        host.Clock.Advance(lease + TimeSpan.FromSeconds(1));
        await DispatchAllAsync(host);

        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal(1, receiver.Accepted);
        Assert.NotNull((await ChannelRowAsync(host, id)).DeliveredAt);
    }

    [Theory]
    [BothProviders]
    public async Task Raise_SameDedupKeyTwice_OneAlertOneSetOfMessages(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await AddChannelAsync(host, AlertChannelKind.WeCom, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x", null);

        var first = await RaiseAsync(host, "case:9", ["yz.moral", "yz.leader"]);
        var second = await RaiseAsync(host, "case:9", ["yz.moral", "yz.leader"]);
        Guid inOneContext;
        await using (var db = await host.DbAsync())
        {
            var draft = Draft(await host.UnitIdAsync("第一中学"), "case:9b", [await host.UserIdAsync("yz.moral")]);
            var a = await db.RaiseAlertAsync(host.Clock, draft, CancellationToken.None);
            inOneContext = await db.RaiseAlertAsync(host.Clock, draft, CancellationToken.None);
            Assert.Equal(a, inOneContext);
            await db.SaveChangesAsync();
        }

        Assert.Equal(first, second);
        await using var check = await host.DbAsync();
        Assert.Equal(1, await check.Alerts.CountAsync(a => a.DedupKey == "case:9"));
        Assert.Equal(3, await check.Outbox.CountAsync(m => m.IdempotencyKey.StartsWith($"alert:{first:N}:")));
        Assert.Equal(3, await check.Outbox.CountAsync(m => m.IdempotencyKey.StartsWith($"alert:{inOneContext:N}:")));
    }

    [Theory]
    [BothProviders]
    public async Task Escalate_NotAcknowledged_NextPersonUpToKTimesThenExhaustedAndOfficeTold(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var moral = await host.UserIdAsync("yz.moral");
        var leader = await host.UserIdAsync("yz.leader");
        var secretary = await host.UserIdAsync("yz.secretary");
        var reviewer = await host.UserIdAsync("yz.reviewer");
        var office = await host.UserIdAsync("yz.office");
        var channel = await AddChannelAsync(host, AlertChannelKind.WeCom, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x", null);
        var id = await RaiseAsync(host, "case:10", ["yz.moral", "yz.leader", "yz.secretary", "yz.reviewer"], maxEscalations: 2);
        var escalator = host.Get<AlertEscalator>();

        host.Clock.Advance(AckWithin - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await escalator.RunOnceAsync(CancellationToken.None));
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await escalator.RunOnceAsync(CancellationToken.None));
        Assert.True(await HasKeyAsync(host, $"alert:{id:N}:s1:{leader:N}:app"));
        await using (var repostDb = await host.DbAsync())
        {
            var repost = JsonSerializer.Deserialize<AlertChannelPayload>((await repostDb.Outbox.SingleAsync(m => m.IdempotencyKey == $"alert:{id:N}:s1:ch:{channel:N}")).Payload)!;
            Assert.Equal(1, repost.Escalation);
            Assert.Contains("第 1 次升级", AlertFormats.Heading(repost), StringComparison.Ordinal);
        }

        host.Clock.Advance(AckWithin);
        Assert.Equal(1, await escalator.RunOnceAsync(CancellationToken.None));
        Assert.True(await HasKeyAsync(host, $"alert:{id:N}:s2:{secretary:N}:mail"));
        host.Clock.Advance(AckWithin);
        Assert.Equal(1, await escalator.RunOnceAsync(CancellationToken.None));
        host.Clock.Advance(AckWithin * 3);
        Assert.Equal(0, await escalator.RunOnceAsync(CancellationToken.None));

        await using var db = await host.DbAsync();
        var alert = await db.Alerts.Include(a => a.Recipients).SingleAsync(a => a.Id == id);
        Assert.Equal(AlertState.Exhausted, alert.State);
        Assert.Equal(2, alert.EscalationCount);
        Assert.Null(alert.NextEscalationAt);
        Assert.Null(alert.Recipients.Single(r => r.UserId == reviewer).NotifiedAt);
        Assert.NotNull(alert.Recipients.Single(r => r.UserId == moral).NotifiedAt);
        Assert.Equal(1, await db.Outbox.CountAsync(m => m.IdempotencyKey == $"alert:{id:N}:exhausted:{office:N}:app"));
        Assert.False(await db.Outbox.AnyAsync(m => m.IdempotencyKey.Contains($":{reviewer:N}")));
    }

    [Theory]
    [BothProviders]
    public async Task Escalate_Acknowledged_StopsAndIsAudited(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var id = await RaiseAsync(host, "case:11", ["yz.moral", "yz.leader"]);

        var acked = await host.Get<AcknowledgeAlert>().HandleAsync(await host.ActorAsync("yz.moral"), new AcknowledgeAlertCommand(id, "已安排核实"));
        Assert.True(acked.IsSuccess, acked.Error?.Message);
        host.Clock.Advance(AckWithin * 4);
        Assert.Equal(0, await host.Get<AlertEscalator>().RunOnceAsync(CancellationToken.None));

        await using var db = await host.DbAsync();
        var alert = await db.Alerts.SingleAsync(a => a.Id == id);
        Assert.Equal(AlertState.Acknowledged, alert.State);
        Assert.Equal(await host.UserIdAsync("yz.moral"), alert.AcknowledgedBy);
        Assert.Equal("已安排核实", alert.AckNote);
        Assert.False(await db.Outbox.AnyAsync(m => m.IdempotencyKey.StartsWith($"alert:{id:N}:s1")));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == Platform.Auditing.AuditActions.AlertAcknowledge && e.ObjectId == id.ToString()));
    }

    [Theory]
    [BothProviders]
    public async Task Escalate_TwoEscalatorsAtOnce_OneEscalation(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var leader = await host.UserIdAsync("yz.leader");
        var id = await RaiseAsync(host, "case:12", ["yz.moral", "yz.leader", "yz.secretary"]);
        var factory = host.Get<IDbContextFactory<AppDbContext>>();
        host.Clock.Advance(AckWithin);

        var results = await Task.WhenAll(
            Task.Run(() => new AlertEscalator(factory, host.Clock).RunOnceAsync(CancellationToken.None)),
            Task.Run(() => new AlertEscalator(factory, host.Clock).RunOnceAsync(CancellationToken.None)));

        Assert.Equal(1, results.Sum());
        await using var db = await host.DbAsync();
        var alert = await db.Alerts.SingleAsync(a => a.Id == id);
        Assert.Equal(1, alert.EscalationCount);
        Assert.Equal(1, await db.Outbox.CountAsync(m => m.IdempotencyKey == $"alert:{id:N}:s1:{leader:N}:app"));
        Assert.False(await db.Outbox.AnyAsync(m => m.IdempotencyKey.StartsWith($"alert:{id:N}:s2")));
    }

    [Theory]
    [BothProviders]
    public async Task Raise_RecipientInQuietHours_EmailWaitsUnlessUrgent(DatabaseProvider provider)
    {
        await using var smtp = TestSmtpServer.Start();
        await using var host = await TestHost.StartAsync(provider, smtp.Settings);
        await using (var db = await host.DbAsync())
        {
            await db.Users.Where(u => u.UserName == "yz.moral").ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, "zhouting@school1.example.cn"));
        }

        var actor = await host.ActorAsync("yz.moral");
        var display = host.Get<DisplayClock>();
        var localNow = TimeOnly.FromDateTime(display.ToLocal(host.Clock.GetUtcNow().UtcDateTime));
        var set = await host.Get<ManageQuietHours>().SetAsync(actor, new QuietHoursSetting(localNow.AddHours(-1), localNow.AddHours(2)));
        Assert.True(set.IsSuccess, set.Error?.Message);
        var quiet = await RaiseAsync(host, "case:13", ["yz.moral"]);
        var urgent = await RaiseAsync(host, "case:14", ["yz.moral"], urgent: true);
        var moral = await host.UserIdAsync("yz.moral");

        await DispatchAllAsync(host);
        var mail = Assert.Single(smtp.Accepted);
        Assert.Equal($"alert:{urgent:N}:s0:{moral:N}:mail", mail.Headers["X-DutyDesk-Key"]);
        Assert.True(await IsDeliveredAsync(host, $"alert:{quiet:N}:s0:{moral:N}:app"), "in-app is delivered at once, silently");
        DateTime waitsUntil;
        await using (var db = await host.DbAsync())
        {
            waitsUntil = (await db.Outbox.SingleAsync(m => m.IdempotencyKey == $"alert:{quiet:N}:s0:{moral:N}:mail")).AvailableAt;
        }

        var expected = AlertRules.QuietUntil(localNow.AddHours(-1), localNow.AddHours(2), display.Zone, host.Clock.GetUtcNow().UtcDateTime)!.Value;
        Assert.Equal(expected, waitsUntil, TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps microseconds
        Assert.True(waitsUntil > host.Clock.GetUtcNow().UtcDateTime.AddHours(1.9));
        host.Clock.Advance(waitsUntil - host.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(1));
        await DispatchAllAsync(host);
        Assert.Equal(2, smtp.Accepted.Count);
    }

    [Theory]
    [BothProviders]
    public async Task Acknowledge_UserOfAnotherSchool_CannotReadOrAck(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var id = await RaiseAsync(host, "case:15", ["yz.moral"]);
        var outsider = await host.ActorAsync("xx.office");

        Assert.Equal(ErrorKind.NotFound, (await host.Get<AlertQueries>().GetAsync(outsider, id)).Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, (await host.Get<AcknowledgeAlert>().HandleAsync(outsider, new AcknowledgeAlertCommand(id, null))).Error?.Kind);
        Assert.DoesNotContain(await host.Get<AlertQueries>().ListAsync(outsider, new AlertFilter(AlertListScope.Units)), r => r.Id == id);
        // A group member of 第一中学 (not in the chain) may read and acknowledge; so may the superior bureau's office.
        Assert.True((await host.Get<AlertQueries>().GetAsync(await host.ActorAsync("yz.reviewer"), id)).IsSuccess);
        Assert.Contains(await host.Get<AlertQueries>().ListAsync(await host.ActorAsync("jyj.office"), new AlertFilter(AlertListScope.Units)), r => r.Id == id);
        Assert.True((await host.Get<AcknowledgeAlert>().HandleAsync(await host.ActorAsync("yz.reviewer"), new AcknowledgeAlertCommand(id, null))).IsSuccess);
        await using var db = await host.DbAsync();
        Assert.Equal(AlertState.Acknowledged, (await db.Alerts.SingleAsync(a => a.Id == id)).State);
    }

    [Theory]
    [BothProviders]
    public async Task SaveChannel_BadUrlOrMissingSecret_ChineseErrorNamingTheField(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var office = await host.ActorAsync("yz.office");
        var unit = await host.UnitIdAsync("第一中学");
        var manage = host.Get<ManageAlertChannels>();

        var ftp = await manage.SaveAsync(office, new SaveAlertChannelCommand(null, unit, AlertChannelKind.WeCom, "值班群", "ftp://example.cn/x", null, 3, true));
        var noSecret = await manage.SaveAsync(office, new SaveAlertChannelCommand(null, unit, AlertChannelKind.Webhook, "网信平台", "https://hook.example.cn/in", null, 3, true));
        var outsider = await manage.SaveAsync(await host.ActorAsync("xx.office"), new SaveAlertChannelCommand(null, unit, AlertChannelKind.WeCom, "值班群", "https://qyapi.weixin.qq.com/x", null, 3, true));
        var reviewer = await manage.SaveAsync(await host.ActorAsync("yz.reviewer"), new SaveAlertChannelCommand(null, unit, AlertChannelKind.WeCom, "值班群", "https://qyapi.weixin.qq.com/x", null, 3, true));

        Assert.Equal(("url", ErrorKind.Validation), (ftp.Error?.Field, ftp.Error!.Kind));
        Assert.Contains("机器人地址", ftp.Error.Message, StringComparison.Ordinal);
        Assert.Equal("secret", noSecret.Error?.Field);
        Assert.Contains("密钥", noSecret.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorKind.NotFound, outsider.Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, reviewer.Error?.Kind);
        await using var db = await host.DbAsync();
        Assert.False(await db.AlertChannels.AnyAsync());
    }

    [Theory]
    [BothProviders]
    public async Task SaveChannel_Secret_ProtectedAtRestAndNeverShown(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var office = await host.ActorAsync("yz.office");
        var id = await AddChannelAsync(host, AlertChannelKind.DingTalk, "https://oapi.dingtalk.com/robot/send?access_token=tok", "SECplain-text-secret");

        await using var db = await host.DbAsync();
        var stored = await db.AlertChannels.SingleAsync(c => c.Id == id);
        Assert.DoesNotContain("plain-text-secret", stored.ProtectedSecret, StringComparison.Ordinal);
        Assert.Equal("SECplain-text-secret", host.Get<ChannelSecrets>().Unprotect(stored.ProtectedSecret));
        var row = Assert.Single(await host.Get<ManageAlertChannels>().ListAsync(office));
        Assert.True(row.HasSecret);
        Assert.Equal("https://oapi.dingtalk.com/robot/send?…", row.UrlHint);
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Detail != null && (e.Detail.Contains("plain-text-secret") || e.Detail.Contains("access_token"))));
    }

    [Theory]
    [BothProviders]
    public async Task Api_ListMineAndAcknowledge(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var id = await RaiseAsync(host, "case:16", ["yz.moral"]);
        using var client = await ApiClient.ForUserAsync(host, "yz.moral");

        var mine = await client.GetFromJsonAsync<JsonElement>("/api/v1/alerts?scope=Mine&state=Open");
        Assert.Contains(mine.EnumerateArray(), a => a.GetProperty("id").GetGuid() == id);
        var ack = await client.PostAsJsonAsync($"/api/v1/alerts/{id}/ack", new { note = "收到" });
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        using var outsider = await ApiClient.ForUserAsync(host, "xx.office");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsJsonAsync($"/api/v1/alerts/{id}/ack", new { note = "x" })).StatusCode);

        var open = await client.GetFromJsonAsync<JsonElement>("/api/v1/alerts?scope=Mine&state=Open");
        Assert.DoesNotContain(open.EnumerateArray(), a => a.GetProperty("id").GetGuid() == id);
    }

    [Theory]
    [BothProviders]
    public async Task AckPage_LinkFromTheMessage_ShowsAlertChainAndButtonOnlyInScope(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var id = await RaiseAsync(host, "case:17", ["yz.moral", "yz.leader"]);
        string link;
        await using (var db = await host.DbAsync())
        {
            var payload = (await db.Outbox.SingleAsync(m => m.IdempotencyKey.StartsWith($"alert:{id:N}:s0:") && m.Kind == OutboxKinds.Email)).Payload;
            link = JsonSerializer.Deserialize<NotificationPayload>(payload)!.Link!;
        }

        Assert.StartsWith("/alerts/ack/", link, StringComparison.Ordinal);
        using var anonymous = host.CreateClient();
        using var signedOut = await anonymous.GetAsync(link);
        using var moral = await MeetingTests.SignedInAsync(host, "yz.moral");
        using var page = await moral.GetAsync(link);
        using var outsider = await MeetingTests.SignedInAsync(host, "xx.office");
        using var foreign = await outsider.GetAsync(link);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/account/login", signedOut.Headers.Location!.ToString(), StringComparison.Ordinal);
        var html = await LoginForm.TextAsync(page);
        Assert.Contains("网传某校食堂问题", html, StringComparison.Ordinal);
        Assert.Contains("id=\"alert-chain\"", html, StringComparison.Ordinal);
        Assert.Contains("已通知", html, StringComparison.Ordinal);
        Assert.Contains("确认收到", html, StringComparison.Ordinal);
        var other = await LoginForm.TextAsync(foreign);
        Assert.Contains("预警不存在或不在您的管辖范围内", other, StringComparison.Ordinal);
        Assert.DoesNotContain("网传某校食堂问题", other, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task SendTest_ChannelOnThePage_TestMessageThroughTheOutbox(DatabaseProvider provider)
    {
        await using var receiver = await Receiver.StartAsync(_ => (200, """{"errcode":0,"errmsg":"ok"}"""));
        await using var host = await TestHost.StartAsync(provider);
        var channel = await AddChannelAsync(host, AlertChannelKind.DingTalk, receiver.Url("/robot/send?access_token=t"), "SECtest-secret-value");
        using var office = await MeetingTests.SignedInAsync(host, "yz.office");

        var html = await LoginForm.TextAsync(await office.GetAsync("/alerts/channels"));
        var sent = await host.Get<ManageAlertChannels>().SendTestAsync(await host.ActorAsync("yz.office"), channel);
        var refused = await host.Get<ManageAlertChannels>().SendTestAsync(await host.ActorAsync("yz.reviewer"), channel);
        await DispatchAllAsync(host);

        Assert.Contains("已设置", html, StringComparison.Ordinal);
        Assert.Contains("/robot/send?…", html, StringComparison.Ordinal);
        Assert.DoesNotContain("SECtest-secret-value", html, StringComparison.Ordinal);
        Assert.DoesNotContain("access_token=t", html, StringComparison.Ordinal);
        Assert.True(sent.IsSuccess, sent.Error?.Message);
        Assert.Equal(ErrorKind.Forbidden, refused.Error?.Kind);
        var hit = Assert.Single(receiver.Requests);
        using var json = JsonDocument.Parse(hit.Body);
        Assert.StartsWith("【测试消息】", json.RootElement.GetProperty("markdown").GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Dispatch_RedirectToAnotherHost_DeadLetterNotFollowed(DatabaseProvider provider)
    {
        await using var elsewhere = await Receiver.StartAsync(_ => (200, ""));
        var target = elsewhere.Url("/steal").Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        await using var redirecting = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = target;
            return Task.CompletedTask;
        });
        await using var host = await TestHost.StartAsync(provider);
        await AddChannelAsync(host, AlertChannelKind.Webhook, redirecting.Url("/hook"), "s");
        var id = await RaiseAsync(host, "case:18", ["yz.moral"]);

        await DispatchAllAsync(host);

        Assert.Empty(elsewhere.Requests);
        var row = await ChannelRowAsync(host, id);
        Assert.NotNull(row.DeadAt);
        Assert.Contains("其他主机", row.LastError, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Dispatch_ReceiverTooSlow_RetriedAfterTimeoutThenDelivered(DatabaseProvider provider)
    {
        var calls = 0;
        await using var slow = await LoopbackServer.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(4), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        await using var host = await TestHost.StartAsync(provider, new Dictionary<string, string?> { ["DutyDesk:Alerts:TimeoutSeconds"] = "1" });
        await AddChannelAsync(host, AlertChannelKind.Webhook, slow.Url("/hook"), "s");
        var id = await RaiseAsync(host, "case:19", ["yz.moral"]);

        await DispatchAllAsync(host);
        var first = await ChannelRowAsync(host, id);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await DispatchAllAsync(host);

        Assert.Null(first.DeadAt);
        Assert.Contains("没有应答", first.LastError, StringComparison.Ordinal);
        var row = await ChannelRowAsync(host, id);
        Assert.NotNull(row.DeliveredAt);
        Assert.Equal(2, row.Attempts);
    }

    [Theory]
    [BothProviders]
    public async Task SetQuietHours_OneTimeMissingOrEqual_FieldErrorAndNothingStored(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var actor = await host.ActorAsync("yz.moral");
        var manage = host.Get<ManageQuietHours>();

        var noEnd = await manage.SetAsync(actor, new QuietHoursSetting(new TimeOnly(22, 0), null));
        var equal = await manage.SetAsync(actor, new QuietHoursSetting(new TimeOnly(22, 0), new TimeOnly(22, 0)));
        var ok = await manage.SetAsync(actor, new QuietHoursSetting(new TimeOnly(22, 0), new TimeOnly(7, 0)));
        var stored = await manage.GetAsync(actor);
        var off = await manage.SetAsync(actor, new QuietHoursSetting(null, null));

        Assert.Equal("quietTo", noEnd.Error?.Field);
        Assert.Contains("免打扰结束时间", noEnd.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("quietTo", equal.Error?.Field);
        Assert.True(ok.IsSuccess && off.IsSuccess);
        Assert.Equal(new QuietHoursSetting(new TimeOnly(22, 0), new TimeOnly(7, 0)), stored);
        Assert.Equal(new QuietHoursSetting(null, null), await manage.GetAsync(actor));
    }

    private static AlertDraft Draft(Guid unit, string key, IReadOnlyList<Guid> chain, int severity = 2, bool urgent = false, int maxEscalations = 3)
        => new(unit, key, "网传某校食堂问题", "微博出现负面帖文，转发较快。", "/opinion/response/" + Uri.EscapeDataString(key), severity, urgent, chain, AckWithin, maxEscalations, "opinion", "Case", key);

    private static async Task<Guid> RaiseAsync(TestHost host, string key, string[] chain, int severity = 2, bool urgent = false, int maxEscalations = 3)
    {
        var people = new List<Guid>();
        foreach (var name in chain)
        {
            people.Add(await host.UserIdAsync(name));
        }

        await using var db = await host.DbAsync();
        var id = await db.RaiseAlertAsync(host.Clock, Draft(await host.UnitIdAsync("第一中学"), key, people, severity, urgent, maxEscalations), CancellationToken.None);
        await db.SaveChangesAsync();
        return id;
    }

    private static async Task<Guid> AddChannelAsync(TestHost host, AlertChannelKind kind, string url, string? secret, int minimumSeverity = 5)
    {
        var saved = await host.Get<ManageAlertChannels>().SaveAsync(await host.ActorAsync("yz.office"),
            new SaveAlertChannelCommand(null, await host.UnitIdAsync("第一中学"), kind, kind.ToChinese() + "值班群", url, secret, minimumSeverity, true));
        Assert.True(saved.IsSuccess, saved.Error?.Message);
        return saved.Value;
    }

    private static async Task DispatchAllAsync(TestHost host)
    {
        while (await host.DispatchOutboxAsync() > 0)
        {
        }
    }

    private static string BaseUrl(TestHost host) => host.Get<IOptions<EmailOptions>>().Value.PublicBaseUrl.TrimEnd('/');

    private static async Task<OutboxMessage> ChannelRowAsync(TestHost host, Guid alertId)
    {
        await using var db = await host.DbAsync();
        return await db.Outbox.AsNoTracking().SingleAsync(m => m.IdempotencyKey.StartsWith($"alert:{alertId:N}:s0:ch:"));
    }

    private static async Task<bool> HasKeyAsync(TestHost host, string key)
    {
        await using var db = await host.DbAsync();
        return await db.Outbox.AnyAsync(m => m.IdempotencyKey == key);
    }

    private static async Task<bool> IsDeliveredAsync(TestHost host, string key)
    {
        await using var db = await host.DbAsync();
        return await db.Outbox.AnyAsync(m => m.IdempotencyKey == key && m.DeliveredAt != null);
    }

    private static Dictionary<string, string> QueryHelpersParse(string pathAndQuery)
        => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + pathAndQuery).Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    private sealed record ReceivedRequest(string PathAndQuery, string Body, Dictionary<string, string> Headers);

    /// <summary>
    /// A receiver on 127.0.0.1 answering each attempt as the test says; like a real one it keeps what it accepted
    /// by Idempotency-Key (or body), so a redelivery is acknowledged but not taken twice.
    /// </summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, byte> accepted = new();
        private LoopbackServer server = null!;
        private int attempts;

        public ConcurrentQueue<ReceivedRequest> RequestQueue { get; } = new();

        public List<ReceivedRequest> Requests => RequestQueue.ToList();

        public int Accepted => accepted.Count;

        public string Url(string pathAndQuery) => server.Address.ToString().TrimEnd('/') + pathAndQuery;

        public static async Task<Receiver> StartAsync(Func<int, (int Status, string Body)> answer)
        {
            var receiver = new Receiver();
            receiver.server = await LoopbackServer.StartAsync(async context => await receiver.HandleAsync(context, answer));
            return receiver;
        }

        private async Task HandleAsync(HttpContext context, Func<int, (int Status, string Body)> answer)
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            RequestQueue.Enqueue(new ReceivedRequest(context.Request.Path + context.Request.QueryString, body, headers));
            var (status, text) = answer(Interlocked.Increment(ref attempts));
            if (status is >= 200 and < 300)
            {
                accepted.TryAdd(headers.GetValueOrDefault("Idempotency-Key") ?? body, 0);
            }

            context.Response.StatusCode = status;
            if (text.Length > 0)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(text);
            }
        }

        public ValueTask DisposeAsync() => server.DisposeAsync();
    }
}
