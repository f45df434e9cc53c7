using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DutyDesk.Opinion.Features.Duty;

/// <summary>One shift as shown: the person's name, UTC times, and whether it is running now.</summary>
public sealed record ShiftDto(
    Guid Id, Guid UnitId, Guid UserId, string UserName, DateTime StartsAt, DateTime EndsAt, string Label, string Note, Guid Version, bool OnDutyNow);

/// <summary>A unit's shifts in a range, who is on duty now, and whether the reader may edit the roster.</summary>
public sealed record RosterView(Guid UnitId, string UnitName, DateTime From, DateTime To, bool CanEdit, IReadOnlyList<ShiftDto> Shifts, IReadOnlyList<string> OnDutyNow);

/// <summary>Someone who may be put on the unit's roster: a person holding a role in the unit or below it.</summary>
public sealed record DutyPerson(Guid UserId, string DisplayName, string UnitName);

/// <summary>What "生成排班" made: how many shifts, from the first start to the last end (UTC).</summary>
public sealed record GeneratedRoster(int Count, DateTime FirstStart, DateTime LastEnd);

/// <summary>
/// The duty roster (值班表, issue 5): read by anyone who sees the unit; shifts added, changed, removed and generated
/// from a weekly pattern by the unit's configurers. A person's shifts never overlap, on any roster.
/// </summary>
internal sealed class ManageDuty(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, DisplayClock display)
{
    /// <summary>The lock every roster write holds while it checks for overlaps and saves.</summary>
    private const string RosterLock = "opinion.duty-roster";

