using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Response;
using DutyDesk.Opinion.Features.Grading;
using DutyDesk.Opinion.Features.Sentiment;
using DutyDesk.Platform.Data;
using DutyDesk.Text;
using DutyDesk.Text.Sentiment;
using DutyDesk.Text.Similarity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DutyDesk.Opinion.Ingest;

/// <summary>
/// Takes a source's items through normalisation, exact dedupe, near-duplicate marking, scheme matching,
/// sentiment, event clustering and level proposal, and stores each batch in one transaction.
/// </summary>
/// <remarks>
/// Idempotent and restart-safe: an item's key is unique per unit, keys already stored are skipped, and a batch
/// commits whole or not at all, so a source may deliver the same items again after a crash, a retry or a re-poll
/// and nothing is lost or stored twice. A source's polling state is saved by its caller only after the batch.
/// </remarks>
internal sealed class IngestPipeline(
    IDbContextFactory<AppDbContext> dbFactory, CompiledSchemes schemes, DuplicateMemory duplicates, UnitSentiment sentiments, IOptions<OpinionOptions> options,
    CaseAlerts alerts, TimeProvider clock)
{
    public async Task<IngestOutcome> IngestAsync(Guid sourceId, IReadOnlyList<IncomingItem> incoming, CancellationToken ct = default)
    {
        var batchSize = Math.Max(1, options.Value.BatchSize);
        var total = new IngestOutcome(0, 0, 0, [], []);
        for (var start = 0; start < incoming.Count; start += batchSize)
        {
            var batch = incoming.Skip(start).Take(batchSize).ToList();
            IngestOutcome outcome;
            try
            {
                outcome = await IngestBatchAsync(sourceId, batch, start, ct);
            }
            catch (DbUpdateException)
            {
                // A conflict with a write the ingest mark does not queue (an officer changing one of the batch's
                // events, a key stored outside the pipeline): the batch rolled back whole, so try it once more.
                outcome = await IngestBatchAsync(sourceId, batch, start, ct);
            }

            total = new IngestOutcome(
                total.Added + outcome.Added, total.Duplicates + outcome.Duplicates, total.Matched + outcome.Matched,
                [.. total.Rejected, .. outcome.Rejected], [.. total.AddedIds, .. outcome.AddedIds]);
        }

        return total;
    }

    private async Task<IngestOutcome> IngestBatchAsync(Guid sourceId, List<IncomingItem> batch, int offset, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = await db.Set<Source>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == sourceId, ct)
            ?? throw new InvalidOperationException($"source {sourceId} does not exist");
        // Events compare times kept in memory with times read back: both as stored, so both providers cluster alike.
        var now = DbTime.AsStored(clock.GetUtcNow().UtcDateTime);
        var sentiment = await sentiments.ForUnitAsync(db, source.UnitId, ct);
        var unitSchemes = await schemes.ForUnitAsync(db, source.UnitId, ct);

        // Folding, keys, sentiment, scheme matching and near-duplicate sketches are most of the pipeline's own work
        // and need nothing shared: every core. Only duplicate marking and events need the batch's order, below.
        var analysed = new Prepared?[batch.Count];
        var sketcher = duplicates.Sketcher;
        Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = ct }, i => analysed[i] = Prepare(source, batch[i], now, sentiment, unitSchemes, sketcher));
        var rejected = new List<IngestRejection>();
        var prepared = new List<Prepared>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var duplicatesInBatch = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            if (analysed[i] is not { } item)
            {
                rejected.Add(new IngestRejection(offset + i + 1, "标题和正文都为空"));
            }
            else if (!keys.Add(item.Item.DedupeKey))
            {
                duplicatesInBatch++;
            }
            else
            {
                prepared.Add(item);
            }
        }

        using var memory = await duplicates.EnterAsync(source.UnitId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // From here the unit's batches on every node wait for this one, so the stored keys and the near-duplicate
        // index read below stay true until the commit.
        var mark = await IngestMark.RaiseAsync(db, source.UnitId, now, ct);
        var stored = new HashSet<string>(StringComparer.Ordinal);
        var unitId = source.UnitId;
        foreach (var chunk in keys.Chunk(1000))
        {
            // By key alone, through the index that leads with it, and one array parameter for the keys: with the
            // unit in the condition PostgreSQL may walk a new unit's rows (its statistics say it has none).
            stored.UnionWith((await db.Set<Item>().AsNoTracking()
                    .Where(i => EF.Parameter(chunk).Contains(i.DedupeKey))
                    .Select(i => new { i.DedupeKey, i.UnitId })
                    .ToListAsync(ct))
                .Where(i => i.UnitId == unitId)
                .Select(i => i.DedupeKey));
        }

        var fresh = prepared.Where(p => !stored.Contains(p.Item.DedupeKey)).ToList();
        var outcomeDuplicates = duplicatesInBatch + prepared.Count - fresh.Count;
        if (fresh.Count == 0)
        {
            memory.Unchanged();
            return new IngestOutcome(0, outcomeDuplicates, 0, rejected, []);
        }

        await memory.CatchUpAsync(db, mark - 1, ct);
        var o = options.Value;
        var cases = new CaseBook(db, source.UnitId, o, (await UnitGrading.ForUnitAsync(db, source.UnitId, o.Grading, ct)).Options, now);
        await cases.LoadOpenAsync(fresh.Min(f => f.Item.PostedAt), ct);
        var items = new List<Item>(fresh.Count);
        var matches = new List<(Item Item, List<(Guid SchemeId, List<string> Words)> Matches)>();
        foreach (var (item, found, sketch) in fresh)
        {
            var (firstId, similarity) = memory.Add(item.Id, sketch);
            item.DuplicateOfId = firstId;
            item.DuplicateSimilarity = similarity;
            items.Add(item);
            if (found.Count > 0)
            {
                matches.Add((item, found));
            }
        }

        // The events of earlier items that matching reposts duplicate, in one query rather than one per repost.
        cases.KnowBatch(items);
        await cases.KnowFirstItemsAsync(matches.Where(m => m.Item.DuplicateOfId is not null).Select(m => m.Item.DuplicateOfId!.Value), ct);
        var matchRows = new List<ItemMatch>();
        foreach (var (item, found) in matches)
        {
            matchRows.AddRange(found.Select(m => new ItemMatch
            {
                ItemId = item.Id, SchemeId = m.SchemeId, UnitId = item.UnitId, CollectedAt = item.CollectedAt, Words = CaseClustering.JoinWords(m.Words),
            }));
            await cases.AssignAsync(item, found, ct);
        }

        // New events first (items point at them), then the items and their matches in bulk, then the figures,
        // which are counted from the stored items; changes to existing events are saved once, with the figures.
        if (cases.Created > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        await db.InsertAllAsync(items, ct);
        await db.InsertAllAsync(matchRows, ct);
        await cases.RefreshFiguresAsync(ct);
        // One alert per event and level reached, however many items brought it there (dedup key in the alert).
        await alerts.RaiseEventsAsync(db, source.UnitId, cases.Raised, ct);

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        memory.Committed(now, mark);
        return new IngestOutcome(fresh.Count, outcomeDuplicates, matches.Count, rejected, items.Select(i => i.Id).ToList());
    }

    private static Prepared? Prepare(Source source, IncomingItem incoming, DateTime now, SentimentAnalyzer sentiment, UnitSchemes unitSchemes, NearDuplicateSketcher sketcher)
    {
        var title = Truncate(TextNormalizer.Clean(incoming.Title), Item.TitleMaxLength);
        var text = Truncate((incoming.Text ?? "").Trim(), Item.TextMaxLength);
        if (title.Length == 0 && text.Length == 0)
        {
            return null;
        }

        var foldedTitle = TextNormalizer.Fold(title);
        var folded = Truncate(title.Length == 0 ? TextNormalizer.Fold(text) : text.Length == 0 ? foldedTitle : foldedTitle + "\n" + TextNormalizer.Fold(text), Item.TextMaxLength + Item.TitleMaxLength + 1);
        var url = Truncate((incoming.Url ?? "").Trim(), Item.UrlMaxLength);
        var published = incoming.PublishedAt is { } at ? DbTime.AsStored(at.UtcDateTime) : (DateTime?)null;
        var feeling = sentiment.Analyze(folded);
        var item = new Item
        {
            Id = Guid.CreateVersion7(),
            UnitId = source.UnitId,
            SourceId = source.Id,
            DedupeKey = ItemKey.For(source.Id, incoming.ExternalId, url, folded),
            Title = title,
            Text = text,
            Folded = folded,
            Url = url,
            Site = Truncate(string.IsNullOrWhiteSpace(incoming.Site) ? ItemKey.SiteOf(url) : TextNormalizer.Clean(incoming.Site).ToLowerInvariant(), Item.SiteMaxLength),
            SeenWhere = incoming.SeenWhere is null ? null : Truncate(TextNormalizer.Clean(incoming.SeenWhere), 200),
            ScreenshotFileId = incoming.ScreenshotFileId,
            ReportedById = incoming.ReportedById,
            PublishedAt = published,
            CollectedAt = now,
            PostedAt = published is { } p && p <= now ? p : now,
            Reads = Math.Max(0, incoming.Reads),
            Comments = Math.Max(0, incoming.Comments),
            Reposts = Math.Max(0, incoming.Reposts),
            Sentiment = feeling.Label,
            SentimentScore = Math.Round(feeling.Score, 4),
            SentimentWords = Truncate(string.Join('、', feeling.Reasons.Select(r => r.Text)), 300),
        };
        return new Prepared(item, unitSchemes.Match(source.Id, foldedTitle, folded), sketcher.Sketch(folded));
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    /// <summary>An item ready to store, with the schemes it matched (and the words that made each match) and its sketch.</summary>
    private sealed record Prepared(Item Item, List<(Guid SchemeId, List<string> Words)> Matches, NearDuplicateSketch Sketch);
}
