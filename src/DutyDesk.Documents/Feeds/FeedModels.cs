namespace DutyDesk.Documents.Feeds;

/// <summary>One item of a feed (RSS item, Atom entry, JSON Feed item), as plain text.</summary>
/// <param name="Id">guid / atom:id / rdf:about / JSON id; null when the feed gives none.</param>
/// <param name="Title">Plain text; null when the entry has no title element, empty when it is empty.</param>
/// <param name="Link">Absolute when it could be resolved against xml:base or the feed's link, else as written.</param>
/// <param name="Summary">Plain text of description / summary: markup stripped, entities decoded, whitespace collapsed.</param>
/// <param name="Content">Plain text of content:encoded / atom:content / content_html; null when there is none.</param>
/// <param name="Published">pubDate / published / issued / dc:date; a time without a zone is taken as the parser's default offset.</param>
/// <param name="Updated">updated / modified / dcterms:modified.</param>
/// <param name="Author">author name / dc:creator; an Atom entry without one takes the feed's.</param>
/// <param name="Categories">category / dc:subject / tags, each once.</param>
public sealed record FeedEntry(
    string? Id,
    string? Title,
    string? Link,
    string? Summary,
    string? Content,
    DateTimeOffset? Published,
    DateTimeOffset? Updated,
    string? Author,
    IReadOnlyList<string> Categories);

/// <summary>A parsed feed.</summary>
/// <param name="Format">"RSS 2.0", "RSS 0.91", "RSS 1.0", "RSS 0.90", "Atom 1.0", "Atom 0.3", "CDF", "JSON Feed 1.1" …</param>
/// <param name="Title">The feed's title as plain text.</param>
/// <param name="Link">The site the feed belongs to, when it is an absolute address.</param>
/// <param name="Encoding">The name of the character encoding the body was actually decoded with.</param>
/// <param name="IsBestEffort">True when the body was not well-formed and was read by the forgiving path.</param>
/// <param name="Warnings">What was wrong but was worked around, in Chinese.</param>
/// <param name="Entries">In document order, at most <see cref="FeedParserOptions.MaxEntries"/>.</param>
public sealed record ParsedFeed(
    string Format,
    string? Title,
    string? Link,
    string Encoding,
    bool IsBestEffort,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<FeedEntry> Entries);

/// <summary>Either a feed or the reason, in Chinese, why the body is not one.</summary>
public sealed record FeedParseResult(ParsedFeed? Feed, string? Problem)
{
    public bool IsSuccess => Feed is not null;

    internal static FeedParseResult Fail(string problem) => new(null, problem);
}

/// <summary>Limits and defaults of <see cref="FeedParser"/>.</summary>
public sealed record FeedParserOptions
{
    public static readonly FeedParserOptions Default = new();

    /// <summary>Largest body accepted, after gzip is undone. A busy news feed is well under 2 MB.</summary>
    public long MaxBytes { get; init; } = 20L * 1024 * 1024;

    /// <summary>Entries beyond this many are dropped (with a warning), so one huge feed cannot flood ingest.</summary>
    public int MaxEntries { get; init; } = 10_000;

    /// <summary>The offset assumed for a time written without a zone: the sites this product watches are in China.</summary>
    public TimeSpan DefaultOffset { get; init; } = TimeSpan.FromHours(8);
}
