using DutyDesk.Platform.Data;

namespace DutyDesk.Opinion.Domain;

/// <summary>
/// An item's words as the search index holds them: its folded title and text cut by jieba (search mode) and joined
/// by spaces. Written by the indexer after the item is stored, never in the ingest transaction, so search may trail
/// ingest; an item without an entry is one the indexer has not reached yet.
/// </summary>
internal sealed class ItemSearchEntry
{
    /// <summary>Room for a full-length item's words and the shorter words search mode adds inside them.</summary>
    public const int SegmentedMaxLength = 100_000;

    /// <summary>The full-text structures over <see cref="Segmented"/> (FTS5 table / tsvector column), made by the migration.</summary>
    public static readonly FullTextIndex Index = new("op_item_search", nameof(ItemId), nameof(Segmented));

    public Guid ItemId { get; set; }

    public Guid UnitId { get; set; }

    public string Segmented { get; set; } = "";

    public DateTime IndexedAt { get; set; }
}
