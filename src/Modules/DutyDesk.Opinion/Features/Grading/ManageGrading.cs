using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Ingest;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DutyDesk.Opinion.Features.Grading;

/// <summary>Where a unit's grading comes from.</summary>
public enum GradingSource
{
    Own,
    Inherited,
    Default,
}

/// <summary>A unit's effective grading, where it comes from, and the own row's version for the next save.</summary>
public sealed record GradingView(
    Guid UnitId, string UnitName,
    int GeneralUpTo, int LargerFrom, int DozensOfComments, int FastSpreadItemsPerHour,
    IReadOnlyList<string> KeyAreaWords, IReadOnlyList<string> SevereWords, IReadOnlyList<string> MainstreamDomains,
    GradingSource Source, string SourceText, Guid? Version, DateTime? UpdatedAt, string? UpdatedBy, bool CanEdit, string? Gap);

/// <summary>After a save or reset: the grading now in force and the recent events proposed again with it.</summary>
public sealed record GradingChanged(GradingView Grading, int Regraded, int LevelChanged);

/// <summary>
/// The administrator's grading thresholds and lists per unit (PRODUCT.md 4.2, issue 4): read by anyone who sees the
/// unit, saved or reset by its configurers. A change re-proposes the levels of the recent events it governs in the
/// same transaction, so the events page shows the new thresholds at once.
/// </summary>
internal sealed class ManageGrading(IDbContextFactory<AppDbContext> dbFactory, IOptions<OpinionOptions> options, TimeProvider clock)
{
    public async Task<Result<GradingView>> GetAsync(Actor actor, Guid unitId, CancellationToken ct = default)
    {
        if (!actor.CanSee(unitId))
        {
            return Error.NotFound("单位");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ViewAsync(db, actor, unitId, ct) is { } view ? view : Error.NotFound("单位");
    }

    public async Task<Result<GradingChanged>> SaveAsync(Actor actor, Guid unitId, GradingInput input, Guid? version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await OpinionAccess.CheckConfigurerAsync(db, clock, actor, unitId, "修改舆情分级标准", "修改舆情分级标准", ct) is { } refused)
        {
            return refused;
        }

        var validated = GradingRules.Validate(input);
        if (validated.Error is { } invalid)
        {
            return invalid;
        }

        var before = await UnitGrading.ForUnitAsync(db, unitId, options.Value.Grading, ct);
        var row = await db.Set<GradingSettings>().FirstOrDefaultAsync(g => g.UnitId == unitId, ct);
        if (row?.Version != version)
        {
            return Error.StaleEdit("分级标准");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (row is null)
        {
            row = new GradingSettings { UnitId = unitId };
            db.Set<GradingSettings>().Add(row);
        }

        row.Apply(validated.Value);
        (row.UpdatedAt, row.UpdatedById) = (now, actor.UserId);
        var changes = Describe(before.Options, validated.Value);
        return await CommitAsync(db, actor, unitId, OpinionAudit.GradingSave, changes.Length > 0 ? changes : "数值未变，改为本单位自有设置", ct);
    }

    /// <summary>Deletes the unit's own row: it inherits again from its superiors or the configured defaults.</summary>
    public async Task<Result<GradingChanged>> ResetAsync(Actor actor, Guid unitId, Guid? version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await OpinionAccess.CheckConfigurerAsync(db, clock, actor, unitId, "恢复继承的舆情分级标准", "修改舆情分级标准", ct) is { } refused)
        {
            return refused;
        }

        var row = await db.Set<GradingSettings>().FirstOrDefaultAsync(g => g.UnitId == unitId, ct);
        if (row is null)
        {
            return version is null
                ? Error.Validation("unit", "本单位没有自有的分级标准，已在使用继承的设置。")
                : Error.StaleEdit("分级标准");
        }

        if (version is not null && row.Version != version)
        {
            return Error.StaleEdit("分级标准");
        }

        var own = row.ToOptions();
        db.Remove(row);
        var inherited = await InheritedAsync(db, unitId, ct);
        var changes = Describe(own, inherited.Options);
        var from = await SourceTextAsync(db, inherited.FromUnitId, ct);
        return await CommitAsync(db, actor, unitId, OpinionAudit.GradingReset, $"改用{from}的设置" + (changes.Length > 0 ? "：" + changes : "，数值未变"), ct);
    }

