using DutyDesk.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Platform.Alerts;

/// <summary>
/// Passes unacknowledged alerts down their chains: one indexed query finds those whose time ran out, and each is
/// moved on in its own context. The alert's Version is the claim: when two nodes take the same alert at once, only
/// the save whose version still matches writes the escalation and its notifications.
/// </summary>
public sealed class AlertEscalator(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    private const int Batch = 100;

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<Guid> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            due = await db.Alerts
                .Where(a => a.NextEscalationAt != null && a.NextEscalationAt <= now)
                .OrderBy(a => a.NextEscalationAt)
                .Select(a => a.Id)
                .Take(Batch)
                .ToListAsync(ct);
        }

        var moved = 0;
        foreach (var id in due)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var alert = await db.Alerts.Include(a => a.Recipients)
                .FirstOrDefaultAsync(a => a.Id == id && a.AcknowledgedAt == null && a.NextEscalationAt != null && a.NextEscalationAt <= now, ct);
            if (alert is null)
            {
                continue;
            }

            if (AlertRules.CanEscalate(alert.CurrentStep, alert.Recipients.Count, alert.EscalationCount, alert.MaxEscalations))
            {
                alert.CurrentStep++;
                alert.EscalationCount++;
                alert.NextEscalationAt = now + alert.AckWithin;
                await AlertStaging.StageStepAsync(db, clock, alert, alert.CurrentStep, ct);
            }
            else
            {
                alert.ExhaustedAt = now;
                alert.NextEscalationAt = null;
                await AlertStaging.StageExhaustedAsync(db, clock, alert, ct);
            }

            moved += await TrySaveAsync(db, ct) ? 1 : 0;
        }

        return moved;
    }

    /// <summary>False when another node escalated the alert first (its version moved on) or someone acknowledged it meanwhile.</summary>
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
}
