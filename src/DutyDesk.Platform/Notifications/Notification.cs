namespace DutyDesk.Platform.Notifications;

/// <summary>An in-app notification shown under the bell.</summary>
public sealed class Notification
{
    public const int TitleMaxLength = 200;

    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public required string Title { get; set; }

    public string? Body { get; set; }

    public string? Link { get; set; }

    /// <summary>The outbox message's key; unique, so a redelivered message does not notify twice.</summary>
    public required string IdempotencyKey { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }
}
