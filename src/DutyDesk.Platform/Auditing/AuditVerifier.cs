using DutyDesk.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Platform.Auditing;

public sealed record AuditVerification(bool Intact, long RowCount, long? FirstBadSequence, string? Problem)
{
    public string Describe() => Intact
        ? $"intact: {RowCount} rows, hash chain verified"
        : $"BROKEN at row {FirstBadSequence}: {Problem} ({RowCount} rows read)";
}

/// <summary>Walks the whole chain in order and names the first row that does not fit.</summary>
public sealed class AuditVerifier(IDbContextFactory<AppDbContext> dbFactory)
{
    private const int PageSize = 2000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
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
                return new AuditVerification(true, count, null, null);
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

                previousHash = row.Hash;
                expectedSequence++;
                after = row.Sequence;
            }
        }
    }
}
