using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Responsibility.Data;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Responsibility.Features.Letters;

/// <summary><c>Version</c> is the draft's token as read; an edit made meanwhile by someone else refuses this one.</summary>
public sealed record EditLetterDraftCommand(Guid LetterId, int Number, LetterContent Content, Guid Version);

/// <summary>Edits the text of a draft version. An issued version is never edited: it is revised into a new draft.</summary>
public sealed class EditLetterDraft(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Result<Done>> HandleAsync(Actor actor, EditLetterDraftCommand command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (LetterValidation.Content(command.Content) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateGuardedAsync(ct);
        var loaded = await LetterAccess.LoadForManagerAsync(db, actor, command.LetterId, "修改责任书草稿", clock, ct);
        if (!loaded.IsSuccess)
        {
            return loaded.Error!;
        }

        var letter = loaded.Value;

        var version = letter.Versions.FirstOrDefault(v => v.Number == command.Number);
        if (version is null)
        {
            return Error.NotFound("责任书版本");
        }

        if (version.State != LetterVersionState.Draft)
        {
            return Error.Validation("number", $"第 {version.Number} 版{version.State.ToChinese()}，签发后的文本不能修改；如需修改，请“修订”生成新版本。");
        }

        if (version.Version != command.Version)
        {
            return Error.StaleEdit("该草稿");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var content = command.Content.Normalised();
        version.ReviseDraft(content, now, actor.UserId);
        letter.Title = content.Title;
        letter.UpdatedAt = now;
        db.Audit(clock, actor, ResponsibilityAudit.LetterEdit, "ResponsibilityLetter", letter.Id.ToString(), letter.UnitId, detail: $"{letter.Title}：修改第 {version.Number} 版草稿");
        try
        {
            await db.SaveChangesAsync(ct);
            return Done.Value;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleEdit("该草稿");
        }
    }
}
