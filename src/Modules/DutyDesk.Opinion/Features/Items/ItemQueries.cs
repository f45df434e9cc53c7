using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Grading;
using DutyDesk.Opinion.Features.Search;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Text.Sentiment;
using DutyDesk.Opinion.Ingest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DutyDesk.Opinion.Features.Items;

/// <summary>Filters of the item stream; all optional. Dates are UTC bounds of the posting time.</summary>
public sealed record ItemFilter(
    Guid UnitId, Guid? SchemeId = null, Guid? SourceId = null, SentimentLabel? Sentiment = null, IncidentLevelCode? Level = null,
    DateTime? From = null, DateTime? To = null, string? Words = null, bool MatchedOnly = false, Guid? CaseId = null, int Page = 1, int PageSize = 50);

public sealed record ItemRow(
    Guid Id, string Title, string Excerpt, string Url, string Site, string SourceName, DateTime PostedAt, SentimentLabel Sentiment, bool SentimentCorrected,
    double SentimentScore, IReadOnlyList<string> Schemes, IReadOnlyList<string> Words, Guid? DuplicateOfId, Guid? EventId, IncidentLevelCode? Level,
    long Reads, long Comments, long Reposts);

/// <summary>
/// A page of items. <see cref="Unindexed"/> is set when the filter had words: the unit's items the search index has
/// not reached yet, which no word search finds until it has (see ItemIndexer).
/// </summary>
public sealed record ItemPage(int Total, IReadOnlyList<ItemRow> Rows, int Unindexed = 0)
{
    public string? SearchNote => Unindexed > 0 ? $"索引尚有 {Unindexed} 条待处理，处理完后才能被搜索到。" : null;
}

public sealed record ItemDetail(
    ItemRow Row, string Text, string SentimentWords, string? SeenWhere, Guid? ScreenshotFileId, string? ReportedBy, DateTime CollectedAt,
    DateTime? PublishedAt, double DuplicateSimilarity, string? EventTitle, SentimentLabel MachineSentiment, Guid UnitId);

