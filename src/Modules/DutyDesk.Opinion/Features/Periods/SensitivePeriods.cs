using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Grading;
using DutyDesk.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Periods;

/// <summary>The sensitive periods in force: the seam response deadlines and the source poller call.</summary>
internal static class SensitivePeriods
{
    /// <summary>
    /// The active period that applies to the unit at that instant (its own or a superior unit's; the one with the
    /// smallest DeadlineFactor when several), or null.
    /// </summary>
    public static async Task<SensitivePeriod?> ActiveAsync(AppDbContext db, Guid unitId, DateTime atUtc, CancellationToken ct)
        => PeriodRules.Active(await ActiveAllAsync(db, unitId, atUtc, ct), atUtc);

    /// <summary>The factor the unit's polling intervals are multiplied by now: the smallest of the periods in force, 1 when none.</summary>
    public static async Task<double> MonitoringFactorAsync(AppDbContext db, Guid unitId, DateTime atUtc, CancellationToken ct)
        => PeriodRules.MonitoringFactor(await ActiveAllAsync(db, unitId, atUtc, ct), atUtc);

    /// <summary>When a source of the unit polled at <paramref name="nowUtc"/> is polled next (<see cref="PeriodRules.NextPoll"/>).</summary>
    public static async Task<DateTime> NextPollAsync(AppDbContext db, Guid unitId, DateTime nowUtc, TimeSpan interval, CancellationToken ct)
    {
        var chain = await OpinionAccess.UnitChainAsync(db, unitId, ct);
        var horizon = nowUtc + interval;
        var periods = await db.Set<SensitivePeriod>().AsNoTracking()
            .Where(p => chain.Contains(p.UnitId) && p.StartsAt < horizon && p.EndsAt > nowUtc)
            .ToListAsync(ct);
        return PeriodRules.NextPoll(nowUtc, interval, periods);
    }

    private static async Task<List<SensitivePeriod>> ActiveAllAsync(AppDbContext db, Guid unitId, DateTime atUtc, CancellationToken ct)
    {
        var chain = await OpinionAccess.UnitChainAsync(db, unitId, ct);
        return await db.Set<SensitivePeriod>().AsNoTracking()
            .Where(p => chain.Contains(p.UnitId) && p.StartsAt <= atUtc && p.EndsAt > atUtc)
            .ToListAsync(ct);
    }

}
