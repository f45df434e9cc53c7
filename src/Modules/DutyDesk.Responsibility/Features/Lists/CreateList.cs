using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Features.Tasks;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using DutyDesk.Platform.Units;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Responsibility.Features.Lists;

/// <summary><c>OwnerId</c>: the 责任人 of rows that have no other (default: the actor).</summary>
public sealed record CreateListCommand(Guid UnitId, int Year, Guid? OwnerId = null);

/// <summary>What a new list holds: its rows, the DueTasks staged, and rows whose deadline had already passed.</summary>
public sealed record ListCreated(Guid ListId, int Rows, int Tasks, int PastDeadlines);

/// <summary>Creates a unit's list for a year from the built-in template or from the unit's list of the year before.</summary>
public sealed class CreateList(IDbContextFactory<AppDbContext> dbFactory, DisplayClock display, TimeProvider clock)
{
    public async Task<Result<ListCreated>> FromTemplateAsync(Actor actor, CreateListCommand command, CancellationToken ct = default)
    {
        if (ListRules.Year(command.Year) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var start = await NewList.BeginAsync(db, clock, actor, command.UnitId, command.Year, "从模板创建责任清单", ct);
        if (!start.IsSuccess)
        {
            return start.Error!;
        }

        var owner = await NewList.DefaultOwnerAsync(db, actor, command.OwnerId, ct);
        if (!owner.IsSuccess)
        {
            return owner.Error!;
        }

        var rows = ListTemplate.For(command.Year).Select(r => (r, (Guid?)owner.Value)).ToList();
        return await NewList.SaveAsync(db, display, clock, actor, start.Value, command.Year, ListOrigin.Template, rows, "从模板创建", ct);
    }

    /// <summary>Copies last year's rows: dates one year on, status reset, progress notes and evidence left behind.</summary>
    public async Task<Result<ListCreated>> FromLastYearAsync(Actor actor, CreateListCommand command, CancellationToken ct = default)
    {
        if (ListRules.Year(command.Year) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var start = await NewList.BeginAsync(db, clock, actor, command.UnitId, command.Year, "复制上一年责任清单", ct);
        if (!start.IsSuccess)
        {
            return start.Error!;
        }

        var previous = await db.Set<ResponsibilityList>().AsNoTracking().Include(l => l.Items)
            .FirstOrDefaultAsync(l => l.UnitId == command.UnitId && l.Year == command.Year - 1, ct);
        if (previous is null)
        {
            return Error.Validation("year", $"{start.Value.Name} {command.Year - 1} 年没有责任清单，无法复制。");
        }

        var owner = await NewList.DefaultOwnerAsync(db, actor, command.OwnerId, ct);
        if (!owner.IsSuccess)
        {
            return owner.Error!;
        }

        // Last year's 责任人 stay where they still can be chosen; people who left or are out of scope give way to the default.
        var owners = (await ListRules.OwnersAsync(db, actor, ct)).Select(o => o.Id).ToHashSet();
        var rows = previous.Items.OrderBy(i => i.Order).ThenBy(i => i.CreatedAt).Select(i => (
            new DraftRow(i.Order, i.Duty, i.Measures, new Deadline(i.Deadline?.AddYears(1), i.DeadlineNote), i.Remarks),
            i.OwnerId is { } o && owners.Contains(o) ? o : i.Deadline is null && i.OwnerId is null ? (Guid?)null : owner.Value)).ToList();
        return await NewList.SaveAsync(db, display, clock, actor, start.Value, command.Year, ListOrigin.LastYear, rows, $"复制 {command.Year - 1} 年", ct);
    }
}

/// <summary>The steps every way of creating a list shares: scope and permission, uniqueness, rows with their tasks, audit.</summary>
internal static class NewList
{
    public static async Task<Result<Unit>> BeginAsync(AppDbContext db, TimeProvider clock, Actor actor, Guid unitId, int year, string attempted, CancellationToken ct)
    {
        var unit = actor.CanSee(unitId) ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct) : null;
        if (unit is null)
        {
            return Error.NotFound("单位");
        }

        if (!TaskAccess.Manages(actor, unitId))
        {
            await db.AuditDeniedAsync(clock, actor, attempted, "Unit", unitId.ToString(), ct);
            return Error.Forbidden("只有本单位的第一责任人、分管领导、领导小组办公室或部门负责人可以编制责任清单。");
        }

        if (unit.IsDisabled)
        {
            return Error.Validation("unitId", $"单位“{unit.Name}”已停用。");
        }

        if (await db.Set<ResponsibilityList>().AnyAsync(l => l.UnitId == unitId && l.Year == year, ct))
        {
            return Exists(unit.Name, year);
        }

        return unit;
    }

    public static async Task<Result<Guid>> DefaultOwnerAsync(AppDbContext db, Actor actor, Guid? ownerId, CancellationToken ct)
    {
        var id = ownerId ?? actor.UserId;
        var owners = await ListRules.OwnersAsync(db, actor, ct);
        return owners.Any(o => o.Id == id) ? id : Error.Validation("ownerId", "“责任人”不存在、已停用或不在您的管辖范围内。");
    }

    public static async Task<Result<ListCreated>> SaveAsync(AppDbContext db, DisplayClock display, TimeProvider clock, Actor actor, Unit unit, int year,
        ListOrigin origin, IReadOnlyList<(DraftRow Row, Guid? OwnerId)> rows, string how, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var list = new ResponsibilityList { Id = Guid.CreateVersion7(), UnitId = unit.Id, Year = year, Origin = origin, CreatedAt = now, CreatedBy = actor.UserId };
        db.Add(list);
        var tasks = 0;
        var past = 0;
        foreach (var (row, ownerId) in rows)
        {
            var item = new ResponsibilityListItem
            {
                Id = Guid.CreateVersion7(),
                ListId = list.Id,
                Order = row.Order,
                Duty = row.Duty.Trim(),
                Measures = ListRules.Clean(row.Measures),
                Deadline = row.Deadline.Date,
                DeadlineNote = ListRules.Clean(row.Deadline.Note),
                OwnerId = ownerId,
                Remarks = ListRules.Clean(row.Remarks),
                CreatedAt = now,
            };
            list.Items.Add(item);
            if (ListRules.StageTask(db, display, actor, unit.Name, list, item, now) is not null)
            {
                tasks++;
            }
            else if (item.Deadline is not null)
            {
                past++;
            }
        }

        db.Audit(clock, actor, ResponsibilityAudit.ListCreate, nameof(ResponsibilityList), list.Id.ToString(), unit.Id,
            detail: $"{ResponsibilityList.TitleFor(unit.Name, year)}：{how}，{list.Items.Count} 项，生成待办 {tasks} 项" + (past > 0 ? $"，{past} 项时限已过未生成待办" : ""));
        ListRules.NotifyOwners(db, clock, actor, unit.Name, list, list.Items, "created");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two people creating the same list at once: the unique index lets one win.
            db.ChangeTracker.Clear();
            if (await db.Set<ResponsibilityList>().AnyAsync(l => l.UnitId == unit.Id && l.Year == year, ct))
            {
                return Exists(unit.Name, year);
            }

            throw;
        }

        return new ListCreated(list.Id, list.Items.Count, tasks, past);
    }

    private static Error Exists(string unitName, int year) => Error.Conflict($"{unitName} {year} 年的责任清单已经存在：一个单位每年只有一份责任清单。");
}
