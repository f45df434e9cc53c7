using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Notifications;
using DutyDesk.Platform.Tasks;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests;

/// <summary>Reminders and overdue escalation come from due-time columns, once each, however often the scheduler runs.</summary>
public sealed class DueTaskSchedulerTests
{
    [Theory]
    [BothProviders]
    public async Task Create_DueInTwoHoursWithDayAndHourOffsets_NextReminderIsOneHourBeforeDue(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);

        var taskId = await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromHours(2), reminders: "1440,60");

        var task = await TaskAsync(host, taskId);
        Assert.Equal("1440,60", task.ReminderOffsets);
        Assert.Equal(task.DueAt.AddMinutes(-60), task.NextReminderAt);
    }

    [Theory]
    [BothProviders]
    public async Task RunOnce_ReminderDueAndRunTwice_OneReminderToOwner(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var taskId = await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromHours(2), reminders: "1440,60");
        var scheduler = host.Get<DueTaskScheduler>();

        Assert.Equal(0, await scheduler.RunOnceAsync(CancellationToken.None));
        host.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(1, await scheduler.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await scheduler.RunOnceAsync(CancellationToken.None));
        await host.DispatchOutboxAsync();
        await host.DispatchOutboxAsync();

        var reminders = await NotificationsAsync(host, $"task:{taskId:N}:remind:");
        var reminder = Assert.Single(reminders);
        Assert.Equal(await host.UserIdAsync("yz.moral"), reminder.UserId);
        Assert.Contains("即将到期", reminder.Title, StringComparison.Ordinal);
        Assert.Null((await TaskAsync(host, taskId)).NextReminderAt);
    }

    [Theory]
    [BothProviders]
    public async Task RunOnce_SchedulerDownUntilAfterDue_NoLateReminderOnlyOverdueNotice(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var taskId = await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromHours(2), reminders: "60");
        var scheduler = host.Get<DueTaskScheduler>();

        host.Clock.Advance(TimeSpan.FromHours(3));
        await scheduler.RunOnceAsync(CancellationToken.None);
        await scheduler.RunOnceAsync(CancellationToken.None);
        await host.DispatchOutboxAsync();

        Assert.Empty(await NotificationsAsync(host, $"task:{taskId:N}:remind:"));
        Assert.NotEmpty(await NotificationsAsync(host, $"task:{taskId:N}:overdue:"));
        Assert.Null((await TaskAsync(host, taskId)).NextReminderAt);
    }

    [Theory]
    [BothProviders]
    public async Task RunOnce_PastDue_OwnerAndLeadingGroupOfficeNotifiedOnce(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var taskId = await host.CreateTaskAsync("yz.secretary", "第一中学", "yz.moral", TimeSpan.FromHours(2), reminders: "1440,60");
        var scheduler = host.Get<DueTaskScheduler>();

        host.Clock.Advance(TimeSpan.FromMinutes(121));
        await scheduler.RunOnceAsync(CancellationToken.None);
        await scheduler.RunOnceAsync(CancellationToken.None);
        await host.DispatchOutboxAsync();
        host.Clock.Advance(TimeSpan.FromHours(1));
        await scheduler.RunOnceAsync(CancellationToken.None);
        await host.DispatchOutboxAsync();

        var overdue = await NotificationsAsync(host, $"task:{taskId:N}:overdue:");
        Assert.Equal(
            new[] { await host.UserIdAsync("yz.moral"), await host.UserIdAsync("yz.office") }.Order(),
            overdue.Select(n => n.UserId).Order());
        Assert.NotNull((await TaskAsync(host, taskId)).EscalatedAt);
    }

    [Theory]
    [BothProviders]
    public async Task RunOnce_PastDueWithNamedEscalationTarget_OwnerAndTargetOnly(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var taskId = await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromHours(2), escalateTo: "yz.leader");
        var scheduler = host.Get<DueTaskScheduler>();

        host.Clock.Advance(TimeSpan.FromHours(3));
        await scheduler.RunOnceAsync(CancellationToken.None);
        await scheduler.RunOnceAsync(CancellationToken.None);
        await host.DispatchOutboxAsync();

        var overdue = await NotificationsAsync(host, $"task:{taskId:N}:overdue:");
        Assert.Equal(
            new[] { await host.UserIdAsync("yz.moral"), await host.UserIdAsync("yz.leader") }.Order(),
            overdue.Select(n => n.UserId).Order());
    }

    [Theory]
    [BothProviders]
    public async Task RunOnce_TaskCompletedBeforeDue_NoReminderNorEscalation(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var taskId = await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromHours(2), reminders: "60");
        var version = (await TaskAsync(host, taskId)).Version;
        var done = await host.Get<Platform.Features.Tasks.ManageTasks>().CompleteAsync(await host.ActorAsync("yz.moral"),
            new Platform.Features.Tasks.CompleteTaskCommand(taskId, "已完成", version));
        Assert.True(done.IsSuccess, done.Error?.Message);

        host.Clock.Advance(TimeSpan.FromHours(3));
        var handled = await host.Get<DueTaskScheduler>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(0, handled);
        await host.DispatchOutboxAsync();
        Assert.Empty(await NotificationsAsync(host, $"task:{taskId:N}:remind:"));
        Assert.Empty(await NotificationsAsync(host, $"task:{taskId:N}:overdue:"));
    }

    private static async Task<DueTask> TaskAsync(TestHost host, Guid id)
    {
        await using var db = await host.DbAsync();
        return await db.DueTasks.AsNoTracking().SingleAsync(t => t.Id == id);
    }

    private static async Task<List<Notification>> NotificationsAsync(TestHost host, string keyPrefix)
    {
        await using var db = await host.DbAsync();
        return await db.Notifications.AsNoTracking().Where(n => n.IdempotencyKey.StartsWith(keyPrefix)).ToListAsync();
    }
}
