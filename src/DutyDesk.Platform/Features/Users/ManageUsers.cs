using DutyDesk.Text;
using System.Net.Mail;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DutyDesk.Platform.Features.Users;

public sealed record CreateUserCommand(string UserName, string DisplayName, string? Email, string? Phone, Guid HomeUnitId);

public sealed record UpdateUserCommand(Guid Id, string DisplayName, string? Email, string? Phone, Guid Version);

/// <summary>A created account or reset password: the one-time password is shown once and never stored.</summary>
public sealed record IssuedPassword(Guid UserId, string UserName, string OneTimePassword);

/// <summary>
/// Accounts: the system administrator creates and edits them; accounts that hold one of the
/// three administrative roles are looked after by the security administrator instead, so that
/// the system administrator cannot take over the auditor's or the security administrator's account.
/// </summary>
public sealed class ManageUsers(IServiceScopeFactory scopes, TimeProvider clock, IOptions<SecurityOptions> security)
{
    public const int UserNameMaxLength = 40;

    public async Task<Result<IssuedPassword>> CreateAsync(Actor actor, CreateUserCommand command, CancellationToken ct = default)
    {
        var invalid = Check.First(
            Check.Required("userName", "登录名", command.UserName, UserNameMaxLength),
            Check.Required("displayName", "姓名", command.DisplayName, AppUser.DisplayNameMaxLength),
            CheckEmail(command.Email),
            Check.Optional("phone", "手机号", command.Phone, 20));
        if (invalid is not null)
        {
            return invalid;
        }

        var userName = command.UserName.Trim();
        if (!userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            return Error.Validation("userName", "“登录名”只能包含英文字母、数字、点、下划线和连字符。");
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == command.HomeUnitId, ct);
        if (unit is null || !actor.CanSee(unit.Id))
        {
            return Error.NotFound("所属单位");
        }

        if (!actor.HoldsIn(Role.SystemAdmin, unit.Id))
        {
            await db.AuditDeniedAsync(clock, actor, "新建用户", "User", userName, ct);
            return Error.Forbidden("只有该单位的系统管理员可以新建用户。");
        }

        if (unit.IsDisabled)
        {
            return Error.Validation("homeUnitId", "所属单位已停用。");
        }

        if (await users.FindByNameAsync(userName) is not null)
        {
            return Error.Validation("userName", $"登录名“{userName}”已被使用。");
        }

        var password = OneTimePassword.Generate(security.Value);
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = userName,
            DisplayName = TextNormalizer.Clean(command.DisplayName),
            Email = Blank(command.Email),
            PhoneNumber = Blank(command.Phone),
            HomeUnitId = unit.Id,
            MustChangePassword = true,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };
        // The audit row is staged on the store's own context, so it commits with the user.
        db.Audit(clock, actor, AuditActions.UserCreate, "User", user.Id.ToString(), unit.Id, detail: $"{userName}（{user.DisplayName}），单位：{unit.Name}");
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return IdentityErrors.ToError(created, "password");
        }

        return new IssuedPassword(user.Id, userName, password);
    }

    public async Task<Result<Done>> UpdateAsync(Actor actor, UpdateUserCommand command, CancellationToken ct = default)
    {
        var invalid = Check.First(
            Check.Required("displayName", "姓名", command.DisplayName, AppUser.DisplayNameMaxLength),
            CheckEmail(command.Email),
            Check.Optional("phone", "手机号", command.Phone, 20));
        if (invalid is not null)
        {
            return invalid;
        }

        await using var scope = scopes.CreateAsyncScope();
        var (db, users, user, error) = await LoadManagedAsync(scope, actor, command.Id, "修改用户", ct);
        if (error is not null)
        {
            return error;
        }

        if (user!.Version != command.Version)
        {
            return Error.StaleEdit("该用户");
        }

        user.DisplayName = TextNormalizer.Clean(command.DisplayName);
        user.Email = Blank(command.Email);
        user.NormalizedEmail = users!.NormalizeEmail(user.Email);
        user.PhoneNumber = Blank(command.Phone);
        db!.Audit(clock, actor, AuditActions.UserUpdate, "User", user.Id.ToString(), user.HomeUnitId, detail: user.UserName);
        return await SaveAsync(users, user);
    }

    public async Task<Result<Done>> SetDisabledAsync(Actor actor, Guid userId, bool disabled, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (db, users, user, error) = await LoadManagedAsync(scope, actor, userId, disabled ? "停用用户" : "启用用户", ct);
        if (error is not null)
        {
            return error;
        }

        if (user!.Id == actor.UserId)
        {
            return Error.Validation("id", "不能停用自己的账号。");
        }

        user.IsDisabled = disabled;
        db!.Audit(clock, actor, disabled ? AuditActions.UserDisable : AuditActions.UserEnable, "User", user.Id.ToString(), user.HomeUnitId, detail: user.UserName);
        if (disabled)
        {
            await SessionTerminator.EndAllAsync(db!, user.Id, "disabled", clock, ct);
        }

        var saved = await SaveAsync(users!, user);
        if (saved.IsSuccess)
        {
            await users!.UpdateSecurityStampAsync(user);
        }

        return saved;
    }

    public async Task<Result<IssuedPassword>> ResetPasswordAsync(Actor actor, Guid userId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (db, users, user, error) = await LoadManagedAsync(scope, actor, userId, "重置密码", ct);
        if (error is not null)
        {
            return error;
        }

        if (user!.Id == actor.UserId)
        {
            return Error.Validation("id", "请在“修改密码”中修改自己的密码。");
        }

        var password = OneTimePassword.Generate(security.Value);
        var token = await users!.GeneratePasswordResetTokenAsync(user);
        user.MustChangePassword = true;
        db!.Audit(clock, actor, AuditActions.UserResetPassword, "User", user.Id.ToString(), user.HomeUnitId, detail: user.UserName);
        await SessionTerminator.EndAllAsync(db!, user.Id, "password-reset", clock, ct);
        var reset = await users.ResetPasswordAsync(user, token, password);
        return reset.Succeeded ? new IssuedPassword(user.Id, user.UserName!, password) : IdentityErrors.ToError(reset, "password");
    }

    /// <summary>Ends a lockout. Account security is the security administrator's work.</summary>
    public async Task<Result<Done>> UnlockAsync(Actor actor, Guid userId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || !actor.CanSee(user.HomeUnitId))
        {
            return Error.NotFound("用户");
        }

        if (!actor.HoldsIn(Role.SecurityAdmin, user.HomeUnitId))
        {
            await db.AuditDeniedAsync(clock, actor, "解除锁定", "User", userId.ToString(), ct);
            return Error.Forbidden("只有安全管理员可以解除账号锁定。");
        }

        db.Audit(clock, actor, AuditActions.UserUnlock, "User", user.Id.ToString(), user.HomeUnitId, detail: user.UserName);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return Done.Value;
    }

    private async Task<(AppDbContext? Db, UserManager<AppUser>? Users, AppUser? User, Error? Error)> LoadManagedAsync(
        AsyncServiceScope scope, Actor actor, Guid userId, string attempted, CancellationToken ct)
    {
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || !actor.CanSee(user.HomeUnitId))
        {
            return (null, null, null, Error.NotFound("用户"));
        }

        // A list, not the IReadOnlySet itself: EF Core cannot translate Contains on a set into SQL.
        var administrative = Roles.Administrative.ToList();
        var roles = await db.RoleAssignments.AsNoTracking().Where(r => r.UserId == userId).ToListAsync(ct);
        var holdsAdminRole = roles.Any(r => administrative.Contains(r.Role));
        var needed = holdsAdminRole ? Role.SecurityAdmin : Role.SystemAdmin;
        // Whoever takes over an account gets all of its reach: the actor must manage every unit the person acts in.
        var reach = roles.Select(r => r.UnitId).Append(user.HomeUnitId).Distinct();
        if (!reach.All(unitId => actor.HoldsIn(needed, unitId)))
        {
            await db.AuditDeniedAsync(clock, actor, attempted, "User", userId.ToString(), ct);
            return (null, null, null, Error.Forbidden(holdsAdminRole
                ? "该账号持有管理角色，只能由安全管理员管理。"
                : "该账号在您管辖范围以外的单位也担任角色，须由上级单位的系统管理员管理。"));
        }

        return (db, users, user, null);
    }

    private static async Task<Result<Done>> SaveAsync(UserManager<AppUser> users, AppUser user)
    {
        try
        {
            var result = await users.UpdateAsync(user);
            return result.Succeeded ? Done.Value : IdentityErrors.ToError(result, "user");
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleEdit("该用户");
        }
    }

    private static Error? CheckEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        return Check.Optional("email", "电子邮箱", email, 100)
            ?? (MailAddress.TryCreate(email.Trim(), out _) ? null : Error.Validation("email", $"“电子邮箱”格式不正确：{email.Trim()}"));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
