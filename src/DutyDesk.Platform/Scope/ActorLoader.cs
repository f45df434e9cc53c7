using DutyDesk.Platform.Data;
using DutyDesk.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Platform.Scope;

/// <summary>Builds an <see cref="Actor"/> from the database: the one source of truth for scope.</summary>
public sealed class ActorLoader(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<Actor?> LoadAsync(Guid userId, string? clientIp, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null || user.IsDisabled)
        {
            return null;
        }

        var roles = await db.RoleAssignments.AsNoTracking().Where(r => r.UserId == userId).ToListAsync(ct);
        // The unit tree is small (hundreds of rows), so scope is computed in memory from paths.
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Path }).ToListAsync(ct);
        var paths = units.ToDictionary(u => u.Id, u => u.Path);
        var roots = roles.Select(r => r.UnitId).Append(user.HomeUnitId)
            .Select(id => paths.GetValueOrDefault(id)).OfType<string>().Distinct().ToList();
        var visible = units.Where(u => roots.Any(root => u.Path.StartsWith(root, StringComparison.Ordinal))).Select(u => u.Id).ToHashSet();
        return new Actor(user.Id, user.UserName ?? "", user.DisplayName, user.HomeUnitId, clientIp, roles, paths, visible);
    }
}
