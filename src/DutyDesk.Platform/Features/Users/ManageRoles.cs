using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DutyDesk.Platform.Features.Users;

public sealed record GrantRoleCommand(Guid UserId, Guid UnitId, Role Role);

/// <summary>
/// Grants and revokes roles. Only the security administrator does this, never for themselves,
/// and no person may hold two of the three administrative roles (三权分立).
/// </summary>
public sealed class ManageRoles(IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task<Result<Guid>> GrantAsync(Actor actor, GrantRoleCommand command, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(command.Role))
        {
            return Error.Validation("role", "“角色”不是可选的值。");
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == command.UserId, ct);
        if (user is null || !actor.CanSee(user.HomeUnitId))
        {
            return Error.NotFound("用户");
        }

        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == command.UnitId, ct);
        if (unit is null || !actor.CanSee(unit.Id))
        {
            return Error.NotFound("单位");
        }

        if (!actor.HoldsIn(Role.SecurityAdmin, unit.Id))
        {
            await db.AuditDeniedAsync(clock, actor, $"授予角色 {command.Role.ToChinese()}", "User", user.Id.ToString(), ct);
            return Error.Forbidden("只有安全管理员可以变更角色。");
        }

        if (user.Id == actor.UserId)
        {
            return Error.Validation("userId", "不能变更自己的角色，请由另一位安全管理员办理。");
        }

        var held = await db.RoleAssignments.Where(r => r.UserId == user.Id).ToListAsync(ct);
        if (held.Any(r => r.UnitId == unit.Id && r.Role == command.Role))
        {
            return Error.Validation("role", $"{user.DisplayName}已在“{unit.Name}”担任{command.Role.ToChinese()}。");
        }

        if (command.Role.IsAdministrative() && held.FirstOrDefault(r => r.Role.IsAdministrative() && r.Role != command.Role) is { } other)
        {
            return Error.Validation("role", $"{user.DisplayName}已是{other.Role.ToChinese()}；系统管理员、安全管理员、审计员三个角色不能由同一人兼任。");
        }

        // An administrator must already own the account: their password set and TOTP enrolled, so that
        // neither the system administrator (who issued the one-time password) nor a password reset can use it.
        if (command.Role.IsAdministrative() && (user.MustChangePassword || !user.TwoFactorEnabled))
        {
            return Error.Validation("role", $"{user.DisplayName}须先用自己的密码登录并启用双因素认证，才能被授予{command.Role.ToChinese()}。");
        }

        var assignment = new RoleAssignment
        {
            Id = Guid.CreateVersion7(),
            UserId = user.Id,
            UnitId = unit.Id,
            Role = command.Role,
            GrantedAt = clock.GetUtcNow().UtcDateTime,
            GrantedBy = actor.UserId,
        };
        db.RoleAssignments.Add(assignment);
        db.Audit(clock, actor, AuditActions.RoleGrant, "User", user.Id.ToString(), unit.Id, detail: $"{user.UserName}：{unit.Name} {command.Role.ToChinese()}");
        await SaveAndRefreshAsync(scope, db, user, ct);
        return assignment.Id;
    }

    public async Task<Result<Done>> RevokeAsync(Actor actor, Guid assignmentId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var assignment = await db.RoleAssignments.FirstOrDefaultAsync(r => r.Id == assignmentId, ct);
        if (assignment is null || !actor.CanSee(assignment.UnitId))
        {
            return Error.NotFound("角色");
        }

        if (!actor.HoldsIn(Role.SecurityAdmin, assignment.UnitId))
        {
            await db.AuditDeniedAsync(clock, actor, "撤销角色", "RoleAssignment", assignmentId.ToString(), ct);
            return Error.Forbidden("只有安全管理员可以变更角色。");
        }

        if (assignment.UserId == actor.UserId)
        {
            return Error.Validation("userId", "不能变更自己的角色，请由另一位安全管理员办理。");
        }

        var user = await db.Users.FirstAsync(u => u.Id == assignment.UserId, ct);
        var unitName = await db.Units.Where(u => u.Id == assignment.UnitId).Select(u => u.Name).FirstAsync(ct);
        db.RoleAssignments.Remove(assignment);
        db.Audit(clock, actor, AuditActions.RoleRevoke, "User", user.Id.ToString(), assignment.UnitId, detail: $"{user.UserName}：{unitName} {assignment.Role.ToChinese()}");
        await SaveAndRefreshAsync(scope, db, user, ct);
        return Done.Value;
    }

    /// <summary>A new security stamp makes the person's cookies pick up the new roles at the next check.</summary>
    private static async Task SaveAndRefreshAsync(AsyncServiceScope scope, AppDbContext db, AppUser user, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().UpdateSecurityStampAsync(user);
    }
}
