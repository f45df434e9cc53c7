using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Data;
using DutyDesk.Text;
using DutyDesk.Text.Segmentation;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Search;

/// <summary>Search of items by words through the full-text index (see <see cref="ItemIndexer"/>).</summary>
internal static class ItemSearch
{
    /// <summary>Longest query a person may type (characters).</summary>
    public const int QueryMaxLength = 200;

    /// <summary>Most words a query is cut into; the rest are ignored.</summary>
    public const int MaxTerms = 20;

    /// <summary>The words every result must contain, cut as the index cut the items.</summary>
    // Folded like the indexed text (Traditional → Simplified, width, case), so 學校 finds 学校.
    public static IReadOnlyList<string> Terms(string? query) => SearchSegmenter.QueryTerms(TextNormalizer.Fold(query)).Take(MaxTerms).ToList();

    /// <summary>Ids of the indexed items that contain every term (all units: compose with the caller's scope).</summary>
    public static IQueryable<Guid> Matching(AppDbContext db, IReadOnlyList<string> terms) => FullTextSearch.MatchingKeys(db, ItemSearchEntry.Index, terms);

    /// <summary>Items the indexer has not reached yet.</summary>
    public static IQueryable<Item> Unindexed(AppDbContext db) => db.Set<Item>().Where(i => !db.Set<ItemSearchEntry>().Any(s => s.ItemId == i.Id));

    /// <summary>How far search trails ingest for a unit: its items that no search can find yet.</summary>
    public static Task<int> PendingAsync(AppDbContext db, Guid unitId, CancellationToken ct)
        => Unindexed(db).CountAsync(i => i.UnitId == unitId, ct);
}
