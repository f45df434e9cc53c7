using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Outbox;
using DutyDesk.Platform.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DutyDesk.Integration.Tests;

/// <summary>Two nodes on one database work the same due rows at the same time: everything happens once.</summary>
public sealed class MultiNodeTests
{
    private const int Tasks = 12;

    [Theory]
    [BothProviders]
    public async Task Dispatchers_TwoNodesAtOnce_EveryNotificationDeliveredExactlyOnce(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await using var second = host.StartSecondNode("node-2", out var secondServices);
        for (var i = 0; i < Tasks; i++)
        {
            await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromDays(2), title: $"并发待办 {i}");
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var handled = await Task.WhenAll(
            DrainAsync(host.Get<OutboxDispatcher>(), timeout.Token),
            DrainAsync(secondServices.GetRequiredService<OutboxDispatcher>(), timeout.Token));

        await using var db = await host.DbAsync();
        var messages = await db.Outbox.CountAsync();
        Assert.Equal(messages, handled.Sum());
        Assert.Equal(0, await db.Outbox.CountAsync(m => m.DeliveredAt == null));
        var notified = await db.Notifications.Where(n => n.Title.StartsWith("新待办")).Select(n => n.IdempotencyKey).ToListAsync();
        Assert.Equal(Tasks, notified.Count);
        Assert.Equal(Tasks, notified.Distinct().Count());
    }

    [Theory]
    [BothProviders]
    public async Task Schedulers_TwoNodesAtOnce_EachOverdueTaskEscalatedByOneNode(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await using var second = host.StartSecondNode("node-2", out var secondServices);
        for (var i = 0; i < Tasks; i++)
        {
            await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromHours(1), title: $"逾期待办 {i}");
        }

        host.Clock.Advance(TimeSpan.FromHours(2));
        var escalated = await Task.WhenAll(
            host.Get<DueTaskScheduler>().RunOnceAsync(CancellationToken.None),
            secondServices.GetRequiredService<DueTaskScheduler>().RunOnceAsync(CancellationToken.None));

        await using var db = await host.DbAsync();
        Assert.Equal(Tasks, escalated.Sum());
        Assert.Equal(Tasks, await db.DueTasks.CountAsync(t => t.EscalatedAt != null && t.Title.StartsWith("逾期待办")));
        Assert.Equal(Tasks, await db.Outbox.CountAsync(m => m.IdempotencyKey.EndsWith(":overdue:owner:app")));
    }

    private static async Task<int> DrainAsync(OutboxDispatcher dispatcher, CancellationToken ct)
    {
        var total = 0;
        for (var round = 0; round < 100; round++)
        {
            var handled = await dispatcher.RunOnceAsync(ct);
            if (handled == 0)
            {
                return total;
            }

            total += handled;
        }

        return total;
    }
}
