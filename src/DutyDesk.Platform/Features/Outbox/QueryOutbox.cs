using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Platform.Features.Outbox;

public enum OutboxState
{
    Pending,
    Delivered,
    Dead,
}

public sealed record OutboxRow(Guid Id, string Kind, string IdempotencyKey, DateTime CreatedAt, int Attempts, DateTime? DeliveredAt, DateTime? DeadAt, DateTime AvailableAt, string? LastError);

/// <summary>
/// What the outbox delivered, is still trying, or gave up on (dead letters), for the system
/// administrator; a dead letter can be sent again once its cause is fixed.
/// </summary>
public sealed class QueryOutbox(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Result<IReadOnlyList<OutboxRow>>> ListAsync(Actor actor, OutboxState state, CancellationToken ct = default)
    {
        // Messages are not tied to units: only the installation's own system administrator sees them.
        if (!actor.HoldsAtTop(Role.SystemAdmin))
        {
            return Error.Forbidden("只有顶级单位的系统管理员可以查看消息投递情况。");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = state switch
        {
            OutboxState.Delivered => db.Outbox.Where(m => m.DeliveredAt != null),
            OutboxState.Dead => db.Outbox.Where(m => m.DeadAt != null),
            _ => db.Outbox.Where(m => m.DeliveredAt == null && m.DeadAt == null),
        };
        var rows = await query.AsNoTracking().OrderByDescending(m => m.CreatedAt).Take(200)
            .Select(m => new OutboxRow(m.Id, m.Kind, m.IdempotencyKey, m.CreatedAt, m.Attempts, m.DeliveredAt, m.DeadAt, m.AvailableAt, m.LastError))
            .ToListAsync(ct);
        return rows;
    }

    public async Task<Result<Done>> RetryAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!actor.HoldsAtTop(Role.SystemAdmin))
        {
            await db.AuditDeniedAsync(clock, actor, "重发消息", "OutboxMessage", id.ToString(), ct);
            return Error.Forbidden("只有系统管理员可以重发消息。");
        }

        var message = await db.Outbox.FirstOrDefaultAsync(m => m.Id == id && m.DeadAt != null, ct);
        if (message is null)
        {
            return Error.NotFound("失败消息");
        }

        message.DeadAt = null;
        message.Attempts = 0;
        message.AvailableAt = clock.GetUtcNow().UtcDateTime;
        db.Audit(clock, actor, "outbox.retry", "OutboxMessage", id.ToString(), detail: message.Kind);
        await db.SaveChangesAsync(ct);
        return Done.Value;
    }
}
