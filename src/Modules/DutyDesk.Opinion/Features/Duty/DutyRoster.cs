using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Duty;

/// <summary>Who is on duty: the seam response cases and alerts call to reach the person on duty first.</summary>
internal static class DutyRoster
{
    /// <summary>People on duty for the unit at that instant, the earliest-starting shift first; empty when nobody is.</summary>
    public static async Task<IReadOnlyList<Guid>> OnDutyAsync(AppDbContext db, Guid unitId, DateTime atUtc, CancellationToken ct)
    {
        // Shifts last at most a day, so the range on the start keeps the query on the (UnitId, StartsAt) index.
        var earliest = atUtc - DutyRules.MaxShift;
        var shifts = await db.Set<DutyShift>().AsNoTracking()
            .Where(s => s.UnitId == unitId && s.StartsAt <= atUtc && s.StartsAt >= earliest && s.EndsAt > atUtc)
            .Select(s => new { s.UserId, s.StartsAt, s.EndsAt, s.Id })
            .ToListAsync(ct);
        return DutyRules.OnDuty(shifts.OrderBy(s => s.StartsAt).ThenBy(s => s.Id).Select(s => new ShiftSpan(s.UserId, s.StartsAt, s.EndsAt)), atUtc);
    }
}
