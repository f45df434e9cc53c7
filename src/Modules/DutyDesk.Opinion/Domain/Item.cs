using DutyDesk.Text.Sentiment;

namespace DutyDesk.Opinion.Domain;

/// <summary>
/// One collected post or article (舆情信息). The original text is kept as found; <see cref="Folded"/> is what
/// matching and search use. <see cref="DedupeKey"/> is unique per unit: the ingest pipeline's idempotence rests on it.
/// No author is stored: DutyDesk follows what is said about the unit, not who says it.
/// </summary>
internal sealed class Item
{
    public const int TitleMaxLength = 500;
    public const int TextMaxLength = 20_000;
    public const int UrlMaxLength = 2000;
    public const int SiteMaxLength = 200;
    public const int KeyMaxLength = 300;

    public Guid Id { get; set; }

    public Guid UnitId { get; set; }

    public Guid SourceId { get; set; }

    /// <summary>"id:{source}:{external id}", else "url:{canonical url}", else "hash:{sha-256 of the folded text}".</summary>
    public required string DedupeKey { get; set; }

    public string Title { get; set; } = "";

    public string Text { get; set; } = "";

    /// <summary>Title and text normalised (NFKC, width, case, Traditional → Simplified): what schemes match.</summary>
    public string Folded { get; set; } = "";

    public string Url { get; set; } = "";

    /// <summary>Host of the URL or the site named by the source ("weibo.com", "某论坛").</summary>
    public string Site { get; set; } = "";

    /// <summary>Where an information officer saw it (manual reports).</summary>
    public string? SeenWhere { get; set; }

    public Guid? ScreenshotFileId { get; set; }

    public Guid? ReportedById { get; set; }

    public DateTime? PublishedAt { get; set; }

    public DateTime CollectedAt { get; set; }

    /// <summary>When it appeared: the published time when known and not in the future, else when collected.</summary>
    public DateTime PostedAt { get; set; }

    public long Reads { get; set; }

    public long Comments { get; set; }

    public long Reposts { get; set; }

    public SentimentLabel Sentiment { get; set; }

    public double SentimentScore { get; set; }

    /// <summary>The words that decided the sentiment, "、"-separated.</summary>
    public string SentimentWords { get; set; } = "";

    /// <summary>Set when an officer corrected the sentiment; the correction is kept for retraining.</summary>
    public SentimentLabel? CorrectedSentiment { get; set; }

    public Guid? CorrectedById { get; set; }

    public DateTime? CorrectedAt { get; set; }

    public long SimHash { get; set; }

    /// <summary>The first item of its near-duplicate group; null when it is itself a first.</summary>
    public Guid? DuplicateOfId { get; set; }

    public double DuplicateSimilarity { get; set; }

    public Guid? EventId { get; set; }

    public SentimentLabel EffectiveSentiment => CorrectedSentiment ?? Sentiment;
}

/// <summary>An item matched a scheme, with the words that made it match (for highlighting and filters).</summary>
internal sealed class ItemMatch
{
    public Guid ItemId { get; set; }

    public Guid SchemeId { get; set; }

    public Guid UnitId { get; set; }

    public DateTime CollectedAt { get; set; }

    /// <summary>Matched words, "、"-separated.</summary>
    public string Words { get; set; } = "";
}
