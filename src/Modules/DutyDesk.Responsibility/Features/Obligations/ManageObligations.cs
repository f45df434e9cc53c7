using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Features.Tasks;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using DutyDesk.Platform.Tasks;
using DutyDesk.Responsibility.Domain;
using DutyDesk.Responsibility.Jobs;
using DutyDesk.Text;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Responsibility.Features.Obligations;

public sealed record ObligationDto(
    Guid Id, Guid UnitId, string Code, string Title, Frequency Frequency, int TimesPerPeriod, DayOfWeek Weekday, int DueAfterDays,
    bool PerLeadershipMember, string Evidence, Guid OwnerId, string OwnerName, string ReminderDays, bool Active, DateOnly StartsOn,
    string Rule, Guid Version);

/// <summary>The figures of an obligation as a unit sets them. <c>OwnerId</c> null means the person acting.</summary>
public sealed record ObligationCommand(
    Guid UnitId, string Title, Frequency Frequency, int TimesPerPeriod, DayOfWeek Weekday, int DueAfterDays,
    bool PerLeadershipMember, string Evidence, Guid? OwnerId, string? ReminderDays);

public sealed record UpdateObligationCommand(Guid Id, ObligationCommand Figures, bool Active, Guid Version);

public sealed record AdoptResult(int Adopted, int TasksCreated);

/// <summary>
/// A unit's recurring obligations: adopt the defaults, add its own (e.g. 舆情队伍培训 at its own rhythm),
/// change figures, stop one. Planning starts at once for the unit; the planner job keeps it going.
/// </summary>
internal sealed class ManageObligations(IDbContextFactory<AppDbContext> dbFactory, ObligationPlanner planner, DisplayClock display, TimeProvider clock)
{
    public async Task<Result<IReadOnlyList<ObligationDto>>> ListAsync(Actor actor, Guid unitId, CancellationToken ct = default)
    {
        if (!actor.CanSee(unitId))
        {
            return Error.NotFound("单位");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Set<Obligation>().AsNoTracking().Where(o => o.UnitId == unitId).ToListAsync(ct);
        var ownerIds = rows.Select(r => r.OwnerId).Distinct().ToList();
        var owners = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return rows
            .OrderByDescending(r => r.Active)
            .ThenBy(r => CatalogOrder(r.Code))
            .ThenBy(r => r.Title, StringComparer.Ordinal)
            .Select(r => ToDto(r, owners.GetValueOrDefault(r.OwnerId, "?")))
            .ToList();
    }

    /// <summary>Adopts the catalog's defaults the unit does not have yet; counted from today.</summary>
    public async Task<Result<AdoptResult>> AdoptDefaultsAsync(Actor actor, Guid unitId, Guid? ownerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await CheckManagerAsync(db, actor, unitId, "启用默认制度性要求", ct) is { } denied)
        {
            return denied;
        }

        var owner = ownerId ?? actor.UserId;
        if (await CheckOwnerAsync(db, actor, owner, ct) is { } badOwner)
        {
            return badOwner;
        }

        var have = await db.Set<Obligation>().Where(o => o.UnitId == unitId).Select(o => o.Code).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(display.ToLocal(now));
        var adopted = 0;
        foreach (var template in ObligationCatalog.Defaults.Where(t => !have.Contains(t.Code)))
        {
            var obligation = new Obligation
            {
                Id = Guid.CreateVersion7(),
                UnitId = unitId,
                Code = template.Code,
                Title = template.Title,
                Frequency = template.Recurrence.Frequency,
                TimesPerPeriod = template.Recurrence.TimesPerPeriod,
                Weekday = template.Recurrence.Weekday,
                DueAfterDays = template.Recurrence.DueAfterDays,
                PerLeadershipMember = template.PerLeadershipMember,
                Evidence = template.Evidence,
                OwnerId = owner,
                ReminderDays = DefaultReminderDays(template.Recurrence.Frequency),
                StartsOn = today,
                CreatedAt = now,
            };
            db.Set<Obligation>().Add(obligation);
            db.Audit(clock, actor, ResponsibilityAudit.ObligationAdopt, "Obligation", obligation.Id.ToString(), unitId, detail: $"{obligation.Title}：{obligation.Recurrence.Describe()}");
            adopted++;
        }

        if (adopted == 0)
        {
            return new AdoptResult(0, 0);
        }

        await db.SaveChangesAsync(ct);
        return new AdoptResult(adopted, await planner.PlanAsync(unitId, ct));
    }

