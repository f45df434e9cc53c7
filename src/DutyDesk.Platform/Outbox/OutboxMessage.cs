namespace DutyDesk.Platform.Outbox;

/// <summary>
/// A side effect (notification, mail, webhook) written in the same transaction as the change
/// that causes it, then delivered at least once by whichever node claims it first.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    /// <summary>Which handler delivers it, e.g. "notify.in-app" or "notify.email".</summary>
    public required string Kind { get; set; }

    /// <summary>Unique: writing the same effect twice is a no-op, and receivers dedupe on it.</summary>
    public required string IdempotencyKey { get; set; }

    public required string Payload { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime AvailableAt { get; set; }

    public int Attempts { get; set; }

    public string? LockedBy { get; set; }

    public DateTime? LockedUntil { get; set; }

    public DateTime? DeliveredAt { get; set; }

    public DateTime? DeadAt { get; set; }

    public string? LastError { get; set; }
}
