using DutyDesk.Platform.Data;
using DutyDesk.Platform.Notifications;
using DutyDesk.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Platform.Features.Notifications;

public sealed record NotificationDto(Guid Id, string Title, string? Body, string? Link, DateTime CreatedAt, bool IsRead);

/// <summary>The bell: a person's own notifications, and marking them read.</summary>
public sealed class NotificationQueries(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<int> UnreadCountAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.CountAsync(n => n.UserId == actor.UserId && n.ReadAt == null, ct);
    }

    public async Task<IReadOnlyList<NotificationDto>> ListAsync(Actor actor, int take = 50, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.AsNoTracking().Where(n => n.UserId == actor.UserId)
            .OrderByDescending(n => n.CreatedAt).Take(Math.Clamp(take, 1, 200))
            .Select(n => new NotificationDto(n.Id, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt != null))
            .ToListAsync(ct);
    }

    public async Task MarkReadAsync(Actor actor, Guid? id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Notifications.Where(n => n.UserId == actor.UserId && n.ReadAt == null);
        if (id is { } one)
        {
            query = query.Where(n => n.Id == one);
        }

        await query.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }
}
