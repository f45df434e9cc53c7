using System.Globalization;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Outbox;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Platform.Tasks;

/// <summary>
/// Finds reminders that are due and tasks that became overdue, each with one indexed query, and
/// turns them into notifications through the outbox. The row update is the claim: on several
/// nodes, only the node whose conditional update matches writes the notification.
/// </summary>
public sealed class DueTaskScheduler(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    private const int Batch = 100;

    public async Task<int> RunOnceAsync(CancellationToken ct)
        => await SendRemindersAsync(ct) + await EscalateOverdueAsync(ct);

    private async Task<int> SendRemindersAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.DueTasks
            .Where(t => t.State == DueTaskState.Open && t.NextReminderAt != null && t.NextReminderAt <= now)
            .OrderBy(t => t.NextReminderAt)
            .Take(Batch)
            .ToListAsync(ct);
        foreach (var task in due)
        {
            var sentFor = task.NextReminderAt!.Value;
            var (offsets, _) = ReminderSchedule.Parse(task.ReminderOffsets);
            task.NextReminderAt = ReminderSchedule.Next(task.DueAt, offsets ?? [], now);
            if (task.DueAt <= now)
            {
                // The scheduler was down past the due time: the overdue notice says it all.
                await SaveClaimAsync(db, ct);
                continue;
            }

            var left = task.DueAt - now;
            db.Notify(clock, $"task:{task.Id:N}:remind:{sentFor.Ticks}", new NotificationPayload(
                task.OwnerId,
                $"待办即将到期：{task.Title}",
                $"距截止还有 {FormatSpan(left)}。",
                $"/tasks/{task.Id}"));
            await SaveClaimAsync(db, ct);
        }

        return due.Count;
    }

    private async Task<int> EscalateOverdueAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var overdue = await db.DueTasks
            .Where(t => t.State == DueTaskState.Open && t.EscalatedAt == null && t.DueAt <= now)
            .OrderBy(t => t.DueAt)
            .Take(Batch)
            .ToListAsync(ct);
        foreach (var task in overdue)
        {
            task.EscalatedAt = now;
            var key = $"task:{task.Id:N}:overdue";
            db.Notify(clock, key + ":owner", new NotificationPayload(task.OwnerId, $"待办已逾期：{task.Title}", "请尽快办理并上传佐证材料。", $"/tasks/{task.Id}"));
            foreach (var target in await EscalationTargetsAsync(db, task, ct))
            {
                db.Notify(clock, $"{key}:to:{target:N}", new NotificationPayload(
                    target, $"逾期督办：{task.Title}", $"截止时间 {task.DueAt:yyyy-MM-dd HH:mm} UTC 已过，责任人尚未办结。", $"/tasks/{task.Id}"));
            }

            await SaveClaimAsync(db, ct);
        }

        return overdue.Count;
    }

    /// <summary>The named escalation target, else the leading group office of the task's unit.</summary>
    private static async Task<List<Guid>> EscalationTargetsAsync(AppDbContext db, DueTask task, CancellationToken ct)
    {
        if (task.EscalateToId is { } named)
        {
            return [named];
        }

        return await db.RoleAssignments
            .Where(r => r.UnitId == task.UnitId && r.Role == Role.LeadingGroupOffice && r.UserId != task.OwnerId)
            .Select(r => r.UserId)
            .Distinct()
            .ToListAsync(ct);
    }

    private static async Task SaveClaimAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node claimed this task first (version changed, or the outbox key exists).
            db.ChangeTracker.Clear();
        }
    }

    internal static string FormatSpan(TimeSpan span)
    {
        if (span <= TimeSpan.Zero)
        {
            return "0 分钟";
        }

        return span.TotalDays >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} 天 {span.Hours} 小时")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} 小时 {span.Minutes} 分钟");
    }
}
