using System.Text.Json;
using DutyDesk.Platform.Data;

namespace DutyDesk.Platform.Outbox;

/// <summary>What a notification says and to whom; the payload of both in-app and e-mail delivery.</summary>
public sealed record NotificationPayload(Guid UserId, string Title, string? Body, string? Link);

public static class OutboxKinds
{
    public const string InApp = "notify.in-app";
    public const string Email = "notify.email";
}

/// <summary>Stages side effects on the same DbContext as the change, so both commit or neither.</summary>
public static class OutboxWriter
{
    /// <summary>Stages one message; <paramref name="availableAt"/> holds it back until then (a person's quiet hours).</summary>
    public static void Enqueue<T>(this AppDbContext db, TimeProvider clock, string kind, string idempotencyKey, T payload, DateTime? availableAt = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Outbox.Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            Kind = kind,
            IdempotencyKey = idempotencyKey,
            Payload = JsonSerializer.Serialize(payload),
            CreatedAt = now,
            AvailableAt = availableAt is { } later && later > now ? later : now,
        });
    }

    /// <summary>Notifies a person in the app and, when they have an address, by e-mail.</summary>
    public static void Notify(this AppDbContext db, TimeProvider clock, string idempotencyKey, NotificationPayload payload, bool email = true)
    {
        db.Enqueue(clock, OutboxKinds.InApp, idempotencyKey + ":app", payload);
        if (email)
        {
            db.Enqueue(clock, OutboxKinds.Email, idempotencyKey + ":mail", payload);
        }
    }
}
