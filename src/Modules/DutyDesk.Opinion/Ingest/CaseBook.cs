using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Data;
using DutyDesk.Text;
using DutyDesk.Text.Sentiment;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Ingest;

/// <summary>
/// A batch's view of a unit's events: the open ones (tracked, so figures are saved with the batch), which event
/// each matching item joins, and the figures and proposed level of every event the batch touched.
/// </summary>
internal sealed class CaseBook(AppDbContext db, Guid unitId, OpinionOptions options, GradingOptions grading, DateTime now)
{
    private readonly Dictionary<Guid, OpinionCase> cases = [];
    private readonly Dictionary<Guid, HashSet<string>> words = [];
    private readonly HashSet<Guid> touched = [];
    private readonly Dictionary<Guid, Guid?> caseOfItem = [];
    private readonly Dictionary<Guid, HashSet<string>> newSites = [];
    private readonly GradingWords lists = new(grading);

    private TimeSpan Window => TimeSpan.FromHours(Math.Max(1, options.CaseWindowHours));

    /// <summary>Events whose proposed level became more serious in this batch and reached the alert level.</summary>
    public List<OpinionCase> Raised { get; } = [];

    /// <summary>Events this book created (added to the context, not yet saved).</summary>
    public int Created { get; private set; }

    public async Task LoadOpenAsync(DateTime earliestPost, CancellationToken ct)
    {
        var from = earliestPost - Window;
        foreach (var c in await db.Set<OpinionCase>().Where(c => c.UnitId == unitId && c.LastSeenAt >= from).ToListAsync(ct))
        {
            cases[c.Id] = c;
            words[c.Id] = CaseClustering.ParseWords(c.Words).ToHashSet(StringComparer.Ordinal);
        }
    }

    public async Task AssignAsync(Item item, List<(Guid SchemeId, List<string> Words)> matches, CancellationToken ct)
    {
        var itemWords = matches.SelectMany(m => m.Words).ToHashSet(StringComparer.Ordinal);
        var caseId = await CaseOfFirstAsync(item.DuplicateOfId, ct)
            ?? CaseClustering.Choose(
                cases.Values.Select(c => new OpenCase(c.Id, c.SchemeId, words[c.Id], c.LastSeenAt)),
                matches.Select(m => m.SchemeId).ToList(), itemWords, item.PostedAt, Window, options.CaseMinOverlap);
        if (caseId is null)
        {
            var created = new OpinionCase
            {
                Id = Guid.CreateVersion7(),
                UnitId = unitId,
                Title = CaseTitle(item),
                SchemeId = matches[0].SchemeId,
                Words = CaseClustering.JoinWords(itemWords),
                FirstSeenAt = item.PostedAt,
                LastSeenAt = item.PostedAt,
                UpdatedAt = now,
            };
            db.Set<OpinionCase>().Add(created);
            Created++;
            cases[created.Id] = created;
            words[created.Id] = itemWords;
            caseId = created.Id;
        }

        var target = cases[caseId.Value];
        item.EventId = target.Id;
        caseOfItem[item.Id] = target.Id;
        target.LastSeenAt = item.PostedAt > target.LastSeenAt ? item.PostedAt : target.LastSeenAt;
        target.FirstSeenAt = item.PostedAt < target.FirstSeenAt ? item.PostedAt : target.FirstSeenAt;
        target.MainstreamMedia |= lists.IsMainstream(item.Site);
        target.KeyArea |= lists.TouchesKeyArea(item.Folded);
        target.Severe |= lists.IsSevere(item.Folded);
        if (item.Site.Length > 0)
        {
            (newSites.TryGetValue(target.Id, out var sites) ? sites : newSites[target.Id] = []).Add(item.Site);
        }

        touched.Add(target.Id);
    }

    /// <summary>The batch's own items: a repost of one of them joins its event once it has one, and needs no lookup.</summary>
    public void KnowBatch(IEnumerable<Item> items)
    {
        foreach (var item in items)
        {
            caseOfItem.TryAdd(item.Id, item.EventId);
        }
    }

    /// <summary>Looks up, in one query per 500, the events of stored items this batch's reposts duplicate.</summary>
    public async Task KnowFirstItemsAsync(IEnumerable<Guid> firstIds, CancellationToken ct)
    {
        foreach (var chunk in firstIds.Where(id => !caseOfItem.ContainsKey(id)).Distinct().Chunk(500))
        {
            var known = await db.Set<Item>().AsNoTracking().Where(i => chunk.Contains(i.Id)).Select(i => new { i.Id, i.EventId }).ToListAsync(ct);
            foreach (var k in known)
            {
                caseOfItem[k.Id] = k.EventId;
            }
        }
    }

    /// <summary>Recomputes one event's figures and level after a change to its items (e.g. a corrected sentiment).</summary>
    public Task RefreshAsync(Guid caseId, CancellationToken ct) => RefreshAsync([caseId], ct);

