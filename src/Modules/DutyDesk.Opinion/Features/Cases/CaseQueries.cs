using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Cases;

/// <summary>An event with the figures of PRODUCT.md 4.1 and the level the rules propose, with the rule.</summary>
public sealed record CaseDto(
    Guid Id, Guid UnitId, string Title, string SchemeName, string Words, DateTime FirstSeenAt, DateTime LastSeenAt, int Items, long Reads,
    long Comments, long Reposts, int Sites, bool MainstreamMedia, double NegativeShare, double NegativeTrend, int ItemsLastHour,
    IncidentLevelCode ProposedLevel, string LevelName, string ProposedRule, IReadOnlyList<string> SiteNames);

/// <summary>A unit's events, latest activity first, optionally of one level or from one day on.</summary>
internal sealed class CaseQueries(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<Result<IReadOnlyList<CaseDto>>> ListAsync(Actor actor, Guid unitId, IncidentLevelCode? level = null, DateTime? since = null, CancellationToken ct = default)
    {
        if (!actor.CanSee(unitId))
        {
            return Error.NotFound("单位");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<OpinionCase>().AsNoTracking().Where(c => c.UnitId == unitId);
        if (level is { } l)
        {
            query = query.Where(c => c.ProposedLevel == l);
        }

        if (since is { } s)
        {
            query = query.Where(c => c.LastSeenAt >= s);
        }

        var cases = await query.OrderByDescending(c => c.LastSeenAt).Take(500).ToListAsync(ct);
        return await ToDtosAsync(db, cases, withSites: false, ct);
    }

    public async Task<Result<CaseDto>> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Set<OpinionCase>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return c is null || !actor.CanSee(c.UnitId) ? Error.NotFound("舆情事件") : (await ToDtosAsync(db, [c], withSites: true, ct))[0];
    }

    private static async Task<List<CaseDto>> ToDtosAsync(AppDbContext db, List<OpinionCase> cases, bool withSites, CancellationToken ct)
    {
        var schemeIds = cases.Select(c => c.SchemeId).Distinct().ToList();
        var schemes = await db.Set<MonitoringScheme>().AsNoTracking().Where(s => schemeIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var ids = cases.Select(c => c.Id).ToList();
        var sites = withSites
            ? await db.Set<CaseSite>().AsNoTracking().Where(s => ids.Contains(s.CaseId)).Select(s => new { s.CaseId, s.Site }).ToListAsync(ct)
            : [];
        return cases.Select(c => new CaseDto(
            c.Id, c.UnitId, c.Title, schemes.GetValueOrDefault(c.SchemeId, "?"), c.Words, c.FirstSeenAt, c.LastSeenAt, c.ItemCount, c.Reads, c.Comments,
            c.Reposts, c.SiteCount, c.MainstreamMedia, c.NegativeShare, c.NegativeTrend, c.ItemsLastHour, c.ProposedLevel, IncidentLevel.Name(c.ProposedLevel),
            c.ProposedRule, sites.Where(s => s.CaseId == c.Id).Select(s => s.Site).Order(StringComparer.Ordinal).ToList())).ToList();
    }
}