    public async Task<Result<Guid>> CreateAsync(Actor actor, ObligationCommand command, CancellationToken ct = default)
    {
        if (Validate(command) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await CheckManagerAsync(db, actor, command.UnitId, "新增制度性要求", ct) is { } denied)
        {
            return denied;
        }

        var owner = command.OwnerId ?? actor.UserId;
        if (await CheckOwnerAsync(db, actor, owner, ct) is { } badOwner)
        {
            return badOwner;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var obligation = new Obligation
        {
            Id = Guid.CreateVersion7(),
            UnitId = command.UnitId,
            Code = "custom",
            Title = "",
            Evidence = "",
            StartsOn = DateOnly.FromDateTime(display.ToLocal(now)),
            CreatedAt = now,
        };
        Apply(obligation, command, owner);
        db.Set<Obligation>().Add(obligation);
        db.Audit(clock, actor, ResponsibilityAudit.ObligationCreate, "Obligation", obligation.Id.ToString(), command.UnitId, detail: $"{obligation.Title}：{obligation.Recurrence.Describe()}");
        await db.SaveChangesAsync(ct);
        await planner.PlanAsync(command.UnitId, ct);
        return obligation.Id;
    }

    /// <summary>
    /// Changes figures or stops an obligation. Tasks already planned keep their dates; stopping it cancels
    /// its open tasks not yet due, and a new owner takes over the open unit-wide ones.
    /// </summary>
    public async Task<Result<Done>> UpdateAsync(Actor actor, UpdateObligationCommand command, CancellationToken ct = default)
    {
        if (Validate(command.Figures) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var obligation = await db.Set<Obligation>().FirstOrDefaultAsync(o => o.Id == command.Id, ct);
        if (obligation is null || !actor.CanSee(obligation.UnitId))
        {
            return Error.NotFound("制度性要求");
        }

        if (command.Figures.UnitId != obligation.UnitId)
        {
            return Error.Validation("unitId", "制度性要求不能改到其他单位。");
        }

        if (await CheckManagerAsync(db, actor, obligation.UnitId, "修改制度性要求", ct) is { } denied)
        {
            return denied;
        }

        if (obligation.Version != command.Version)
        {
            return Error.StaleEdit("该制度性要求");
        }

        var owner = command.Figures.OwnerId ?? obligation.OwnerId;
        if (owner != obligation.OwnerId && await CheckOwnerAsync(db, actor, owner, ct) is { } badOwner)
        {
            return badOwner;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var previousOwner = obligation.OwnerId;
        Apply(obligation, command.Figures, owner);
        var stopping = obligation.Active && !command.Active;
        if (!obligation.Active && command.Active)
        {
            // Restarted: count from today, not from the first adoption, so the gap is not charged as missed.
            obligation.StartsOn = DateOnly.FromDateTime(display.ToLocal(now));
        }

        obligation.Active = command.Active;
        var taskIds = db.Set<ObligationOccurrence>().Where(x => x.ObligationId == obligation.Id).Select(x => x.TaskId);
        var open = await db.DueTasks.Where(t => taskIds.Contains(t.Id) && t.State == DueTaskState.Open).ToListAsync(ct);
        foreach (var task in open)
        {
            if (stopping && task.DueAt > now)
            {
                task.State = DueTaskState.Cancelled;
                task.NextReminderAt = null;
            }
            else if (task.OwnerId == previousOwner && owner != previousOwner)
            {
                task.OwnerId = owner;
            }
        }

        db.Audit(clock, actor, ResponsibilityAudit.ObligationUpdate, "Obligation", obligation.Id.ToString(), obligation.UnitId,
            detail: $"{obligation.Title}：{obligation.Recurrence.Describe()}{(stopping ? "，已停用，取消未到期待办 " + open.Count(t => t.State == DueTaskState.Cancelled) + " 项" : "")}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleEdit("该制度性要求");
        }

        if (obligation.Active)
        {
            await planner.PlanAsync(obligation.UnitId, ct);
        }

        return Done.Value;
    }

    internal static string DefaultReminderDays(Frequency frequency) => frequency switch
    {
        Frequency.Weekly => "1",
        Frequency.Monthly => "3,1",
        _ => "7,1",
    };

    private static int CatalogOrder(string code)
    {
        var index = ObligationCatalog.Defaults.ToList().FindIndex(t => t.Code == code);
        return index < 0 ? int.MaxValue : index;
    }

    private static Error? Validate(ObligationCommand command)
    {
        var recurrence = new Recurrence(command.Frequency, command.TimesPerPeriod, command.Weekday, command.DueAfterDays);
        return Check.First(
            Check.Required("title", "要求名称", command.Title, Obligation.TitleMaxLength),
            Check.Required("evidence", "佐证材料", command.Evidence, 100),
            // Stored after NFKC, which can spell one character out as many: the stored form must fit too.
            Check.Required("title", "要求名称", TextNormalizer.Clean(command.Title), Obligation.TitleMaxLength),
            Check.Required("evidence", "佐证材料", TextNormalizer.Clean(command.Evidence), 100),
            Enum.IsDefined(command.Frequency) ? null : Error.Validation("frequency", "“频次”无效。"),
            Enum.IsDefined(command.Weekday) ? null : Error.Validation("weekday", "“星期”无效。"),
            recurrence.Problem() is { } problem ? Error.Validation(command.DueAfterDays is < 0 or > 90 ? "dueAfterDays" : "timesPerPeriod", problem) : null,
            OccurrencePlan.ReminderMinutes(command.ReminderDays).Problem is { } reminder ? Error.Validation("reminderDays", "“提前提醒天数”有误：" + reminder) : null);
    }

    private static void Apply(Obligation obligation, ObligationCommand command, Guid owner)
    {
        obligation.Title = TextNormalizer.Clean(command.Title);
        obligation.Frequency = command.Frequency;
        obligation.TimesPerPeriod = command.TimesPerPeriod;
        obligation.Weekday = command.Weekday;
        obligation.DueAfterDays = command.DueAfterDays;
        obligation.PerLeadershipMember = command.PerLeadershipMember;
        obligation.Evidence = TextNormalizer.Clean(command.Evidence);
        obligation.OwnerId = owner;
        obligation.ReminderDays = string.Join(',', OccurrencePlan.ReminderMinutes(command.ReminderDays).Minutes!.Select(m => m / 1440));
    }

    private async Task<Error?> CheckManagerAsync(AppDbContext db, Actor actor, Guid unitId, string what, CancellationToken ct)
    {
        if (!actor.CanSee(unitId) || !await db.Units.AnyAsync(u => u.Id == unitId, ct))
        {
            return Error.NotFound("单位");
        }

        if (!TaskAccess.Manages(actor, unitId))
        {
            await db.AuditDeniedAsync(clock, actor, what, "Unit", unitId.ToString(), ct);
            return Error.Forbidden("只有本单位的第一责任人、分管领导、领导小组办公室或部门负责人可以设置制度性要求。");
        }

        return null;
    }

    private static async Task<Error?> CheckOwnerAsync(AppDbContext db, Actor actor, Guid ownerId, CancellationToken ct)
    {
        var owner = await db.Users.AsNoTracking().Where(u => u.Id == ownerId && !u.IsDisabled).Select(u => new { u.HomeUnitId }).FirstOrDefaultAsync(ct);
        return owner is null || !actor.CanSee(owner.HomeUnitId)
            ? Error.Validation("ownerId", "“责任人”不存在、已停用或不在您的管辖范围内。")
            : null;
    }

    private static ObligationDto ToDto(Obligation o, string ownerName) => new(
        o.Id, o.UnitId, o.Code, o.Title, o.Frequency, o.TimesPerPeriod, o.Weekday, o.DueAfterDays, o.PerLeadershipMember, o.Evidence,
        o.OwnerId, ownerName, o.ReminderDays, o.Active, o.StartsOn,
        o.Recurrence.Describe() + (o.PerLeadershipMember ? "（每位班子成员）" : ""), o.Version);
}
