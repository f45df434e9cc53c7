using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Tasks;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Response.Statements;

/// <summary>
/// The 进展通报 reminder: once the unit has published, a DueTask falls due at the last publication plus the level's
/// ProgressEvery (shortened in a sensitive period). A published progress statement completes it and plans the next;
/// another publication moves it; a level change plans it again; 平息 and 结案 cancel it. Staged on the caller's context.
/// </summary>
internal static class ProgressReports
{
    public const string SourceType = "ResponseCaseProgress";

    private static readonly int[] ReminderMinutes = [60, 10];

    /// <summary>
    /// After a publication at <paramref name="publishedAt"/> (already staged): a progress statement completes the open
    /// reminder; then the reminder is planned from the latest publication.
    /// </summary>
    public static async Task PublishedAsync(
        AppDbContext db, ResponseCase c, ResponseOptions options, StatementKind kind, DateTime publishedAt, Guid by, DateTime now, CancellationToken ct)
    {
        var open = await OpenAsync(db, c.Id, ct);
        if (kind == StatementKind.Progress && open is not null)
        {
            open.Complete(now, by, "已发布进展通报", nothingToReport: false);
            var kept = now <= open.DueAt ? "按时发布" : $"超时 {CaseWork.Span(now - open.DueAt)} 发布";
            CaseWork.Timeline(db, c, TimelineKind.Deadline, $"进展通报{kept}", by, now);
            open = null;
        }

        var last = await LastPublishedAsync(db, c.Id, ct);
        await PlanAsync(db, c, options, open, last is { } l && l > publishedAt ? l : publishedAt, by, now, ct);
    }

    /// <summary>Plans the reminder again from the last publication (the level or the sensitive factor changed); nothing before the first publication.</summary>
    public static async Task ReplanAsync(AppDbContext db, ResponseCase c, ResponseOptions options, Guid by, DateTime now, CancellationToken ct)
    {
        if (await LastPublishedAsync(db, c.Id, ct) is { } last)
        {
            await PlanAsync(db, c, options, await OpenAsync(db, c.Id, ct), last, by, now, ct);
        }
    }

    /// <summary>平息 or 结案: no more progress reports are due.</summary>
    public static async Task CancelAsync(AppDbContext db, ResponseCase c, string why, DateTime now, CancellationToken ct)
    {
        if (await OpenAsync(db, c.Id, ct) is { } open)
        {
            open.Cancel(why);
            CaseWork.Timeline(db, c, TimelineKind.Deadline, $"进展通报提醒停止：{why}", null, now);
        }
    }

    private static async Task PlanAsync(AppDbContext db, ResponseCase c, ResponseOptions options, DueTask? open, DateTime last, Guid by, DateTime now, CancellationToken ct)
    {
        var next = c.Step is CaseStep.AfterCare or CaseStep.Review or CaseStep.Closed
            ? null
            : Domain.Deadline.NextProgressReport(c.Level, last, options, c.DeadlineFactor);
        if (next is not { } dueAt)
        {
            if (open is not null)
            {
                open.Cancel($"{IncidentLevel.Name(c.Level)}事件不设进展通报时限");
            }

            return;
        }

        if (open is not null)
        {
            if (open.DueAt != dueAt)
            {
                open.Reschedule(dueAt, now);
            }

            return;
        }

        var targets = await CaseWork.EscalationTargetsAsync(db, c.UnitId, c.Level, ct);
        var every = dueAt - last;
        db.AddDueTask(new DueTaskDraft(
            $"【进展通报】{c.Title}",
            $"自上次发布起每 {CaseWork.Span(every)} 须发布一次进展通报（{IncidentLevel.Name(c.Level)}）：在“通稿”一栏起草进展通报，审定后登记发布即完成。",
            c.UnitId, c.OpenedById, dueAt, Reminders(every), targets.Count > 0 ? targets[0] : null,
            EvidenceRequired: false, CaseWork.SourceModule, SourceType, c.Id.ToString()), by, now);
    }


    /// <summary>The open reminder, as this context has it (one staged or completed in this save counts as it is now).</summary>
    private static async Task<DueTask?> OpenAsync(AppDbContext db, Guid caseId, CancellationToken ct)
    {
        var id = caseId.ToString();
        await db.DueTasks.Where(t => t.SourceModule == CaseWork.SourceModule && t.SourceType == SourceType && t.SourceId == id && t.State == DueTaskState.Open).LoadAsync(ct);
        return db.DueTasks.Local.FirstOrDefault(t => t.SourceType == SourceType && t.SourceId == id && t.State == DueTaskState.Open);
    }

    private static async Task<DateTime?> LastPublishedAsync(AppDbContext db, Guid caseId, CancellationToken ct)
        => await db.Set<Publication>().Where(p => p.CaseId == caseId).MaxAsync(p => (DateTime?)p.PublishedAt, ct);

    /// <summary>An hour before where it fits, and ten minutes before.</summary>
    private static int[] Reminders(TimeSpan every)
    {
        var total = (int)every.TotalMinutes;
        return ReminderMinutes.Where(m => m < total).ToArray();
    }
}
