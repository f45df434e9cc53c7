using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Responsibility.Data;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Responsibility.Features.Letters;

/// <summary><c>Version</c> is the letter's token as read.</summary>
public sealed record SupersedeLetterCommand(Guid LetterId, Guid Version);

/// <summary>
/// 修订: starts version n+1 as a draft copied from the issued version n. Version n stays in force,
/// with its signatures, until n+1 is issued.
/// </summary>
public sealed class SupersedeLetter(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(Actor actor, SupersedeLetterCommand command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var db = await dbFactory.CreateGuardedAsync(ct);
        var loaded = await LetterAccess.LoadForManagerAsync(db, actor, command.LetterId, "修订责任书", clock, ct);
        if (!loaded.IsSuccess)
        {
            return loaded.Error!;
        }

        var letter = loaded.Value;

        if (letter.Draft is { } draft)
        {
            return Error.Validation("number", $"第 {draft.Number} 版草稿尚未签发：请直接修改该草稿。");
        }

        if (letter.Current is not { } current)
        {
            return Error.Validation("number", "责任书尚无已签发的版本。");
        }

        if (letter.Version != command.Version)
        {
            return Error.StaleEdit("该责任书");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var next = current.NextDraft(now, actor.UserId);
        db.Add(next);
        letter.UpdatedAt = now;
        db.Audit(clock, actor, ResponsibilityAudit.LetterSupersede, "ResponsibilityLetter", letter.Id.ToString(), letter.UnitId,
            detail: $"{letter.Title}：由第 {current.Number} 版修订出第 {next.Number} 版草稿");
        try
        {
            await db.SaveChangesAsync(ct);
            return next.Number;
        }
        catch (DbUpdateException)
        {
            // A stale letter token, or another revision that took number n+1 first.
            return Error.StaleEdit("该责任书");
        }
    }
}
