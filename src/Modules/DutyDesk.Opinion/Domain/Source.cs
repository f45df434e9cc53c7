namespace DutyDesk.Opinion.Domain;

/// <summary>Where items come from.</summary>
public enum SourceKind
{
    /// <summary>An RSS or Atom feed, polled with conditional GET.</summary>
    Feed,

    /// <summary>A JSON document over HTTP, polled; fields mapped in the source's settings.</summary>
    JsonPull,

    /// <summary>A monitoring vendor pushes batches to our endpoint, signed with the source's secret.</summary>
    Push,

    /// <summary>Files (CSV, XLSX, JSON) uploaded by a person.</summary>
    FileImport,

    /// <summary>Items reported by information officers by hand.</summary>
    Manual,
}

/// <summary>
/// A source of items (信息源) of a unit, with what polling needs (conditional-GET validators, back-off) and its
/// health as shown to people: last success, last error in plain words.
/// </summary>
internal sealed class Source
{
    public const int NameMaxLength = 60;
    public const int UrlMaxLength = 2000;
    public const int ErrorMaxLength = 500;

    public Guid Id { get; set; }

    public Guid UnitId { get; set; }

    public required string Name { get; set; }

    public SourceKind Kind { get; set; }

    /// <summary>Feed or JSON address; empty for push, file and manual sources.</summary>
    public string Url { get; set; } = "";

    /// <summary>JSON field mapping of a JSON pull source (<see cref="JsonFieldMap"/>), as JSON.</summary>
    public string Settings { get; set; } = "";

    public int PollMinutes { get; set; } = 15;

    public bool Active { get; set; } = true;

    /// <summary>The push secret the vendor signs batches with (HMAC-SHA256); shown once when issued, never again.</summary>
    public string? PushSecret { get; set; }

    public string? ETag { get; set; }

    public string? LastModified { get; set; }

    public DateTime? NextPollAt { get; set; }

    public DateTime? LastAttemptAt { get; set; }

    public DateTime? LastSuccessAt { get; set; }

    public DateTime? LastErrorAt { get; set; }

    public string? LastError { get; set; }

    public int ConsecutiveFailures { get; set; }

    /// <summary>Taken by a node while it polls the source, so two nodes do not poll it at once.</summary>
    public DateTime? LeaseUntil { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid Version { get; set; }
}