    /// <summary>Recomputes events' figures and levels (e.g. under a changed grading), counted in one query.</summary>
    public async Task RefreshAsync(IReadOnlyCollection<Guid> caseIds, CancellationToken ct)
    {
        foreach (var c in await db.Set<OpinionCase>().Where(x => caseIds.Contains(x.Id)).ToListAsync(ct))
        {
            cases[c.Id] = c;
            words[c.Id] = CaseClustering.ParseWords(c.Words).ToHashSet(StringComparer.Ordinal);
            touched.Add(c.Id);
        }

        await RefreshFiguresAsync(ct);
    }

    /// <summary>After the batch's items are saved (same transaction): figures and level of every touched event.</summary>
    public async Task RefreshFiguresAsync(CancellationToken ct)
    {
        if (touched.Count == 0)
        {
            return;
        }

        var ids = touched.ToList();
        var sites = (await db.Set<CaseSite>().AsNoTracking().Where(s => ids.Contains(s.CaseId)).Select(s => new { s.CaseId, s.Site }).ToListAsync(ct))
            .GroupBy(s => s.CaseId)
            .ToDictionary(g => g.Key, g => g.Select(s => s.Site).ToHashSet(StringComparer.Ordinal));
        foreach (var (caseId, seen) in newSites)
        {
            var stored = sites.TryGetValue(caseId, out var set) ? set : sites[caseId] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var site in seen.Where(stored.Add))
            {
                db.Set<CaseSite>().Add(new CaseSite { CaseId = caseId, Site = site });
            }
        }

        var day = now.AddHours(-24);
        var twoDays = now.AddHours(-48);
        var hour = now.AddHours(-1);
        var figures = await db.Set<Item>().AsNoTracking()
            .Where(i => i.EventId != null && ids.Contains(i.EventId.Value))
            .GroupBy(i => i.EventId!.Value)
            .Select(g => new
            {
                CaseId = g.Key,
                Items = g.Count(),
                Reads = g.Sum(i => i.Reads),
                Comments = g.Sum(i => i.Comments),
                Reposts = g.Sum(i => i.Reposts),
                Negative = g.Count(i => (i.CorrectedSentiment ?? i.Sentiment) == SentimentLabel.Negative),
                LastHour = g.Count(i => i.PostedAt >= hour),
                Recent = g.Count(i => i.PostedAt >= day),
                RecentNegative = g.Count(i => i.PostedAt >= day && (i.CorrectedSentiment ?? i.Sentiment) == SentimentLabel.Negative),
                Before = g.Count(i => i.PostedAt >= twoDays && i.PostedAt < day),
                BeforeNegative = g.Count(i => i.PostedAt >= twoDays && i.PostedAt < day && (i.CorrectedSentiment ?? i.Sentiment) == SentimentLabel.Negative),
            })
            .ToListAsync(ct);
        foreach (var f in figures)
        {
            var c = cases[f.CaseId];
            c.ItemCount = f.Items;
            c.Reads = f.Reads;
            c.Comments = f.Comments;
            c.Reposts = f.Reposts;
            c.NegativeCount = f.Negative;
            c.ItemsLastHour = f.LastHour;
            c.SiteCount = sites.TryGetValue(f.CaseId, out var caseSites) ? caseSites.Count : 0;
            c.NegativeTrend = Math.Round(Share(f.RecentNegative, f.Recent) - Share(f.BeforeNegative, f.Before), 4);
            var proposal = IncidentLevel.Propose(
                new CaseFigures(c.ItemCount, c.Comments, c.Reposts, c.Reads, c.SiteCount, c.MainstreamMedia, c.NegativeCount, c.NegativeTrend, c.ItemsLastHour, c.KeyArea, c.Severe),
                grading);
            if (proposal.Level < c.ProposedLevel && proposal.Level <= options.AlertFromLevel)
            {
                Raised.Add(c);
            }

            c.ProposedLevel = proposal.Level;
            c.ProposedRule = proposal.Rule.Length <= 300 ? proposal.Rule : proposal.Rule[..300];
            c.UpdatedAt = now;
        }
    }

    private static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    private async Task<Guid?> CaseOfFirstAsync(Guid? firstId, CancellationToken ct)
    {
        if (firstId is null)
        {
            return null;
        }

        if (!caseOfItem.TryGetValue(firstId.Value, out var caseId))
        {
            caseId = await db.Set<Item>().AsNoTracking().Where(i => i.Id == firstId).Select(i => i.EventId).FirstOrDefaultAsync(ct);
            caseOfItem[firstId.Value] = caseId;
        }

        if (caseId is { } id && !cases.ContainsKey(id))
        {
            var c = await db.Set<OpinionCase>().FirstAsync(x => x.Id == id, ct);
            cases[id] = c;
            words[id] = CaseClustering.ParseWords(c.Words).ToHashSet(StringComparer.Ordinal);
        }

        return caseId;
    }

    private static string CaseTitle(Item item)
    {
        var text = item.Title.Length > 0 ? item.Title : TextNormalizer.Clean(item.Text);
        return text.Length <= 60 ? text : text[..60] + "…";
    }
}