/// <summary>The item stream of a unit with filters, one item with its analysis, and an officer's sentiment correction.</summary>
internal sealed class ItemQueries(IDbContextFactory<AppDbContext> dbFactory, IOptions<OpinionOptions> options, TimeProvider clock)
{
    public async Task<Result<ItemPage>> ListAsync(Actor actor, ItemFilter filter, CancellationToken ct = default)
    {
        if (!actor.CanSee(filter.UnitId))
        {
            return Error.NotFound("单位");
        }

        if (filter.Words is { Length: > ItemSearch.QueryMaxLength })
        {
            return Error.Validation("words", $"“搜索词”最多 {ItemSearch.QueryMaxLength} 个字符。");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<Item>().AsNoTracking().Where(i => i.UnitId == filter.UnitId);
        if (filter.SchemeId is { } scheme)
        {
            query = query.Where(i => db.Set<ItemMatch>().Any(m => m.ItemId == i.Id && m.SchemeId == scheme));
        }
        else if (filter.MatchedOnly)
        {
            query = query.Where(i => db.Set<ItemMatch>().Any(m => m.ItemId == i.Id));
        }

        if (filter.CaseId is { } caseId)
        {
            query = query.Where(i => i.EventId == caseId);
        }

        if (filter.SourceId is { } source)
        {
            query = query.Where(i => i.SourceId == source);
        }

        if (filter.Sentiment is { } sentiment)
        {
            query = query.Where(i => (i.CorrectedSentiment ?? i.Sentiment) == sentiment);
        }

        if (filter.Level is { } level)
        {
            query = query.Where(i => db.Set<OpinionCase>().Any(c => c.Id == i.EventId && c.ProposedLevel == level));
        }

        if (filter.From is { } from)
        {
            query = query.Where(i => i.PostedAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(i => i.PostedAt < to);
        }

        var unindexed = 0;
        if (!string.IsNullOrWhiteSpace(filter.Words))
        {
            // Words go through the index only (whole words as jieba cuts them, all required); a query of nothing but
            // punctuation has no words and finds nothing. Items not yet indexed are counted, not scanned.
            var matching = ItemSearch.Matching(db, ItemSearch.Terms(filter.Words));
            query = query.Where(i => matching.Contains(i.Id));
            unindexed = await ItemSearch.PendingAsync(db, filter.UnitId, ct);
        }

        var total = await query.CountAsync(ct);
        var size = Math.Clamp(filter.PageSize, 1, 200);
        var items = await query.OrderByDescending(i => i.PostedAt).ThenByDescending(i => i.Id)
            .Skip((Math.Max(1, filter.Page) - 1) * size).Take(size).ToListAsync(ct);
        return new ItemPage(total, await RowsAsync(db, items, ct), unindexed);
    }

    public async Task<Result<ItemDetail>> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.Set<Item>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null || !actor.CanSee(item.UnitId))
        {
            return Error.NotFound("舆情信息");
        }

        var row = (await RowsAsync(db, [item], ct))[0];
        var reporter = item.ReportedById is { } by ? await db.Users.Where(u => u.Id == by).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) : null;
        var eventTitle = item.EventId is { } e ? await db.Set<OpinionCase>().Where(c => c.Id == e).Select(c => c.Title).FirstOrDefaultAsync(ct) : null;
        return new ItemDetail(row, item.Text, item.SentimentWords, item.SeenWhere, item.ScreenshotFileId, reporter, item.CollectedAt, item.PublishedAt,
            item.DuplicateSimilarity, eventTitle, item.Sentiment, item.UnitId);
    }

    /// <summary>
    /// An officer corrects (or confirms) the sentiment; the machine's label stays beside it, and the officer's label
    /// is what the unit's own model is later retrained on.
    /// </summary>
    public async Task<Result<Done>> CorrectSentimentAsync(Actor actor, Guid id, SentimentLabel label, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.Set<Item>().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null || !actor.CanSee(item.UnitId))
        {
            return Error.NotFound("舆情信息");
        }

        if (!await OpinionAccess.ReportsAsync(db, actor, item.UnitId, ct))
        {
            await db.AuditDeniedAsync(clock, actor, "更正情感倾向", "Item", id.ToString(), ct);
            return Error.Forbidden($"只有本单位的{OpinionAccess.ReportersText}可以更正情感倾向。");
        }

        var before = item.EffectiveSentiment;
        // Kept even when it agrees with the machine: a confirmed label is a training example too.
        item.CorrectedSentiment = label;
        item.CorrectedById = actor.UserId;
        item.CorrectedAt = clock.GetUtcNow().UtcDateTime;
        db.Audit(clock, actor, OpinionAudit.ItemSentiment, "Item", id.ToString(), item.UnitId, detail: $"{Name(before)} → {Name(label)}");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (item.EventId is { } caseId)
        {
            // The event's negative share and proposed level follow the officer's label.
            var grading = await UnitGrading.ForUnitAsync(db, item.UnitId, options.Value.Grading, ct);
            await new CaseBook(db, item.UnitId, options.Value, grading.Options, clock.GetUtcNow().UtcDateTime).RefreshAsync(caseId, ct);
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return Done.Value;
    }

    public static string Name(SentimentLabel label) => label switch
    {
        SentimentLabel.Negative => "负面",
        SentimentLabel.Positive => "正面",
        _ => "中性",
    };

    private static async Task<List<ItemRow>> RowsAsync(AppDbContext db, List<Item> items, CancellationToken ct)
    {
        var ids = items.Select(i => i.Id).ToList();
        var matches = await db.Set<ItemMatch>().AsNoTracking().Where(m => ids.Contains(m.ItemId))
            .Join(db.Set<MonitoringScheme>(), m => m.SchemeId, s => s.Id, (m, s) => new { m.ItemId, s.Name, m.Words })
            .ToListAsync(ct);
        var sourceIds = items.Select(i => i.SourceId).Distinct().ToList();
        var sources = await db.Set<Source>().AsNoTracking().Where(s => sourceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var caseIds = items.Where(i => i.EventId != null).Select(i => i.EventId!.Value).Distinct().ToList();
        var levels = await db.Set<OpinionCase>().AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.ProposedLevel, ct);
        return items.Select(i =>
        {
            var mine = matches.Where(m => m.ItemId == i.Id).ToList();
            return new ItemRow(
                i.Id, i.Title, Excerpt(i.Text), i.Url, i.Site, sources.GetValueOrDefault(i.SourceId, "?"), i.PostedAt, i.EffectiveSentiment, i.CorrectedSentiment is { } corrected && corrected != i.Sentiment,
                i.SentimentScore, mine.Select(m => m.Name).ToList(),
                mine.SelectMany(m => m.Words.Split('、', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).ToList(),
                i.DuplicateOfId, i.EventId, i.EventId is { } e && levels.TryGetValue(e, out var l) ? l : null, i.Reads, i.Comments, i.Reposts);
        }).ToList();
    }

    private static string Excerpt(string text) => text.Length <= 240 ? text : text[..240] + "…";
}
