using System.Text.Json;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Outbox;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Platform.Notifications;

internal sealed class InAppNotificationHandler(IDbContextFactory<AppDbContext> dbFactory, NotificationHub hub, TimeProvider clock) : IOutboxHandler
{
    public string Kind => OutboxKinds.InApp;

    public async Task<string?> DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<NotificationPayload>(message.Payload)
            ?? throw new PermanentDeliveryException("通知内容无法解析");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Notifications.AnyAsync(n => n.IdempotencyKey == message.IdempotencyKey, ct))
        {
            return null; // delivered before a crash that kept the outbox row from being marked
        }

        db.Notifications.Add(new Notification
        {
            Id = Guid.CreateVersion7(),
            UserId = payload.UserId,
            Title = payload.Title.Length > Notification.TitleMaxLength ? payload.Title[..Notification.TitleMaxLength] : payload.Title,
            Body = payload.Body,
            Link = payload.Link,
            IdempotencyKey = message.IdempotencyKey,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (await AlreadyDeliveredAsync(message.IdempotencyKey, ct))
            {
                return null; // another node delivered it at the same moment
            }

            throw;
        }

        hub.Publish(payload.UserId);
        return null;
    }

    private async Task<bool> AlreadyDeliveredAsync(string key, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.AnyAsync(n => n.IdempotencyKey == key, ct);
    }
}
