namespace DutyDesk.Platform.Tasks;

/// <summary>
/// The secret in a person's calendar subscription URL. It reads their deadlines and nothing else,
/// because calendar URLs get pasted into phones and shared mail clients. Stored as SHA-256.
/// </summary>
public sealed class CalendarFeedToken
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public required string TokenHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}
