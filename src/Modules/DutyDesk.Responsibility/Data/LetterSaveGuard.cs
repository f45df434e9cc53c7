using DutyDesk.Platform.Data;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Responsibility.Data;

/// <summary>
/// The last line behind the handlers and the entity: a save that would change the text of an issued
/// or superseded version, remove such a version, or change or remove a signature throws instead of
/// writing. It judges by the state the row had when it was read, so moving a version out of 草稿
/// and editing it in the same save is refused too. Every context of the letters feature has it.
/// </summary>
internal static class LetterSaveGuard
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
        foreach (var entry in db.ChangeTracker.Entries<LetterVersion>())
        {
            if (entry.State is not (EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var stateWhenRead = entry.Property(v => v.State).OriginalValue;
            if (stateWhenRead == LetterVersionState.Draft)
            {
                continue;
            }

            if (entry.State == EntityState.Deleted || LetterVersion.TextProperties.Any(p => entry.Property(p).IsModified))
            {
                throw new InvalidOperationException($"第 {entry.Property(v => v.Number).OriginalValue} 版责任书{stateWhenRead.ToChinese()}，其文本不可修改或删除；如需修改请修订为新版本。");
            }
        }

        if (db.ChangeTracker.Entries<LetterSignature>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("责任书的签名记录不可修改或删除。");
        }
    }
}