    public async Task<Result<RosterView>> ListAsync(Actor actor, Guid unitId, DateTime fromUtc, DateTime toUtc, CancellationToken ct = default)
    {
        if (!actor.CanSee(unitId))
        {
            return Error.NotFound("单位");
        }

        if (toUtc <= fromUtc || toUtc - fromUtc > TimeSpan.FromDays(DutyRules.MaxGenerateDays))
        {
            return Error.Validation("to", $"查询范围须在 1 到 {DutyRules.MaxGenerateDays} 天之间。");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unitName = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        if (unitName is null)
        {
            return Error.NotFound("单位");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var earliest = fromUtc - DutyRules.MaxShift;
        var rows = await db.Set<DutyShift>().AsNoTracking()
            .Where(s => s.UnitId == unitId && s.StartsAt < toUtc && s.StartsAt >= earliest && s.EndsAt > fromUtc)
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id)
            .ToListAsync(ct);
        var names = await NamesAsync(db, rows.Select(r => r.UserId), ct);
        var onDuty = await DutyRoster.OnDutyAsync(db, unitId, now, ct);
        var onDutyNames = await NamesAsync(db, onDuty, ct);
        var shifts = rows.Select(s => new ShiftDto(
            s.Id, s.UnitId, s.UserId, names.GetValueOrDefault(s.UserId, "—"), s.StartsAt, s.EndsAt, s.Label, s.Note, s.Version,
            DutyRules.Covers(s.StartsAt, s.EndsAt, now))).ToList();
        return new RosterView(unitId, unitName, fromUtc, toUtc, OpinionAccess.Configures(actor, unitId), shifts, onDuty.Select(id => onDutyNames[id]).ToList());
    }

    /// <summary>The people who may be on the unit's roster: anyone holding a role in the unit or its subtree, not disabled.</summary>
    public async Task<Result<IReadOnlyList<DutyPerson>>> PeopleAsync(Actor actor, Guid unitId, CancellationToken ct = default)
    {
        if (!actor.CanSee(unitId))
        {
            return Error.NotFound("单位");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await EligibleAsync(db, unitId, ct);
    }

    public async Task<Result<Guid>> CreateAsync(Actor actor, Guid unitId, ShiftInput input, CancellationToken ct = default)
    {
        if (DutyRules.Validate(input) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await OpinionAccess.CheckConfigurerAsync(db, clock, actor, unitId, "新增值班班次", "编辑值班表", ct) is { } refused)
        {
            return refused;
        }

        await using var transaction = await LockRosterAsync(db, ct);
        if (await CheckPersonAsync(db, unitId, input, null, ct) is { } wrong)
        {
            return wrong;
        }

        var shift = new DutyShift
        {
            Id = Guid.CreateVersion7(), UnitId = unitId, UserId = input.UserId, StartsAt = input.StartsAt, EndsAt = input.EndsAt,
            Label = input.Label!.Trim(), Note = input.Note?.Trim() ?? "", CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedById = actor.UserId,
        };
        db.Add(shift);
        db.Audit(clock, actor, OpinionAudit.DutyCreate, "DutyShift", shift.Id.ToString(), unitId, detail: await DescribeAsync(db, shift, ct));
        return await SaveAsync(db, shift.Id, ct);
    }

    public async Task<Result<Guid>> UpdateAsync(Actor actor, Guid shiftId, ShiftInput input, Guid version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shift = await db.Set<DutyShift>().FirstOrDefaultAsync(s => s.Id == shiftId, ct);
        if (shift is null || !actor.CanSee(shift.UnitId))
        {
            return Error.NotFound("班次");
        }

        if (await OpinionAccess.CheckConfigurerAsync(db, clock, actor, shift.UnitId, "修改值班班次", "编辑值班表", ct) is { } refused)
        {
            return refused;
        }

        if (DutyRules.Validate(input) is { } invalid)
        {
            return invalid;
        }

        if (shift.Version != version)
        {
            return Error.StaleEdit("班次");
        }

        await using var transaction = await LockRosterAsync(db, ct);
        if (await CheckPersonAsync(db, shift.UnitId, input, shift.Id, ct) is { } wrong)
        {
            return wrong;
        }

        var before = await DescribeAsync(db, shift, ct);
        (shift.UserId, shift.StartsAt, shift.EndsAt, shift.Label, shift.Note) = (input.UserId, input.StartsAt, input.EndsAt, input.Label!.Trim(), input.Note?.Trim() ?? "");
        db.Audit(clock, actor, OpinionAudit.DutyUpdate, "DutyShift", shift.Id.ToString(), shift.UnitId, detail: $"{before} → {await DescribeAsync(db, shift, ct)}");
        return await SaveAsync(db, shift.Id, ct);
    }

    public async Task<Result<Guid>> DeleteAsync(Actor actor, Guid shiftId, Guid version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shift = await db.Set<DutyShift>().FirstOrDefaultAsync(s => s.Id == shiftId, ct);
        if (shift is null || !actor.CanSee(shift.UnitId))
        {
            return Error.NotFound("班次");
        }

        if (await OpinionAccess.CheckConfigurerAsync(db, clock, actor, shift.UnitId, "删除值班班次", "编辑值班表", ct) is { } refused)
        {
            return refused;
        }

        if (shift.Version != version)
        {
            return Error.StaleEdit("班次");
        }

        db.Remove(shift);
        db.Audit(clock, actor, OpinionAudit.DutyDelete, "DutyShift", shift.Id.ToString(), shift.UnitId, detail: await DescribeAsync(db, shift, ct));
        return await SaveAsync(db, shift.Id, ct);
    }

    /// <summary>"生成排班": every shift of the pattern, or none when one would overlap a shift its person already has.</summary>
    public async Task<Result<GeneratedRoster>> GenerateAsync(Actor actor, Guid unitId, WeeklyPattern pattern, CancellationToken ct = default)
    {
        if (DutyRules.Validate(pattern) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await OpinionAccess.CheckConfigurerAsync(db, clock, actor, unitId, "生成排班", "编辑值班表", ct) is { } refused)
        {
            return refused;
        }

        var eligible = (await EligibleAsync(db, unitId, ct)).ToDictionary(p => p.UserId);
        if (pattern.People.FirstOrDefault(p => !eligible.ContainsKey(p)) is var stranger && stranger != Guid.Empty)
        {
            return Error.Validation("people", $"“{await NameAsync(db, stranger, ct)}”在本单位及下级单位没有任何职务，不能排入值班表。");
        }

        var generated = DutyRules.Generate(pattern, display.Zone);
        if (generated.Count == 0)
        {
            return Error.Validation("days", "所选日期范围内没有所选的星期，未生成任何班次。");
        }

        await using var transaction = await LockRosterAsync(db, ct);
        var (first, last) = (generated.Min(g => g.StartsAt), generated.Max(g => g.EndsAt));
        var people = pattern.People.Distinct().ToList();
        var earliest = first - DutyRules.MaxShift;
        var taken = (await db.Set<DutyShift>().AsNoTracking()
                .Where(s => people.Contains(s.UserId) && s.StartsAt < last && s.StartsAt >= earliest && s.EndsAt > first)
                .Select(s => new { s.UserId, s.StartsAt, s.EndsAt })
                .ToListAsync(ct))
            .Select(s => new ShiftSpan(s.UserId, s.StartsAt, s.EndsAt)).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var g in generated)
        {
            var span = new ShiftSpan(g.UserId, g.StartsAt, g.EndsAt);
            if (DutyRules.FirstOverlap(taken, span) is { } clash)
            {
                return Error.Validation("people",
                    $"{eligible[g.UserId].DisplayName}的{g.Label}（{Range(g.StartsAt, g.EndsAt)}）与其已有的值班（{Range(clash.StartsAt, clash.EndsAt)}）重叠，未生成任何班次。");
            }

            taken.Add(span);
            db.Add(new DutyShift
            {
                Id = Guid.CreateVersion7(), UnitId = unitId, UserId = g.UserId, StartsAt = g.StartsAt, EndsAt = g.EndsAt, Label = g.Label,
                CreatedAt = now, CreatedById = actor.UserId,
            });
        }

        var days = string.Join("、", pattern.Days.Distinct().OrderBy(d => ((int)d + 6) % 7).Select(WeekdayName));
        var slots = string.Join("、", pattern.Slots.Select(s => $"{s.Label.Trim()} {s.Start:HH\\:mm}–{(s.End <= s.Start ? "次日" : "")}{s.End:HH\\:mm}"));
        db.Audit(clock, actor, OpinionAudit.DutyGenerate, "Unit", unitId.ToString(), unitId,
            detail: $"{pattern.From:yyyy-MM-dd} 至 {pattern.To:yyyy-MM-dd}（{days}；{slots}）共 {generated.Count} 个班次，轮值：{string.Join("、", pattern.People.Select(p => eligible[p].DisplayName))}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new GeneratedRoster(generated.Count, first, last);
    }

    public static string WeekdayName(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "周一",
        DayOfWeek.Tuesday => "周二",
        DayOfWeek.Wednesday => "周三",
        DayOfWeek.Thursday => "周四",
        DayOfWeek.Friday => "周五",
        DayOfWeek.Saturday => "周六",
        _ => "周日",
    };

    private async Task<Error?> CheckPersonAsync(AppDbContext db, Guid unitId, ShiftInput input, Guid? self, CancellationToken ct)
    {
        if (!(await EligibleAsync(db, unitId, ct)).Any(p => p.UserId == input.UserId))
        {
            return Error.Validation("userId", "“值班人员”须在本单位或下级单位担任职务。");
        }

        var earliest = input.StartsAt - DutyRules.MaxShift;
        var clash = await db.Set<DutyShift>().AsNoTracking()
            .Where(s => s.UserId == input.UserId && s.Id != self && s.StartsAt < input.EndsAt && s.StartsAt >= earliest && s.EndsAt > input.StartsAt)
            .OrderBy(s => s.StartsAt)
            .Select(s => new { s.StartsAt, s.EndsAt })
            .FirstOrDefaultAsync(ct);
        return clash is null
            ? null
            : Error.Validation("startsAt", $"{await NameAsync(db, input.UserId, ct)}在 {Range(clash.StartsAt, clash.EndsAt)} 已有值班，同一人的班次不能重叠。");
    }

    private static async Task<List<DutyPerson>> EligibleAsync(AppDbContext db, Guid unitId, CancellationToken ct)
    {
        var path = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
        if (path is null)
        {
            return [];
        }

        var rows = await (
                from r in db.RoleAssignments.AsNoTracking()
                join u in db.Units.AsNoTracking() on r.UnitId equals u.Id
                join p in db.Users.AsNoTracking() on r.UserId equals p.Id
                join home in db.Units.AsNoTracking() on p.HomeUnitId equals home.Id
                where u.Path.StartsWith(path) && !p.IsDisabled
                select new { p.Id, p.DisplayName, Home = home.Name, home.SortOrder })
            .ToListAsync(ct);
        return rows.DistinctBy(r => r.Id).OrderBy(r => r.SortOrder).ThenBy(r => r.DisplayName, StringComparer.Ordinal)
            .Select(r => new DutyPerson(r.Id, r.DisplayName, r.Home)).ToList();
    }

    /// <summary>
    /// Opens the transaction a roster write checks and saves in, holding the roster lock: two people saving overlapping
    /// shifts for one person at once cannot both pass the overlap check (no index can express "no overlap" on both
    /// databases). Roster edits are rare, so one lock for all rosters costs nothing.
    /// </summary>
    private static async Task<IDbContextTransaction> LockRosterAsync(AppDbContext db, CancellationToken ct)
    {
        var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.LockAsync(RosterLock, ct);
        return transaction;
    }

    /// <summary>Saves, and commits the roster transaction when one is open.</summary>
    private static async Task<Result<Guid>> SaveAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            if (db.Database.CurrentTransaction is { } transaction)
            {
                await transaction.CommitAsync(ct);
            }

            return id;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleEdit("班次");
        }
    }

    private async Task<string> DescribeAsync(AppDbContext db, DutyShift shift, CancellationToken ct)
        => $"{await NameAsync(db, shift.UserId, ct)} {shift.Label} {Range(shift.StartsAt, shift.EndsAt)}";

    private string Range(DateTime startsAt, DateTime endsAt)
    {
        var (start, end) = (display.ToLocal(startsAt), display.ToLocal(endsAt));
        return $"{display.Format(startsAt)}–" + (end.Date == start.Date ? end.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) : display.Format(endsAt));
    }

    private static async Task<string> NameAsync(AppDbContext db, Guid userId, CancellationToken ct)
        => await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "该人员";

    private static async Task<Dictionary<Guid, string>> NamesAsync(AppDbContext db, IEnumerable<Guid> userIds, CancellationToken ct)
    {
        var ids = userIds.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }
}
