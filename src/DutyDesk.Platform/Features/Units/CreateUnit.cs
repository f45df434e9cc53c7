using DutyDesk.Text;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Units;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Platform.Features.Units;

public sealed record CreateUnitCommand(Guid? ParentId, string Name, UnitKind Kind);

/// <summary>Creates a unit under one the system administrator manages.</summary>
public sealed class CreateUnit(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Levels of the tree; the materialised path column is sized for it.</summary>
    public const int MaxDepth = 12;

    public async Task<Result<UnitDto>> HandleAsync(Actor actor, CreateUnitCommand command, CancellationToken ct = default)
    {
        if (Check.Required("name", "单位名称", command.Name, Unit.NameMaxLength) is { } invalid)
        {
            return invalid;
        }

        if (command.ParentId is not { } parentId)
        {
            return Error.Validation("parentId", "请选择“上级单位”。顶级单位只在安装时创建。");
        }

        if (!Enum.IsDefined(command.Kind))
        {
            return Error.Validation("kind", "“单位类型”不是可选的值。");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var parent = await db.Units.FirstOrDefaultAsync(u => u.Id == parentId, ct);
        if (parent is null || !actor.CanSee(parentId))
        {
            return Error.NotFound("上级单位");
        }

        if (!actor.HoldsIn(Role.SystemAdmin, parentId))
        {
            await db.AuditDeniedAsync(clock, actor, "新建单位", "Unit", parentId.ToString(), ct);
            return Error.Forbidden("只有该单位的系统管理员可以新建下级单位。");
        }

        if (parent.IsDisabled)
        {
            return Error.Validation("parentId", "上级单位已停用，不能在其下新建单位。");
        }

        if (parent.Path.Count(c => c == '/') > MaxDepth)
        {
            return Error.Validation("parentId", $"单位层级最多 {MaxDepth} 级。");
        }

        var name = TextNormalizer.Clean(command.Name);
        if (await db.Units.AnyAsync(u => u.ParentId == parentId && u.Name == name, ct))
        {
            return Error.Validation("name", $"“{parent.Name}”下已有名为“{name}”的单位。");
        }

        var id = Guid.CreateVersion7();
        var unit = new Unit
        {
            Id = id,
            ParentId = parentId,
            Name = name,
            Kind = command.Kind,
            Path = Unit.PathOf(parent.Path, id),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            SortOrder = (await db.Units.Where(u => u.ParentId == parentId).MaxAsync(u => (int?)u.SortOrder, ct) ?? -1) + 1,
        };
        db.Units.Add(unit);
        db.Audit(clock, actor, AuditActions.UnitCreate, "Unit", id.ToString(), id, detail: $"{parent.Name} / {name}（{command.Kind.ToChinese()}）");
        await db.SaveChangesAsync(ct);
        return new UnitDto(unit.Id, unit.ParentId, unit.Name, unit.Kind, false, 0, unit.Version);
    }
}
