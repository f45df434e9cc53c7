using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Sources;

/// <summary>
/// The source a unit's people bring items in through (人工报送, 文件导入), made on first use; staged on the
/// caller's context, so it is saved with the caller's change.
/// </summary>
internal static class IntakeSource
{
    public static async Task<Guid> ForAsync(AppDbContext db, Guid unitId, SourceKind kind, string name, DateTime now, CancellationToken ct)
    {
        var existing = await db.Set<Source>().Where(s => s.UnitId == unitId && s.Kind == kind)
            .OrderBy(s => s.Name == name ? 0 : 1).ThenBy(s => s.CreatedAt).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id)
        {
            return id;
        }

        // A source the unit set up by hand may already carry the name.
        var taken = await db.Set<Source>().AnyAsync(s => s.UnitId == unitId && s.Name == name, ct);
        var source = new Source { Id = Guid.CreateVersion7(), UnitId = unitId, Name = taken ? name + "（自动）" : name, Kind = kind, CreatedAt = now };
        db.Set<Source>().Add(source);
        return source.Id;
    }
}
