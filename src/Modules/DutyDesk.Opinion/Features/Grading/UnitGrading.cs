using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Grading;

/// <summary>A unit's effective grading and the unit whose row it is (null: the configured defaults).</summary>
internal sealed record EffectiveGrading(GradingOptions Options, Guid? FromUnitId);

/// <summary>
/// The grading a unit's events are proposed with: its own row, else the nearest superior's, else configuration
/// (DutyDesk:Opinion:Grading).
/// </summary>
internal static class UnitGrading
{
    public static async Task<EffectiveGrading> ForUnitAsync(AppDbContext db, Guid unitId, GradingOptions defaults, CancellationToken ct)
    {
        var path = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
        var chain = path is null ? [unitId] : OpinionAccess.Chain(path);
        var rows = await db.Set<GradingSettings>().AsNoTracking().Where(g => chain.Contains(g.UnitId)).ToListAsync(ct);
        return Nearest(chain, rows.ToDictionary(r => r.UnitId), defaults);
    }

    public static EffectiveGrading Nearest(IEnumerable<Guid> chain, IReadOnlyDictionary<Guid, GradingSettings> rows, GradingOptions defaults)
    {
        foreach (var id in chain)
        {
            if (rows.TryGetValue(id, out var row))
            {
                return new EffectiveGrading(row.ToOptions(), id);
            }
        }

        return new EffectiveGrading(defaults, null);
    }
}
