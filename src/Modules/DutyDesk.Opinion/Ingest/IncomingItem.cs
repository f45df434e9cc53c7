namespace DutyDesk.Opinion.Ingest;

/// <summary>
/// A post as a source delivers it, before the pipeline: any field may be missing except some text. Counts are
/// the source's figures at collection time.
/// </summary>
public sealed record IncomingItem(
    string? ExternalId,
    string? Url,
    string? Title,
    string? Text,
    DateTimeOffset? PublishedAt = null,
    string? Site = null,
    long Reads = 0,
    long Comments = 0,
    long Reposts = 0)
{
    /// <summary>Where an information officer saw it (manual reports only).</summary>
    public string? SeenWhere { get; init; }

    public Guid? ScreenshotFileId { get; init; }

    public Guid? ReportedById { get; init; }
}

/// <summary>What a batch did: new items, items already stored, items refused with the reason.</summary>
public sealed record IngestOutcome(int Added, int Duplicates, int Matched, IReadOnlyList<IngestRejection> Rejected, IReadOnlyList<Guid> AddedIds);

/// <summary>An item of a batch that was not stored: its position in the batch (from 1) and why, in Chinese.</summary>
public sealed record IngestRejection(int Position, string Reason);
