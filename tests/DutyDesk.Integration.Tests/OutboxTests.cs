using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Features.Users;
using DutyDesk.Platform.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DutyDesk.Integration.Tests;

/// <summary>Effects go through the outbox: written with the change, delivered at least once, never twice.</summary>
public sealed class OutboxTests
{
    [Theory]
    [BothProviders]
    public async Task CreateTask_OwnerIsAnotherPerson_OutboxRowsWrittenWithTheTask(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);

        var taskId = await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromDays(2));

        await using var db = await host.DbAsync();
        var keys = await db.Outbox.Where(m => m.IdempotencyKey.StartsWith($"task:{taskId:N}:assigned")).Select(m => m.Kind).ToListAsync();
        Assert.Equal([OutboxKinds.Email, OutboxKinds.InApp], keys.Order(StringComparer.Ordinal));
        Assert.False(await db.Notifications.AnyAsync(n => n.IdempotencyKey.StartsWith($"task:{taskId:N}")));
    }

    [Theory]
    [BothProviders]
    public async Task RunOnce_HostKilledBetweenWriteAndSend_DeliversOnceAfterRestart(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var taskId = await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromDays(2));
        var key = $"task:{taskId:N}:assigned:app";

        await host.StopAsync();
        await host.StartAgainAsync();
        await host.DispatchOutboxAsync();
        await host.DispatchOutboxAsync();

        await using var db = await host.DbAsync();
        var notifications = await db.Notifications.Where(n => n.IdempotencyKey == key).ToListAsync();
        Assert.Single(notifications);
        Assert.Equal(await host.UserIdAsync("yz.moral"), notifications[0].UserId);
        Assert.NotNull((await db.Outbox.SingleAsync(m => m.IdempotencyKey == key)).DeliveredAt);
    }

    [Theory]
    [BothProviders]
    public async Task RunOnce_DeliveredButNotMarkedBeforeCrash_NoDuplicateAfterLeaseExpires(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var taskId = await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromDays(2));
        var key = $"task:{taskId:N}:assigned:app";
        var lease = host.Get<IOptions<OutboxOptions>>().Value.Lease;
        OutboxMessage message;
        await using (var db = await host.DbAsync())
        {
            // A node claimed the message, delivered it, and died before marking it delivered.
            var until = host.Clock.GetUtcNow().UtcDateTime + lease;
            await db.Outbox.Where(m => m.IdempotencyKey == key)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedBy, "dead-node").SetProperty(m => m.LockedUntil, until));
            message = await db.Outbox.AsNoTracking().SingleAsync(m => m.IdempotencyKey == key);
        }

        var handler = host.Get<IEnumerable<IOutboxHandler>>().Single(h => h.Kind == OutboxKinds.InApp);
        Assert.Null(await handler.DeliverAsync(message, CancellationToken.None));

        await host.DispatchOutboxAsync();
        Assert.Null(await DeliveredAtAsync(host, key));
        host.Clock.Advance(lease + TimeSpan.FromSeconds(1));
        await host.DispatchOutboxAsync();

        Assert.Equal(1, await NotificationCountAsync(host, key));
        Assert.NotNull(await DeliveredAtAsync(host, key));
    }

    [Theory]
    [BothProviders]
    public async Task RunOnce_EmailToOwner_ArrivesOnceWithIdempotencyKeyHeader(DatabaseProvider provider)
    {
        await using var smtp = TestSmtpServer.Start();
        await using var host = await TestHost.StartAsync(provider, smtp.Settings);
        await GiveEmailAsync(host, "yz.moral", "zhouting@school1.example.cn");
        var taskId = await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromDays(2), title: "上报意识形态工作总结");
        var key = $"task:{taskId:N}:assigned:mail";

        await host.DispatchOutboxAsync();
        await host.DispatchOutboxAsync();

        var mail = Assert.Single(smtp.Accepted);
        Assert.Equal(key, mail.Headers["X-DutyDesk-Key"]);
        Assert.Equal("zhouting@school1.example.cn", mail.To.Mailboxes.Single().Address);
        Assert.Contains("上报意识形态工作总结", mail.Subject, StringComparison.Ordinal);
        await using var db = await host.DbAsync();
        var row = await db.Outbox.SingleAsync(m => m.IdempotencyKey == key);
        Assert.NotNull(row.DeliveredAt);
        Assert.Equal(1, row.Attempts);
    }

    [Theory]
    [BothProviders]
    public async Task RunOnce_SmtpTransientFailuresTwice_RetriedWithBackoffAndDeliveredOnce(DatabaseProvider provider)
    {
        await using var smtp = TestSmtpServer.Start(transientFailures: 2);
        await using var host = await TestHost.StartAsync(provider, smtp.Settings);
        await GiveEmailAsync(host, "yz.moral", "zhouting@school1.example.cn");
        var taskId = await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromDays(2));
        var key = $"task:{taskId:N}:assigned:mail";
        var first = host.Get<IOptions<OutboxOptions>>().Value.FirstRetryDelay;

        await host.DispatchOutboxAsync();
        var afterFirst = await OutboxRowAsync(host, key);
        await host.DispatchOutboxAsync(); // still backing off: nothing is sent
        Assert.Equal(1, smtp.Attempts);
        host.Clock.Advance(Backoff.Delay(first, 1) + TimeSpan.FromSeconds(1));
        await host.DispatchOutboxAsync();
        host.Clock.Advance(Backoff.Delay(first, 2) + TimeSpan.FromSeconds(1));
        await host.DispatchOutboxAsync();
        host.Clock.Advance(TimeSpan.FromHours(2));
        await host.DispatchOutboxAsync();

        Assert.Equal(1, afterFirst.Attempts);
        Assert.Null(afterFirst.DeliveredAt);
        Assert.Contains("temporarily unavailable", afterFirst.LastError, StringComparison.Ordinal);
        Assert.Equal(3, smtp.Attempts);
        var mail = Assert.Single(smtp.Accepted);
        Assert.Equal(key, mail.Headers["X-DutyDesk-Key"]);
        var row = await OutboxRowAsync(host, key);
        Assert.NotNull(row.DeliveredAt);
        Assert.Null(row.DeadAt);
        Assert.Equal(3, row.Attempts);
    }

    [Theory]
    [BothProviders]
    public async Task RunOnce_NoMailServerConfigured_MailRowSaysNotSentInsteadOfDelivered(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await GiveEmailAsync(host, "yz.moral", "moral@school.example.cn");
        var taskId = await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromDays(2));

        await host.DispatchOutboxAsync();

        var mail = await OutboxRowAsync(host, $"task:{taskId:N}:assigned:mail");
        Assert.NotNull(mail.DeliveredAt);
        Assert.Contains("未配置邮件服务器", mail.LastError, StringComparison.Ordinal);
        Assert.Null((await OutboxRowAsync(host, $"task:{taskId:N}:assigned:app")).LastError);
    }

    private static async Task GiveEmailAsync(TestHost host, string userName, string email)
    {
        var admin = await host.ActorAsync("admin");
        var user = (await host.Get<ListUsers>().HandleAsync(admin, new UserFilter(Search: userName))).Single(u => u.UserName == userName);
        var updated = await host.Get<ManageUsers>().UpdateAsync(admin, new UpdateUserCommand(user.Id, user.DisplayName, email, user.Phone, user.Version));
        Assert.True(updated.IsSuccess, updated.Error?.Message);
    }

    private static async Task<OutboxMessage> OutboxRowAsync(TestHost host, string key)
    {
        await using var db = await host.DbAsync();
        return await db.Outbox.AsNoTracking().SingleAsync(m => m.IdempotencyKey == key);
    }

    private static async Task<DateTime?> DeliveredAtAsync(TestHost host, string key) => (await OutboxRowAsync(host, key)).DeliveredAt;

    private static async Task<int> NotificationCountAsync(TestHost host, string key)
    {
        await using var db = await host.DbAsync();
        return await db.Notifications.CountAsync(n => n.IdempotencyKey == key);
    }
}
