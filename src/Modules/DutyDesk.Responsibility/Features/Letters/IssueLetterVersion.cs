using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Outbox;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Responsibility.Data;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Responsibility.Features.Letters;

public sealed record IssueLetterVersionCommand(Guid LetterId, int Number, Guid Version);

/// <summary>
/// 签发: freezes a draft's text and asks each signer to sign it. The version it revises becomes
/// 已被替代 and keeps its text and signatures.
/// </summary>
public sealed class IssueLetterVersion(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Result<Done>> HandleAsync(Actor actor, IssueLetterVersionCommand command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var db = await dbFactory.CreateGuardedAsync(ct);
        var loaded = await LetterAccess.LoadForManagerAsync(db, actor, command.LetterId, "签发责任书", clock, ct);
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
            return Error.Validation("number", $"第 {version.Number} 版{version.State.ToChinese()}，不能再签发。");
        }

        if (version.Version != command.Version)
        {
            return Error.StaleEdit("该草稿");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var previous = letter.Current;
        previous?.MarkSuperseded(now);
        version.Issue(now, actor.UserId);
        letter.UpdatedAt = now;
        db.Audit(clock, actor, ResponsibilityAudit.LetterIssue, "ResponsibilityLetter", letter.Id.ToString(), letter.UnitId,
            detail: $"{letter.Title}：签发第 {version.Number} 版" + (previous is null ? "" : $"，第 {previous.Number} 版已被替代"));
        foreach (var signer in letter.Signers)
        {
            db.Notify(clock, $"letter:{version.Id:N}:sign:{signer.UserId:N}",
                new NotificationPayload(signer.UserId, $"请签署：{letter.Title}", $"第 {version.Number} 版已签发，请以“{signer.Post}”身份阅读并签署。", $"/responsibility/letters/{letter.Id}"));
        }

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
