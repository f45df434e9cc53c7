using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Platform.Data;

/// <summary>
/// Named locks held until the current transaction ends, across every node: for a check-then-write that no index can
/// back (a person's shifts must not overlap), take the lock, check, write, commit.
/// </summary>
public static class DbLocks
{
    /// <summary>
    /// Takes the lock named <paramref name="name"/> inside the current transaction (one must be open); it is released on
    /// commit or rollback. PostgreSQL: a transaction-scoped advisory lock. SQLite: EF begins transactions with
    /// BEGIN IMMEDIATE, which already admits one writer to the file, so there is nothing more to take.
    /// </summary>
    public static Task LockAsync(this AppDbContext db, string name, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return LockAsync(db, KeyOf(name), ct);
    }

    internal static async Task LockAsync(AppDbContext db, long key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A database lock is held for a transaction: begin one first.");
        }

        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", ct);
        }
    }

    /// <summary>The same 64-bit key for a name on every node and every run.</summary>
    internal static long KeyOf(string name) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0);
}
