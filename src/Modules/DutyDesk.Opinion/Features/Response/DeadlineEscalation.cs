using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Tasks;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Response;

/// <summary>
/// A missed response deadline escalates by the case's level at the moment it is missed (PRODUCT.md 4.3: Ⅰ the top
/// leader and the superior unit, Ⅱ/Ⅲ the leader in charge, Ⅳ/Ⅴ the office), and the miss goes on the timeline.
/// </summary>
internal sealed class DeadlineEscalation(CaseAlerts alerts) : IOverdueEscalation
{
    public bool Handles(DueTask task) => task.SourceModule == CaseWork.SourceModule && task.SourceType == CaseWork.DeadlineSource;

    public async Task<IReadOnlyList<Guid>> EscalateAsync(AppDbContext db, DueTask task, DateTime now, CancellationToken ct)
    {
        var link = await db.Set<CaseDeadline>().FirstOrDefaultAsync(d => d.TaskId == task.Id, ct);
        var c = link is null ? null : await db.Set<ResponseCase>().FirstOrDefaultAsync(x => x.Id == link.CaseId, ct);
        if (link is null || c is null)
        {
            return task.EscalateToId is { } named ? [named] : [];
        }

        var rule = Deadline.Escalation(c.Level);
        CaseWork.Timeline(db, c, TimelineKind.Deadline, $"时限“{Deadline.Name(link.Kind)}”已过（{IncidentLevel.Name(c.Level)}），{rule.Text}", null, now);
        // The alert (acknowledged, escalated when not) replaces the scheduler's plain notices to the same people.
        return await alerts.RaiseMissedAsync(db, c, link.Kind, task.Id, ct) ? [] : await CaseWork.EscalationTargetsAsync(db, c.UnitId, c.Level, ct);
    }
}
