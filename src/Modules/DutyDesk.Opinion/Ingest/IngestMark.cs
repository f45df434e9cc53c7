using DutyDesk.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Ingest;

/// <summary>
/// A unit's ingest counter: every batch that stores items for the unit raises it, first thing in its transaction.
/// Raising it locks the row until the batch commits, so a unit's batches are stored one after another across
/// nodes (exact dedupe and near-duplicate marking); and a node that finds the counter where it left it knows no
/// other node stored anything for the unit since, so it need not read the recent items back.
/// </summary>
internal sealed class IngestMark
{
    public Guid UnitId { get; set; }

    public long Version { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Raises the unit's counter in the current transaction (creating it at 1) and returns the new value.</summary>
    public static async Task<long> RaiseAsync(AppDbContext db, Guid unitId, DateTime now, CancellationToken ct)
    {
        // One statement that both providers understand (upsert with RETURNING, SQLite ≥ 3.35): no read-then-write
        // race between two nodes creating the row.
        var values = await db.Database.SqlQueryRaw<long>(
                """
                INSERT INTO "op_ingest_marks" ("UnitId", "Version", "UpdatedAt") VALUES ({0}, 1, {1})
                ON CONFLICT ("UnitId") DO UPDATE SET "Version" = "op_ingest_marks"."Version" + 1, "UpdatedAt" = excluded."UpdatedAt"
                RETURNING "Version" AS "Value"
                """,
                unitId, now)
            .ToListAsync(ct);
        return values.Single();
    }
}
