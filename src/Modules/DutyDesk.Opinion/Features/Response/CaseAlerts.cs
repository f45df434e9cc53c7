using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Duty;
using DutyDesk.Platform.Alerts;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DutyDesk.Opinion.Features.Response;

/// <summary>
/// The alerts of the response half (PRODUCT.md 4.4), staged on the caller's context: a case opened, its level
/// raised, a deadline missed. Each goes first to the person on duty, then along the unit's office and the level's
/// escalation people, acknowledged by a person and escalated when not; Ⅰ and Ⅱ pass through quiet hours.
/// </summary>
internal sealed class CaseAlerts(TimeProvider clock, IOptions<OpinionOptions> options)
{
    public Task RaiseOpenedAsync(AppDbContext db, ResponseCase c, CancellationToken ct)
        => RaiseAsync(db, c, $"case:{c.Id:N}:opened", $"舆情事件处置（{IncidentLevel.Name(c.Level)}）：{c.Title}", "请确认收到，并在时限内向领导小组报送快报。", c.Level, null, ct);

    public Task RaiseRaisedAsync(AppDbContext db, ResponseCase c, IncidentLevelCode from, CancellationToken ct)
        => RaiseAsync(db, c, $"case:{c.Id:N}:level:{c.Level}", $"舆情事件升级为{IncidentLevel.Name(c.Level)}（原{IncidentLevel.Name(from)}）：{c.Title}",
            "各项处置时限已按新级别自发现时间起重新计算，请确认收到。", c.Level, null, ct);

    /// <summary>
    /// Monitoring events of one unit that reached the alert level in a batch (new ones, or ones whose proposal rose):
    /// the person on duty is asked to look and confirm a level. One alert per event and level, whatever number of
    /// items raised it; the chain is looked up once per batch and level, not once per event.
    /// </summary>
    public async Task RaiseEventsAsync(AppDbContext db, Guid unitId, IReadOnlyCollection<OpinionCase> events, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var chains = new Dictionary<IncidentLevelCode, IReadOnlyList<Guid>>();
        foreach (var e in events)
        {
            if (!chains.TryGetValue(e.ProposedLevel, out var chain))
            {
                chains[e.ProposedLevel] = chain = await ChainAsync(db, unitId, e.ProposedLevel, null, now, ct);
            }

            if (chain.Count == 0)
            {
                continue;
            }

            await db.RaiseAlertAsync(clock, Draft(
                e.UnitId, $"event:{e.Id:N}:level:{e.ProposedLevel}", $"舆情预警（系统建议{IncidentLevel.Name(e.ProposedLevel)}）：{e.Title}",
                $"依据：{e.ProposedRule}。请研判，确认级别后开启处置。", $"/opinion/cases/{e.Id}", e.ProposedLevel, chain, "Event", e.Id), ct);
        }
    }

    /// <summary>A missed deadline goes to the level's escalation people first (PRODUCT.md 4.3); false when there is nobody to alert.</summary>
    public async Task<bool> RaiseMissedAsync(AppDbContext db, ResponseCase c, DeadlineKind kind, Guid taskId, CancellationToken ct)
    {
        var escalation = await CaseWork.EscalationTargetsAsync(db, c.UnitId, c.Level, ct);
        return await RaiseAsync(db, c, $"deadline:{taskId:N}", $"处置时限已过：{Deadline.Name(kind)}（{IncidentLevel.Name(c.Level)}）{c.Title}",
            $"{Deadline.Escalation(c.Level).Text}。请督促处置并确认收到。", c.Level, escalation, ct);
    }

    /// <summary>The people an alert of the unit goes to, in order: on duty now, then <paramref name="first"/>, the office, the level's escalation people.</summary>
    public static async Task<IReadOnlyList<Guid>> ChainAsync(AppDbContext db, Guid unitId, IncidentLevelCode level, IReadOnlyList<Guid>? first, DateTime now, CancellationToken ct)
    {
        var onDuty = await DutyRoster.OnDutyAsync(db, unitId, now, ct);
        var office = await db.RoleAssignments.Where(r => r.UnitId == unitId && r.Role == Role.LeadingGroupOffice).Select(r => r.UserId).OrderBy(u => u).ToListAsync(ct);
        var escalation = await CaseWork.EscalationTargetsAsync(db, unitId, level, ct);
        return [.. (first is null ? onDuty.Concat(office).Concat(escalation) : first.Concat(onDuty).Concat(office).Concat(escalation)).Distinct()];
    }

    private async Task<bool> RaiseAsync(AppDbContext db, ResponseCase c, string key, string title, string body, IncidentLevelCode level, IReadOnlyList<Guid>? first, CancellationToken ct)
    {
        var chain = await ChainAsync(db, c.UnitId, level, first, clock.GetUtcNow().UtcDateTime, ct);
        if (chain.Count == 0)
        {
            return false;
        }

        await db.RaiseAlertAsync(clock, Draft(c.UnitId, key, title, body, $"/opinion/response/{c.Id}", level, chain, "ResponseCase", c.Id), ct);
        return true;
    }

    /// <summary>An alert of a level: its acknowledgement window and repeats from the level's clocks; Ⅰ/Ⅱ pass quiet hours.</summary>
    private AlertDraft Draft(Guid unitId, string key, string title, string body, string link, IncidentLevelCode level, IReadOnlyList<Guid> chain, string sourceType, Guid sourceId)
    {
        var clocks = options.Value.Response.For(level);
        return new AlertDraft(
            unitId, key, title.Length > Alert.TitleMaxLength ? title[..Alert.TitleMaxLength] : title, body, link, (int)level, Urgent: level <= IncidentLevelCode.II,
            chain, clocks.AckWithin, clocks.MaxEscalations, CaseWork.SourceModule, sourceType, sourceId.ToString());
    }
}
