using DutyDesk.Platform.Data;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Units;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Platform.Features.Units;

public sealed record UnitDto(Guid Id, Guid? ParentId, string Name, UnitKind Kind, bool IsDisabled, int Depth, Guid Version);

/// <summary>The units the actor may see, parents before children, in tree order.</summary>
public sealed class ListUnits(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<IReadOnlyList<UnitDto>> HandleAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = actor.VisibleUnits.ToList();
        var units = await db.Units.AsNoTracking().Where(u => visible.Contains(u.Id)).ToListAsync(ct);
        var byParent = units.ToLookup(u => u.ParentId is { } p && actor.CanSee(p) ? p : (Guid?)null);
        var ordered = new List<UnitDto>(units.Count);
        void Walk(Guid? parent, int depth)
        {
            foreach (var unit in byParent[parent].OrderBy(u => u.SortOrder).ThenBy(u => u.Name, StringComparer.Ordinal))
            {
                ordered.Add(new UnitDto(unit.Id, unit.ParentId, unit.Name, unit.Kind, unit.IsDisabled, depth, unit.Version));
                Walk(unit.Id, depth + 1);
            }
        }

        Walk(null, 0);
        return ordered;
    }
}
