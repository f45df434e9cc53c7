namespace DutyDesk.Platform.Outbox;

/// <summary>Delivers one kind of outbox message. Must be idempotent on the message's key.</summary>
public interface IOutboxHandler
{
    string Kind { get; }

    /// <summary>Null when delivered; otherwise why it was deliberately not sent (shown on the 消息投递 page).</summary>
    Task<string?> DeliverAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>A failure that retrying cannot mend (bad address, a 4xx): the message goes straight to dead letters.</summary>
public sealed class PermanentDeliveryException(string message, Exception? inner = null) : Exception(message, inner);
