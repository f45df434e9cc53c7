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
public sealed class DueTaskScheduler(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, IEnumerable<IOverdueEscalation> escalations)
{
    private const int Batch = 100;

    public async Task<int> RunOnceAsync(CancellationToken ct)
        => await SendRemindersAsync(ct) + await EscalateOverdueAsync(ct);

    private async Task<int> SendRemindersAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<Guid> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            due = await db.DueTasks
                .Where(t => t.State == DueTaskState.Open && t.NextReminderAt != null && t.NextReminderAt <= now)
                .OrderBy(t => t.NextReminderAt)
                .Select(t => t.Id)
                .Take(Batch)
                .ToListAsync(ct);
        }

        var sent = 0;
        foreach (var id in due)
        {
            // One context per task: a task another node claimed first fails alone and leaves the others intact.
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var task = await db.DueTasks.FirstOrDefaultAsync(t => t.Id == id && t.State == DueTaskState.Open && t.NextReminderAt != null && t.NextReminderAt <= now, ct);
            if (task is null)
            {
                continue;
            }

            var sentFor = task.NextReminderAt!.Value;
            var (offsets, _) = ReminderSchedule.Parse(task.ReminderOffsets);
            task.NextReminderAt = ReminderSchedule.Next(task.DueAt, offsets ?? [], now);
            // After the due time (the scheduler was down) the overdue notice says it all.
            if (task.DueAt > now)
            {
                db.Notify(clock, $"task:{task.Id:N}:remind:{sentFor.Ticks}", new NotificationPayload(
                    task.OwnerId,
                    $"待办即将到期：{task.Title}",
                    $"距截止还有 {FormatSpan(task.DueAt - now)}。",
                    $"/tasks/{task.Id}"));
            }

            sent += await TrySaveAsync(db, ct) ? 1 : 0;
        }

        return sent;
    }

    private async Task<int> EscalateOverdueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<Guid> overdue;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            overdue = await db.DueTasks
                .Where(t => t.State == DueTaskState.Open && t.EscalatedAt == null && t.DueAt <= now)
                .OrderBy(t => t.DueAt)
                .Select(t => t.Id)
                .Take(Batch)
                .ToListAsync(ct);
        }

        var escalated = 0;
        foreach (var id in overdue)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var task = await db.DueTasks.FirstOrDefaultAsync(t => t.Id == id && t.State == DueTaskState.Open && t.EscalatedAt == null, ct);
            if (task is null)
            {
                continue;
            }

            task.EscalatedAt = now;
            task.NextReminderAt = null;
            var key = $"task:{task.Id:N}:overdue";
            db.Notify(clock, key + ":owner", new NotificationPayload(task.OwnerId, $"待办已逾期：{task.Title}", "请尽快办理并上传佐证材料。", $"/tasks/{task.Id}"));
            var own = escalations.FirstOrDefault(e => e.Handles(task));
            var targets = own is null ? await EscalationTargetsAsync(db, task, ct) : await own.EscalateAsync(db, task, now, ct);
            foreach (var target in targets.Where(t => t != task.OwnerId).Distinct())
            {
                db.Notify(clock, $"{key}:to:{target:N}", new NotificationPayload(
                    target, $"逾期督办：{task.Title}", $"截止时间 {task.DueAt:yyyy-MM-dd HH:mm} UTC 已过，责任人尚未办结。", $"/tasks/{task.Id}"));
            }

            escalated += await TrySaveAsync(db, ct) ? 1 : 0;
        }

        return escalated;
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

    /// <summary>
    /// The save is the claim: false when another node got there first — its version moved on, or its
    /// notification with the same idempotency key is already in the outbox (whichever the database checks first).
    /// </summary>
    private static async Task<bool> TrySaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
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
