using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Responsibility.Data;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Responsibility.Features.Letters;

/// <summary><c>Version</c> is the letter's token as read.</summary>
public sealed record ChangeLetterSignersCommand(Guid LetterId, IReadOnlyList<SignerInput> Signers, Guid Version);

/// <summary>
/// Changes who the letter is issued to, and their posts, while a draft is open (before the first
/// issue, or during a revision, when people have usually changed posts). The list belongs to the
/// letter: from now on it says who signs the version in force too. Signatures already given stay,
/// with the name and post they were given with.
/// </summary>
public sealed class ChangeLetterSigners(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Result<Done>> HandleAsync(Actor actor, ChangeLetterSignersCommand command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var db = await dbFactory.CreateGuardedAsync(ct);
        var loaded = await LetterAccess.LoadForManagerAsync(db, actor, command.LetterId, "调整责任书签署人", clock, ct);
        if (!loaded.IsSuccess)
        {
            return loaded.Error!;
        }

        var letter = loaded.Value;

        if (letter.Draft is null)
        {
            return Error.Validation("signers", "签署人只能在草稿阶段调整：请先“修订”生成新版本草稿。");
        }

        if (letter.Version != command.Version)
        {
            return Error.StaleEdit("该责任书");
        }

        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == letter.UnitId, ct);
        var resolved = await LetterAccess.ResolveSignersAsync(db, unit, letter.Id, command.Signers, ct);
        if (!resolved.IsSuccess)
        {
            return resolved.Error!;
        }

        // Rows are kept per person (unique per letter), so a person who stays keeps their row.
        var wanted = resolved.Value.ToDictionary(s => s.UserId);
        foreach (var gone in letter.Signers.Where(s => !wanted.ContainsKey(s.UserId)).ToList())
        {
            letter.Signers.Remove(gone);
            db.Remove(gone);
        }

        foreach (var row in resolved.Value)
        {
            if (letter.Signers.FirstOrDefault(s => s.UserId == row.UserId) is { } kept)
            {
                kept.Post = row.Post;
                kept.SortOrder = row.SortOrder;
            }
            else
            {
                letter.Signers.Add(row);
                db.Add(row);
            }
        }

        letter.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        // The draft changes with its signers: whoever loaded it before cannot issue it to a list they have not seen.
        db.Entry(letter.Draft).Property(v => v.EditedAt).IsModified = true;
        db.Audit(clock, actor, ResponsibilityAudit.LetterSigners, "ResponsibilityLetter", letter.Id.ToString(), letter.UnitId,
            detail: $"{letter.Title}：签署人 {resolved.Value.Count} 人");
        try
        {
            await db.SaveChangesAsync(ct);
            return Done.Value;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleEdit("该责任书");
        }
    }
}
