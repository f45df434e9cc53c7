using DutyDesk.Platform.Data;
using DutyDesk.Platform.Scope;

namespace DutyDesk.Platform.Auditing;

/// <summary>Stages audit rows on a DbContext; they are chained and written with the change they describe.</summary>
public static class AuditTrail
{
    public static AuditEntry Audit(this AppDbContext db, TimeProvider clock, Actor? actor, string action,
        string? objectType = null, string? objectId = null, Guid? unitId = null,
        AuditOutcome outcome = AuditOutcome.Success, string? detail = null)
    {
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = actor?.UserId,
            UserName = actor?.UserName,
            ClientIp = actor?.ClientIp,
            Action = action,
            ObjectType = objectType,
            ObjectId = objectId,
            UnitId = unitId ?? actor?.HomeUnitId,
            Outcome = outcome,
            Detail = Truncate(detail, 2000),
        };
        return Stage(db, entry);
    }

    /// <summary>
    /// Tracks the entry under a provisional negative key, unique among those staged: several rows can wait
    /// for one save, and the save gives them their places in the chain.
    /// </summary>
    private static AuditEntry Stage(AppDbContext db, AuditEntry entry)
    {
        entry.Sequence = -1 - db.ChangeTracker.Entries<AuditEntry>().Count(e => e.Entity.Sequence < 0);
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>Records a denied attempt in its own write, so it survives the refused change.</summary>
    public static async Task AuditDeniedAsync(this AppDbContext db, TimeProvider clock, Actor actor, string attempted,
        string? objectType, string? objectId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        db.Audit(clock, actor, AuditActions.AccessDenied, objectType, objectId, outcome: AuditOutcome.Denied, detail: attempted);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>For sign-in events, where there is no actor yet: who it claimed to be, and from where.</summary>
    public static AuditEntry AuditSignIn(this AppDbContext db, TimeProvider clock, string action, Guid? userId, string? userName,
        Guid? unitId, string? clientIp, AuditOutcome outcome, string? detail = null)
    {
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = userId,
            UserName = Truncate(userName, 100),
            ClientIp = clientIp,
            Action = action,
            ObjectType = "User",
            ObjectId = userId?.ToString(),
            UnitId = unitId,
            Outcome = outcome,
            Detail = Truncate(detail, 2000),
        };
        return Stage(db, entry);
    }

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
