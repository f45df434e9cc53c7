using System.Globalization;
using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Periods;

/// <summary>A sensitive period as shown; <see cref="Inherited"/> when a superior unit set it.</summary>
public sealed record PeriodDto(
    Guid Id, Guid UnitId, string UnitName, string Name, DateTime StartsAt, DateTime EndsAt, double DeadlineFactor, double MonitoringFactor,
    string Note, Guid Version, bool Inherited, bool ActiveNow, bool CanEdit);

/// <summary>The period in force (the smallest deadline factor) and the factor polling intervals are multiplied by now.</summary>
public sealed record ActivePeriod(PeriodDto Period, double MonitoringFactor);

/// <summary>The periods that apply to a unit (its own and its superiors'), the one in force now, and whether the reader may add one.</summary>
public sealed record PeriodsView(Guid UnitId, string UnitName, bool CanEdit, IReadOnlyList<PeriodDto> Periods, PeriodDto? Active);

/// <summary>
/// Sensitive periods (重要节点/敏感时期, issue 5): set by a unit's configurers for the unit and its subordinates, read by
/// anyone who sees the unit. Periods may overlap; the strictest applies (<see cref="SensitivePeriods"/>).
/// </summary>
internal sealed class ManagePeriods(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, DisplayClock display)
{
    /// <summary>The periods applying to the unit that overlap the range (all when no range is given), by start.</summary>
    public async Task<Result<PeriodsView>> ListAsync(Actor actor, Guid unitId, DateTime? fromUtc = null, DateTime? toUtc = null, CancellationToken ct = default)
    {
        if (!actor.CanSee(unitId))
        {
            return Error.NotFound("单位");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unitName = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        if (unitName is null)
        {
            return Error.NotFound("单位");
        }

        var chain = await OpinionAccess.UnitChainAsync(db, unitId, ct);
        var query = db.Set<SensitivePeriod>().AsNoTracking().Where(p => chain.Contains(p.UnitId));
        if (fromUtc is { } from)
        {
            query = query.Where(p => p.EndsAt > from);
        }

        if (toUtc is { } to)
        {
            query = query.Where(p => p.StartsAt < to);
        }

        var rows = await query.OrderBy(p => p.StartsAt).ThenBy(p => p.Id).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var active = await SensitivePeriods.ActiveAsync(db, unitId, now, ct);
        var names = await db.Units.AsNoTracking().Where(u => chain.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var periods = rows.Select(p => ToDto(actor, p, names, unitId, now)).ToList();
        return new PeriodsView(unitId, unitName, OpinionAccess.Configures(actor, unitId), periods, active is null ? null : ToDto(actor, active, names, unitId, now));
    }

    /// <summary>
    /// The period in force for the unit now and the polling factor applied (the smallest of the periods in force), or
    /// null: what the sources page shows.
    /// </summary>
    public async Task<Result<ActivePeriod?>> ActiveAsync(Actor actor, Guid unitId, CancellationToken ct = default)
    {
        if (!actor.CanSee(unitId))
        {
            return Error.NotFound("单位");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (await SensitivePeriods.ActiveAsync(db, unitId, now, ct) is not { } active)
        {
            return Result<ActivePeriod?>.Ok(null);
        }

        var names = await db.Units.AsNoTracking().Where(u => u.Id == active.UnitId).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return new ActivePeriod(ToDto(actor, active, names, unitId, now), await SensitivePeriods.MonitoringFactorAsync(db, unitId, now, ct));
    }

    public async Task<Result<Guid>> CreateAsync(Actor actor, Guid unitId, PeriodInput input, CancellationToken ct = default)
    {
        if (PeriodRules.Validate(input) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await OpinionAccess.CheckConfigurerAsync(db, clock, actor, unitId, "新增敏感时期", "设置敏感时期", ct) is { } refused)
        {
            return refused;
        }

        var period = new SensitivePeriod { Id = Guid.CreateVersion7(), UnitId = unitId, Name = "", CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedById = actor.UserId };
        Apply(period, input);
        db.Add(period);
        db.Audit(clock, actor, OpinionAudit.PeriodCreate, "SensitivePeriod", period.Id.ToString(), unitId, detail: Describe(period));
        await db.SaveChangesAsync(ct);
        await PollSoonerAsync(db, period, ct);
        return period.Id;
    }

    public async Task<Result<Guid>> UpdateAsync(Actor actor, Guid periodId, PeriodInput input, Guid version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var period = await db.Set<SensitivePeriod>().FirstOrDefaultAsync(p => p.Id == periodId, ct);
        if (period is null || !actor.CanSee(period.UnitId))
        {
            return Error.NotFound("敏感时期");
        }

        if (await OpinionAccess.CheckConfigurerAsync(db, clock, actor, period.UnitId, "修改敏感时期", "设置敏感时期", ct) is { } refused)
        {
            return refused;
        }

        if (PeriodRules.Validate(input) is { } invalid)
        {
            return invalid;
        }

        if (period.Version != version)
        {
            return Error.StaleEdit("敏感时期");
        }

        var before = Describe(period);
        Apply(period, input);
        db.Audit(clock, actor, OpinionAudit.PeriodUpdate, "SensitivePeriod", period.Id.ToString(), period.UnitId, detail: $"{before} → {Describe(period)}");
        var saved = await SaveAsync(db, period.Id, ct);
        if (saved.IsSuccess)
        {
            await PollSoonerAsync(db, period, ct);
        }

        return saved;
    }

    /// <summary>Cancels the period: deleted, with the audit row keeping what it was.</summary>
    public async Task<Result<Guid>> DeleteAsync(Actor actor, Guid periodId, Guid version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var period = await db.Set<SensitivePeriod>().FirstOrDefaultAsync(p => p.Id == periodId, ct);
        if (period is null || !actor.CanSee(period.UnitId))
        {
            return Error.NotFound("敏感时期");
        }

        if (await OpinionAccess.CheckConfigurerAsync(db, clock, actor, period.UnitId, "取消敏感时期", "设置敏感时期", ct) is { } refused)
        {
            return refused;
        }

        if (period.Version != version)
        {
            return Error.StaleEdit("敏感时期");
        }

        db.Remove(period);
        db.Audit(clock, actor, OpinionAudit.PeriodDelete, "SensitivePeriod", period.Id.ToString(), period.UnitId, detail: Describe(period));
        return await SaveAsync(db, period.Id, ct);
    }

    /// <summary>
    /// Brings the next poll of the polled sources of the unit and its subordinates forward to the period's start (or
    /// now, when it has begun), so monitoring rises when the period does, not one regular interval later; the poller
    /// then keeps the shortened interval. A source being polled right now records its own next time over this one,
    /// computed with the period.
    /// </summary>
    private async Task PollSoonerAsync(AppDbContext db, SensitivePeriod period, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (period.EndsAt <= now)
        {
            return;
        }

        var at = period.StartsAt > now ? period.StartsAt : now;
        var path = await db.Units.AsNoTracking().Where(u => u.Id == period.UnitId).Select(u => u.Path).FirstAsync(ct);
        var units = db.Units.Where(u => u.Path.StartsWith(path)).Select(u => u.Id);
        await db.Set<Source>()
            .Where(s => units.Contains(s.UnitId) && s.Active && (s.Kind == SourceKind.Feed || s.Kind == SourceKind.JsonPull) && s.NextPollAt > at)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.NextPollAt, at), ct);
    }

    private static void Apply(SensitivePeriod period, PeriodInput input)
    {
        period.Name = input.Name!.Trim();
        (period.StartsAt, period.EndsAt) = (input.StartsAt, input.EndsAt);
        // Two decimals are what people type and what both databases keep alike.
        period.DeadlineFactor = Math.Round(input.DeadlineFactor, 2);
        period.MonitoringFactor = Math.Round(input.MonitoringFactor, 2);
        period.Note = input.Note?.Trim() ?? "";
    }

    private static async Task<Result<Guid>> SaveAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return id;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleEdit("敏感时期");
        }
    }

    private string Describe(SensitivePeriod p)
        => string.Create(CultureInfo.InvariantCulture,
            $"{p.Name}（{display.Format(p.StartsAt)} 至 {display.Format(p.EndsAt)}，{PeriodRules.DeadlineFactorName} {p.DeadlineFactor:0.##}，{PeriodRules.MonitoringFactorName} {p.MonitoringFactor:0.##}）");

    private static PeriodDto ToDto(Actor actor, SensitivePeriod p, IReadOnlyDictionary<Guid, string> names, Guid unitId, DateTime now) => new(
        p.Id, p.UnitId, names.GetValueOrDefault(p.UnitId, "上级单位"), p.Name, p.StartsAt, p.EndsAt, p.DeadlineFactor, p.MonitoringFactor, p.Note, p.Version,
        p.UnitId != unitId, DutyRules.Covers(p.StartsAt, p.EndsAt, now), actor.CanSee(p.UnitId) && OpinionAccess.Configures(actor, p.UnitId));
}
