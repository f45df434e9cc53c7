using DutyDesk.Text;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Units;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Platform.Features.Units;

public sealed record RenameUnitCommand(Guid Id, string Name, Guid Version);

public sealed record MoveUnitCommand(Guid Id, Guid NewParentId, Guid Version);

public sealed record SetUnitDisabledCommand(Guid Id, bool Disabled, Guid Version);

/// <summary>Rename, move and disable: the edits a system administrator makes to an existing unit.</summary>
public sealed class ChangeUnit(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Result<Done>> RenameAsync(Actor actor, RenameUnitCommand command, CancellationToken ct = default)
    {
        if (Check.Required("name", "单位名称", command.Name, Unit.NameMaxLength) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (unit, error) = await LoadManagedAsync(db, actor, command.Id, command.Version, "重命名单位", ct);
        if (error is not null)
        {
            return error;
        }

        var name = TextNormalizer.Clean(command.Name);
        if (await db.Units.AnyAsync(u => u.ParentId == unit!.ParentId && u.Name == name && u.Id != unit.Id, ct))
        {
            return Error.Validation("name", $"同一上级单位下已有名为“{name}”的单位。");
        }

        var old = unit!.Name;
        unit.Name = name;
        db.Audit(clock, actor, AuditActions.UnitRename, "Unit", unit.Id.ToString(), unit.Id, detail: $"{old} → {name}");
        return await SaveAsync(db, ct);
    }

    public async Task<Result<Done>> MoveAsync(Actor actor, MoveUnitCommand command, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (unit, error) = await LoadManagedAsync(db, actor, command.Id, command.Version, "移动单位", ct);
        if (error is not null)
        {
            return error;
        }

        if (unit!.ParentId is null)
        {
            return Error.Validation("id", "顶级单位不能移动。");
        }

        var parent = await db.Units.FirstOrDefaultAsync(u => u.Id == command.NewParentId, ct);
        if (parent is null || !actor.CanSee(parent.Id))
        {
            return Error.NotFound("目标上级单位");
        }

        if (!actor.HoldsIn(Role.SystemAdmin, parent.Id))
        {
            await db.AuditDeniedAsync(clock, actor, "移动单位", "Unit", unit.Id.ToString(), ct);
            return Error.Forbidden("您不是目标上级单位的系统管理员。");
        }

        if (parent.Path.StartsWith(unit.Path, StringComparison.Ordinal))
        {
            return Error.Validation("newParentId", "不能把单位移到它自己或它的下级单位之下。");
        }

        if (await db.Units.AnyAsync(u => u.ParentId == parent.Id && u.Name == unit.Name, ct))
        {
            return Error.Validation("newParentId", $"目标上级单位下已有名为“{unit.Name}”的单位。");
        }

        // The whole subtree's paths change with it, in the same transaction.
        var oldPath = unit.Path;
        var newPath = Unit.PathOf(parent.Path, unit.Id);
        var subtree = await db.Units.Where(u => u.Path.StartsWith(oldPath) && u.Id != unit.Id).ToListAsync(ct);
        var deepest = subtree.Select(u => u.Path.Length - oldPath.Length).DefaultIfEmpty(0).Max() + newPath.Length;
        if (deepest / 33 > CreateUnit.MaxDepth)
        {
            return Error.Validation("newParentId", $"移动后单位层级将超过 {CreateUnit.MaxDepth} 级。");
        }

        foreach (var child in subtree)
        {
            child.Path = newPath + child.Path[oldPath.Length..];
        }

        unit.ParentId = parent.Id;
        unit.Path = newPath;
        db.Audit(clock, actor, AuditActions.UnitMove, "Unit", unit.Id.ToString(), unit.Id, detail: $"{unit.Name} → {parent.Name}");
        return await SaveAsync(db, ct);
    }

    public async Task<Result<Done>> SetDisabledAsync(Actor actor, SetUnitDisabledCommand command, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (unit, error) = await LoadManagedAsync(db, actor, command.Id, command.Version, command.Disabled ? "停用单位" : "启用单位", ct);
        if (error is not null)
        {
            return error;
        }

        if (command.Disabled && unit!.ParentId is null)
        {
            return Error.Validation("id", "顶级单位不能停用。");
        }

        if (command.Disabled && await db.Units.AnyAsync(u => u.ParentId == unit!.Id && !u.IsDisabled, ct))
        {
            return Error.Validation("id", $"“{unit!.Name}”还有在用的下级单位，请先停用它们。");
        }

        unit!.IsDisabled = command.Disabled;
        db.Audit(clock, actor, command.Disabled ? AuditActions.UnitDisable : AuditActions.UnitEnable, "Unit", unit.Id.ToString(), unit.Id, detail: unit.Name);
        return await SaveAsync(db, ct);
    }

    private async Task<(Unit? Unit, Error? Error)> LoadManagedAsync(AppDbContext db, Actor actor, Guid id, Guid version, string attempted, CancellationToken ct)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null || !actor.CanSee(id))
        {
            return (null, Error.NotFound("单位"));
        }

        if (!actor.HoldsIn(Role.SystemAdmin, id))
        {
            await db.AuditDeniedAsync(clock, actor, attempted, "Unit", id.ToString(), ct);
            return (null, Error.Forbidden("只有该单位的系统管理员可以修改单位。"));
        }

        if (unit.Version != version)
        {
            return (null, Error.StaleEdit("该单位"));
        }

        return (unit, null);
    }

    private static async Task<Result<Done>> SaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Done.Value;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleEdit("该单位");
        }
    }
}
