namespace DutyDesk.Platform.Tasks;

/// <summary>
/// The secret in a calendar subscription URL: a person's own deadlines, or — with <see cref="UnitId"/> —
/// one unit's, read with the issuer's scope. It reads those and nothing else, because calendar URLs get
/// pasted into phones and shared mail clients. Stored as SHA-256.
/// </summary>
public sealed class CalendarFeedToken
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    /// <summary>The unit whose deadlines the feed shows; null for the person's own.</summary>
    public Guid? UnitId { get; set; }

    public required string TokenHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}
