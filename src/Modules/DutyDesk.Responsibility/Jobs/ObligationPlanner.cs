using DutyDesk.Platform.Data;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Shared;
using DutyDesk.Platform.Tasks;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DutyDesk.Responsibility.Jobs;

/// <summary>
/// Turns the occurrences of every active obligation into DueTasks as they come within the planning
/// horizon. Each occurrence is claimed by its unique (obligation, period, member) key, so two nodes
/// planning at once create each task once; a round after a stop catches up on what it missed.
/// </summary>
internal sealed class ObligationPlanner(
    IDbContextFactory<AppDbContext> dbFactory, DisplayClock display, IOptions<ResponsibilityOptions> options, TimeProvider clock, ILogger<ObligationPlanner> logger)
{
    /// <summary>Roles whose holders each owe a per-member occurrence (班子成员 in the wide sense).</summary>
    public static readonly Role[] LeadershipRoles = [Role.FirstResponsible, Role.LeaderInCharge, Role.LeadershipMember];

    /// <summary>One round over all units; returns 0 so the job sleeps between rounds (a round plans everything due).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await PlanAsync(unitId: null, ct);
        return 0;
    }

    /// <summary>Plans one unit's obligations (or all units'); returns how many tasks it created.</summary>
    public async Task<int> PlanAsync(Guid? unitId, CancellationToken ct)
    {
        List<Guid> obligationIds;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            obligationIds = await db.Set<Obligation>().AsNoTracking()
                .Where(o => o.Active && (unitId == null || o.UnitId == unitId))
                .OrderBy(o => o.Id)
                .Select(o => o.Id)
                .ToListAsync(ct);
        }

        var created = 0;
        foreach (var id in obligationIds)
        {
            created += await PlanObligationAsync(id, ct);
        }

        return created;
    }

    private async Task<int> PlanObligationAsync(Guid obligationId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var obligation = await db.Set<Obligation>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == obligationId && o.Active, ct);
        if (obligation is null || obligation.Recurrence.Problem() is not null)
        {
            return 0;
        }

        var due = OccurrencePlan.Due(obligation.Recurrence, obligation.StartsOn, display.ToLocal(now), options.Value.PlanAheadDays);
        if (due.Count == 0)
        {
            return 0;
        }

        var members = obligation.PerLeadershipMember ? await MembersAsync(db, obligation.UnitId, ct) : [(ObligationOccurrence.WholeUnit, "")];
        var keys = due.Select(o => o.PeriodKey).ToList();
        var existing = (await db.Set<ObligationOccurrence>().AsNoTracking()
                .Where(x => x.ObligationId == obligation.Id && keys.Contains(x.PeriodKey))
                .Select(x => new { x.PeriodKey, x.MemberId })
                .ToListAsync(ct))
            .Select(x => (x.PeriodKey, x.MemberId))
            .ToHashSet();
        var (reminders, _) = OccurrencePlan.ReminderMinutes(obligation.ReminderDays);
        var created = 0;
        foreach (var occurrence in due)
        {
            foreach (var (memberId, memberName) in members)
            {
                if (existing.Contains((occurrence.PeriodKey, memberId)))
                {
                    continue;
                }

                var title = $"{obligation.Title}（{OccurrencePlan.Label(occurrence.PeriodKey)}{(memberName.Length > 0 ? " · " + memberName : "")}）";
                var task = db.AddDueTask(
                    new DueTaskDraft(
                        title,
                        $"制度性要求：{obligation.Recurrence.Describe()}。佐证：{obligation.Evidence}。无情况可报时可以零报告办结，须写明理由。",
                        obligation.UnitId,
                        memberId == ObligationOccurrence.WholeUnit ? obligation.OwnerId : memberId,
                        display.ToUtc(occurrence.DueLocal),
                        reminders ?? [],
                        EscalateToId: null,
                        EvidenceRequired: true,
                        TaskSources.Module,
                        TaskSources.ObligationOccurrence,
                        SourceId: null,
                        AllowsNothingToReport: true),
                    obligation.OwnerId,
                    now);
                var row = new ObligationOccurrence
                {
                    Id = Guid.CreateVersion7(),
                    ObligationId = obligation.Id,
                    UnitId = obligation.UnitId,
                    PeriodKey = occurrence.PeriodKey,
                    Scheduled = occurrence.Scheduled,
                    MemberId = memberId,
                    TaskId = task.Id,
                    CreatedAt = now,
                };
                task.SourceId = row.Id.ToString();
                db.Set<ObligationOccurrence>().Add(row);
                created++;
            }
        }

        if (created == 0)
        {
            return 0;
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return created;
        }
        catch (DbUpdateException ex)
        {
            // Another node planned the same occurrences first; its tasks stand and this round's are dropped.
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation(ex, "Obligation {ObligationId} was planned by another node", obligation.Id);
            }
            return 0;
        }
    }

    private static async Task<List<(Guid, string)>> MembersAsync(AppDbContext db, Guid unitId, CancellationToken ct)
    {
        var ids = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.UnitId == unitId && LeadershipRoles.Contains(r.Role))
            .Select(r => r.UserId)
            .Distinct()
            .ToListAsync(ct);
        return (await db.Users.AsNoTracking()
                .Where(u => ids.Contains(u.Id) && !u.IsDisabled)
                .OrderBy(u => u.DisplayName)
                .Select(u => new { u.Id, u.DisplayName })
                .ToListAsync(ct))
            .Select(u => (u.Id, u.DisplayName))
            .ToList();
    }
}
