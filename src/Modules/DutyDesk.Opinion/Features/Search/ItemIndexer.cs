using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Data;
using DutyDesk.Text.Segmentation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DutyDesk.Opinion.Features.Search;

/// <summary>
/// Writes the search entries of items that have none yet, oldest first, a batch per round. It keeps no state of its
/// own: "not yet indexed" is "has no entry", so a round after a stop, a crash or a database restore simply carries on,
/// and two nodes indexing at once at worst both cut the same batch (the entry's key keeps one of each).
/// </summary>
internal sealed class ItemIndexer(IDbContextFactory<AppDbContext> dbFactory, IOptions<SearchOptions> options, TimeProvider clock, ILogger<ItemIndexer> logger)
{
    /// <summary>One batch; returns how many items it indexed, so the job goes straight on while it finds work.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        List<(Guid Id, Guid UnitId, string Folded)> batch;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            batch = (await ItemSearch.Unindexed(db)
                    .OrderBy(i => i.CollectedAt).ThenBy(i => i.Id)
                    .Take(Math.Max(1, options.Value.IndexBatchSize))
                    .Select(i => new { i.Id, i.UnitId, i.Folded })
                    .ToListAsync(ct))
                .Select(i => (i.Id, i.UnitId, i.Folded))
                .ToList();
        }

        if (batch.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var entries = batch
            .Select(i => new ItemSearchEntry { ItemId = i.Id, UnitId = i.UnitId, Segmented = Cap(SearchSegmenter.Segment(i.Folded)), IndexedAt = now })
            .ToList();
        try
        {
            await InsertMissingAsync(entries, ct);
        }
        catch (DbUpdateException)
        {
            // Another node stored some of these entries between our read and our insert: keep theirs, add the rest.
            await InsertMissingAsync(entries, ct);
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LogDebug("Indexed {Count} items for search", entries.Count);
        }

        return entries.Count;
    }

    private async Task InsertMissingAsync(List<ItemSearchEntry> entries, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = entries.Select(e => e.ItemId).ToList();
        var present = new HashSet<Guid>();
        foreach (var chunk in ids.Chunk(500))
        {
            present.UnionWith(await db.Set<ItemSearchEntry>().Where(e => chunk.Contains(e.ItemId)).Select(e => e.ItemId).ToListAsync(ct));
        }

        db.Set<ItemSearchEntry>().AddRange(entries.Where(e => !present.Contains(e.ItemId))
            .Select(e => new ItemSearchEntry { ItemId = e.ItemId, UnitId = e.UnitId, Segmented = e.Segmented, IndexedAt = e.IndexedAt }));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Cuts at a word boundary: an item longer than the column loses its last words from search, not a half word.</summary>
    private static string Cap(string segmented)
    {
        if (segmented.Length <= ItemSearchEntry.SegmentedMaxLength)
        {
            return segmented;
        }

        var end = segmented.LastIndexOf(' ', ItemSearchEntry.SegmentedMaxLength);
        return end <= 0 ? "" : segmented[..end];
    }
}
