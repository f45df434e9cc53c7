using DutyDesk.Platform.Data;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Platform.Features.Users;

public sealed record RoleDto(Guid Id, Guid UnitId, string UnitName, Role Role);

public sealed record UserDto(
    Guid Id, string UserName, string DisplayName, string? Email, string? Phone, Guid HomeUnitId, string HomeUnitName,
    bool IsDisabled, bool IsLockedOut, bool TwoFactorEnabled, bool MustChangePassword, IReadOnlyList<RoleDto> Roles, Guid Version);

public sealed record UserFilter(Guid? UnitId = null, string? Search = null);

/// <summary>The people whose home unit the actor may see, with the roles they hold in visible units.</summary>
public sealed class ListUsers(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserDto>> HandleAsync(Actor actor, UserFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = actor.VisibleUnits.ToList();
        var query = db.Users.AsNoTracking().Where(u => visible.Contains(u.HomeUnitId));
        if (filter.UnitId is { } unitId)
        {
            query = query.Where(u => u.HomeUnitId == unitId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            query = query.Where(u => u.UserName!.Contains(term) || u.DisplayName.Contains(term));
        }

        var users = await query.OrderBy(u => u.UserName).Take(500).ToListAsync(ct);
        return await ToDtosAsync(db, actor, users, clock, ct);
    }

    internal static async Task<IReadOnlyList<UserDto>> ToDtosAsync(AppDbContext db, Actor actor, List<AppUser> users, TimeProvider clock, CancellationToken ct)
    {
        var ids = users.Select(u => u.Id).ToList();
        var visible = actor.VisibleUnits.ToList();
        var units = await db.Units.AsNoTracking().Where(u => visible.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var roles = await db.RoleAssignments.AsNoTracking()
            .Where(r => ids.Contains(r.UserId) && visible.Contains(r.UnitId))
            .ToListAsync(ct);
        var byUser = roles.ToLookup(r => r.UserId);
        var now = clock.GetUtcNow();
        return users.Select(u => new UserDto(
            u.Id, u.UserName ?? "", u.DisplayName, u.Email, u.PhoneNumber, u.HomeUnitId, units.GetValueOrDefault(u.HomeUnitId, "?"),
            u.IsDisabled, u.LockoutEnd > now, u.TwoFactorEnabled, u.MustChangePassword,
            byUser[u.Id].OrderBy(r => r.Role).Select(r => new RoleDto(r.Id, r.UnitId, units.GetValueOrDefault(r.UnitId, "?"), r.Role)).ToList(),
            u.Version)).ToList();
    }
}
