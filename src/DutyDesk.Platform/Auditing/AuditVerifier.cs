using DutyDesk.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Platform.Auditing;

public sealed record AuditVerification(bool Intact, long RowCount, long? FirstBadSequence, string? Problem, AuditCheckpoint? Head = null)
{
    public string Describe() => Intact
        ? $"intact: {RowCount} rows, hash chain verified; head {Head}"
        : $"BROKEN at row {FirstBadSequence}: {Problem} ({RowCount} rows read)";
}

/// <summary>
/// A row's sequence and hash, kept outside the database (monitoring history, syslog). The chain alone
/// cannot show that its newest rows were deleted or that it was recomputed by someone with write access
/// to the database; a checkpoint recorded earlier can.
/// </summary>
public sealed record AuditCheckpoint(long Sequence, string Hash)
{
    public override string ToString() => $"{Sequence}:{Hash}";

    public static AuditCheckpoint? Parse(string? text)
    {
        var parts = text?.Split(':', 2);
        return parts is [var sequence, var hash] && long.TryParse(sequence, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 && hash.Length == 64
            ? new AuditCheckpoint(n, hash.ToLowerInvariant())
            : null;
    }
}

/// <summary>Walks the whole chain in order and names the first row that does not fit.</summary>
public sealed class AuditVerifier(IDbContextFactory<AppDbContext> dbFactory)
{
    private const int PageSize = 2000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default) => await VerifyAsync(null, ct);

    /// <summary>Walks the chain; with a checkpoint, also proves the row recorded then is still there, unchanged.</summary>
    public async Task<AuditVerification> VerifyAsync(AuditCheckpoint? expected, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        long count = 0;
        long expectedSequence = 1;
        var previousHash = AuditEntry.GenesisHash;
        long after = 0;
        while (true)
        {
            var page = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Sequence > after)
                .OrderBy(a => a.Sequence)
                .Take(PageSize)
                .ToListAsync(ct);
            if (page.Count == 0)
            {
                if (expected is not null && expected.Sequence >= expectedSequence)
                {
                    return new AuditVerification(false, count, expected.Sequence,
                        $"the chain ends at row {expectedSequence - 1}, but row {expected.Sequence} was recorded earlier (rows deleted from the end)");
                }

                return new AuditVerification(true, count, null, null, count == 0 ? null : new AuditCheckpoint(expectedSequence - 1, previousHash));
            }

            foreach (var row in page)
            {
                count++;
                if (row.Sequence != expectedSequence)
                {
                    return new AuditVerification(false, count, expectedSequence, $"row {expectedSequence} is missing (next row found is {row.Sequence})");
                }

                if (!string.Equals(row.PreviousHash, previousHash, StringComparison.Ordinal))
                {
                    return new AuditVerification(false, count, row.Sequence, "its previous-hash does not match the row before it");
                }

                if (!string.Equals(row.ComputeHash(), row.Hash, StringComparison.Ordinal))
                {
                    return new AuditVerification(false, count, row.Sequence, "its content does not match its hash (the row was edited)");
                }

                if (expected is not null && row.Sequence == expected.Sequence && !string.Equals(row.Hash, expected.Hash, StringComparison.Ordinal))
                {
                    return new AuditVerification(false, count, row.Sequence, "its hash differs from the checkpoint recorded earlier (the chain was rewritten)");
                }

                previousHash = row.Hash;
                expectedSequence++;
                after = row.Sequence;
            }
        }
    }
}
