using DutyDesk.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Platform.Identity;

/// <summary>
/// Ends server-side sessions. Every node's cookie check and every open circuit looks at the row,
/// so an ended session stops working everywhere, not just in the browser that signed out.
/// </summary>
public static class SessionTerminator
{
    public static async Task EndAllAsync(AppDbContext db, Guid userId, string reason, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var open = await db.Sessions.Where(s => s.UserId == userId && s.EndedAt == null).ToListAsync(ct);
        foreach (var session in open)
        {
            session.EndedAt = now;
            session.EndReason = reason;
        }

        // The account's API tokens end with its sessions: a reset or a disabled account leaves no way in.
        var tokens = await db.ApiTokens.Where(t => t.UserId == userId && t.RevokedAt == null).ToListAsync(ct);
        foreach (var token in tokens)
        {
            token.RevokedAt = now;
        }
    }

    public static async Task<bool> EndAsync(AppDbContext db, Guid sessionId, string reason, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ended = await db.Sessions
            .Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, reason), ct);
        return ended == 1;
    }
}
