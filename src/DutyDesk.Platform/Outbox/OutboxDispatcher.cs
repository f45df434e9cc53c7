using DutyDesk.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DutyDesk.Platform.Outbox;

/// <summary>
/// Claims due outbox messages with a lease (so two nodes never deliver the same one at once),
/// delivers them, and marks them delivered. A node that dies mid-delivery leaves a claim that
/// expires, and the message is delivered again: at least once, deduplicated by its key.
/// </summary>
public sealed class OutboxDispatcher(
    IDbContextFactory<AppDbContext> dbFactory,
    IEnumerable<IOutboxHandler> handlers,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger)
{
    private readonly Dictionary<string, IOutboxHandler> byKind = handlers.ToDictionary(h => h.Kind);
    private readonly OutboxOptions options = options.Value;

    /// <summary>Delivers what is due now; returns how many messages it handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        // One message claimed at a time, so a slow receiver never lets the lease of a waiting message run out.
        var handled = 0;
        while (handled < options.BatchSize && await ClaimNextAsync(ct) is { } message)
        {
            await DeliverAsync(message, ct);
            handled++;
        }

        return handled;
    }

    private async Task<OutboxMessage?> ClaimNextAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await db.Outbox.AsNoTracking()
            .Where(m => m.DeliveredAt == null && m.DeadAt == null && m.AvailableAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.AvailableAt)
            .Select(m => m.Id)
            .Take(5)
            .ToListAsync(ct);
        var until = now + options.Lease;
        foreach (var id in candidates)
        {
            // The conditional update is the claim: only one node's update matches the row.
            var won = await db.Outbox
                .Where(m => m.Id == id && m.DeliveredAt == null && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedBy, options.NodeName).SetProperty(m => m.LockedUntil, until), ct);
            if (won == 1)
            {
                return await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id, ct);
            }
        }

        return null;
    }

    private async Task DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        string? error = null;
        string? skipped = null;
        var permanent = false;
        if (!byKind.TryGetValue(message.Kind, out var handler))
        {
            error = $"没有处理“{message.Kind}”的投递程序";
            permanent = true;
        }
        else
        {
            try
            {
                skipped = await handler.DeliverAsync(message, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (PermanentDeliveryException ex)
            {
                error = ex.Message;
                permanent = true;
            }
#pragma warning disable CA1031 // Any failure of a receiver is recorded and retried; the loop must go on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                error = ex.Message;
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var attempts = message.Attempts + 1;
        if (error is null)
        {
            await Mine(db, message).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.DeliveredAt, now)
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LockedUntil, (DateTime?)null)
                .SetProperty(m => m.LastError, skipped), ct);
            return;
        }

        var dead = permanent || attempts >= options.MaxAttempts;
        logger.LogWarning("Outbox message {Id} ({Kind}) attempt {Attempt} failed; dead: {Dead}", message.Id, message.Kind, attempts, dead);
        var retryAt = now + Backoff.Delay(options.FirstRetryDelay, attempts);
        var text = error.Length > 2000 ? error[..2000] : error;
        await Mine(db, message).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.LastError, text)
            .SetProperty(m => m.AvailableAt, retryAt)
            .SetProperty(m => m.LockedUntil, (DateTime?)null)
            .SetProperty(m => m.DeadAt, dead ? now : null), ct);
    }

    /// <summary>The message as this node claimed it: if the lease ran out and another node took it over, the other node's claim stands.</summary>
    private IQueryable<OutboxMessage> Mine(AppDbContext db, OutboxMessage message)
        => db.Outbox.Where(m => m.Id == message.Id && m.LockedBy == options.NodeName && m.LockedUntil == message.LockedUntil);
}

/// <summary>Exponential back-off: first, 2×, 4× … capped at one hour.</summary>
public static class Backoff
{
    public static TimeSpan Delay(TimeSpan first, int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(first.Ticks * factor, TimeSpan.FromHours(1).Ticks));
        return delay;
    }
}
