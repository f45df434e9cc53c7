using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Data;

/// <summary>
/// The last line behind the statement handlers: a save that would change a version's text (or anything it was
/// written with), change an approved version at all, or delete a version throws instead of writing. It judges by the
/// state the row had when it was read, so approving and editing in one save is refused too. Every context of the
/// statements feature has it.
/// </summary>
internal static class StatementSaveGuard
{
    public static async Task<AppDbContext> CreateGuardedAsync(this IDbContextFactory<AppDbContext> factory, CancellationToken ct)
    {
        var db = await factory.CreateDbContextAsync(ct);
        db.SavingChanges += (sender, _) => Check((AppDbContext)sender!);
        return db;
    }

    public static void Check(AppDbContext db)
    {
        db.ChangeTracker.DetectChanges();
        foreach (var entry in db.ChangeTracker.Entries<StatementVersion>())
        {
            if (entry.State is not (EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var number = entry.Property(v => v.Number).OriginalValue;
            if (entry.State == EntityState.Deleted)
            {
                throw new InvalidOperationException($"通稿第 {number} 版不可删除。");
            }

            if (entry.Property(v => v.State).OriginalValue == StatementState.Approved)
            {
                throw new InvalidOperationException($"通稿第 {number} 版已审定，不可修改；如需修改请保存为新版本并重新送审。");
            }

            if (StatementVersion.WrittenOnce.Any(p => entry.Property(p).IsModified))
            {
                throw new InvalidOperationException($"通稿第 {number} 版的文本不可修改；修改会保存为新版本。");
            }
        }
    }
}