    private async Task<Result<GradingChanged>> CommitAsync(AppDbContext db, Actor actor, Guid unitId, string action, string detail, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrency conflict, or another person created the unit's row first.
            return Error.StaleEdit("分级标准");
        }

        var (regraded, changed) = await RegradeAsync(db, unitId, ct);
        db.Audit(clock, actor, action, "Unit", unitId.ToString(), unitId,
            detail: $"{detail}；按新标准重新评估近 {Window.TotalHours:0} 小时的 {regraded} 个事件，{changed} 个的建议级别改变");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new GradingChanged((await ViewAsync(db, actor, unitId, ct))!, regraded, changed);
    }

    private TimeSpan Window => TimeSpan.FromHours(Math.Max(1, options.Value.CaseWindowHours));

    /// <summary>
    /// Proposes again the level of every recent event of the unit and its subtree whose grading this unit decides (a
    /// subordinate with its own row, or inheriting from one, is left alone). The flags the lists decide are recomputed
    /// from the events' items and sites, so an added key-area word counts for events already open.
    /// </summary>
    private async Task<(int Regraded, int Changed)> RegradeAsync(AppDbContext db, Guid unitId, CancellationToken ct)
    {
        var defaults = options.Value.Grading;
        var path = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Path).FirstAsync(ct);
        var subtree = await db.Units.AsNoTracking().Where(u => u.Path.StartsWith(path)).Select(u => new { u.Id, u.Path }).ToListAsync(ct);
        var below = subtree.Select(u => u.Id).Where(id => id != unitId).ToHashSet();
        var relevant = OpinionAccess.Chain(path).Concat(below).ToList();
        var rows = new Dictionary<Guid, GradingSettings>();
        foreach (var chunk in relevant.Chunk(500))
        {
            foreach (var r in await db.Set<GradingSettings>().AsNoTracking().Where(g => chunk.Contains(g.UnitId)).ToListAsync(ct))
            {
                rows[r.UnitId] = r;
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var from = now - Window;
        var (regraded, changed) = (0, 0);
        foreach (var unit in subtree)
        {
            var effective = UnitGrading.Nearest(OpinionAccess.Chain(unit.Path), rows, defaults);
            if (effective.FromUnitId is { } owner && below.Contains(owner))
            {
                continue;
            }

            var cases = await db.Set<OpinionCase>().Where(c => c.UnitId == unit.Id && c.LastSeenAt >= from).ToListAsync(ct);
            if (cases.Count == 0)
            {
                continue;
            }

            await ReflagAsync(db, cases, effective.Options, ct);
            var levels = cases.Select(c => c.ProposedLevel).ToList();
            await new CaseBook(db, unit.Id, options.Value, effective.Options, now).RefreshAsync(cases.Select(c => c.Id).ToList(), ct);
            regraded += cases.Count;
            changed += cases.Where((c, i) => c.ProposedLevel != levels[i]).Count();
        }

        return (regraded, changed);
    }

    private static async Task ReflagAsync(AppDbContext db, List<OpinionCase> cases, GradingOptions grading, CancellationToken ct)
    {
        var lists = new GradingWords(grading);
        var byId = cases.ToDictionary(c => c.Id);
        foreach (var c in cases)
        {
            (c.KeyArea, c.Severe, c.MainstreamMedia) = (false, false, false);
        }

        foreach (var chunk in byId.Keys.Chunk(500))
        {
            var sites = await db.Set<CaseSite>().AsNoTracking().Where(s => chunk.Contains(s.CaseId)).Select(s => new { s.CaseId, s.Site }).ToListAsync(ct);
            foreach (var s in sites.Where(s => lists.IsMainstream(s.Site)))
            {
                byId[s.CaseId].MainstreamMedia = true;
            }

            var texts = db.Set<Item>().AsNoTracking().Where(i => i.EventId != null && chunk.Contains(i.EventId.Value)).Select(i => new { i.EventId, i.Folded });
            await foreach (var item in texts.AsAsyncEnumerable().WithCancellation(ct))
            {
                var c = byId[item.EventId!.Value];
                c.KeyArea |= lists.TouchesKeyArea(item.Folded);
                c.Severe |= lists.IsSevere(item.Folded);
            }
        }
    }

    private async Task<EffectiveGrading> InheritedAsync(AppDbContext db, Guid unitId, CancellationToken ct)
    {
        var parentId = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.ParentId).FirstOrDefaultAsync(ct);
        return parentId is { } parent
            ? await UnitGrading.ForUnitAsync(db, parent, options.Value.Grading, ct)
            : new EffectiveGrading(options.Value.Grading, null);
    }

    private async Task<GradingView?> ViewAsync(AppDbContext db, Actor actor, Guid unitId, CancellationToken ct)
    {
        var unitName = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        if (unitName is null)
        {
            return null;
        }

        var effective = await UnitGrading.ForUnitAsync(db, unitId, options.Value.Grading, ct);
        var own = effective.FromUnitId == unitId
            ? await db.Set<GradingSettings>().AsNoTracking().Where(g => g.UnitId == unitId).Select(g => new { g.Version, g.UpdatedAt, g.UpdatedById }).FirstAsync(ct)
            : null;
        var by = own is null ? null : await db.Users.Where(u => u.Id == own.UpdatedById).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        var o = effective.Options;
        var source = effective.FromUnitId is null ? GradingSource.Default : own is null ? GradingSource.Inherited : GradingSource.Own;
        var sourceText = source == GradingSource.Own ? "本单位" : await SourceTextAsync(db, effective.FromUnitId, ct);
        return new GradingView(
            unitId, unitName, o.GeneralUpTo, o.LargerFrom, o.DozensOfComments, o.FastSpreadItemsPerHour, o.KeyAreaWords, o.SevereWords, o.MainstreamDomains,
            source, sourceText, own?.Version, own?.UpdatedAt, by, OpinionAccess.Configures(actor, unitId), GradingRules.Gap(o));
    }

    private static async Task<string> SourceTextAsync(AppDbContext db, Guid? fromUnitId, CancellationToken ct)
    {
        if (fromUnitId is not { } id)
        {
            return "系统默认";
        }

        var name = await db.Units.AsNoTracking().Where(u => u.Id == id).Select(u => u.Name).FirstAsync(ct);
        return $"上级单位「{name}」";
    }

    /// <summary>What the auditor reads: each threshold that changed, and the words added to and removed from each list.</summary>
    public static string Describe(GradingOptions before, GradingOptions after)
    {
        var parts = new List<string>();
        void Number(string name, int a, int b)
        {
            if (a != b)
            {
                parts.Add($"{name} {a} → {b}");
            }
        }

        void List(string name, string[] a, string[] b)
        {
            var added = b.Except(a, StringComparer.Ordinal).ToList();
            var removed = a.Except(b, StringComparer.Ordinal).ToList();
            if (added.Count + removed.Count > 0)
            {
                parts.Add($"{name}" + (added.Count > 0 ? $" 增加 {string.Join("、", added)}" : "") + (removed.Count > 0 ? $" 删除 {string.Join("、", removed)}" : ""));
            }
        }

        Number(GradingRules.GeneralUpToName, before.GeneralUpTo, after.GeneralUpTo);
        Number(GradingRules.LargerFromName, before.LargerFrom, after.LargerFrom);
        Number(GradingRules.DozensOfCommentsName, before.DozensOfComments, after.DozensOfComments);
        Number(GradingRules.FastSpreadName, before.FastSpreadItemsPerHour, after.FastSpreadItemsPerHour);
        List(GradingRules.KeyAreaWordsName, before.KeyAreaWords, after.KeyAreaWords);
        List(GradingRules.SevereWordsName, before.SevereWords, after.SevereWords);
        List(GradingRules.MainstreamDomainsName, before.MainstreamDomains, after.MainstreamDomains);
        return string.Join("；", parts);
    }
}
