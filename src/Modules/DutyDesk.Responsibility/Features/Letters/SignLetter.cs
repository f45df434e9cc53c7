using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Responsibility.Data;
using DutyDesk.Responsibility.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DutyDesk.Responsibility.Features.Letters;

/// <summary>The signer names the version they read, so that a version issued meanwhile is never signed unseen.</summary>
public sealed record SignLetterCommand(Guid LetterId, int Number, string Password);

/// <summary>Exactly what the actor would sign: their copy's text and its SHA-256.</summary>
public sealed record SigningPreview(Guid LetterId, int Number, string Post, string SignerName, string Text, string Sha256);

public sealed record SignatureReceipt(Guid SignatureId, int Number, DateTime SignedAt, string Sha256);

/// <summary>
/// A listed signer signs the issued version by entering their password again. The signature keeps
/// the SHA-256 of the signer's copy (<see cref="LetterText.RenderFor"/>); wrong passwords count
/// towards the account's lockout exactly as failed sign-ins do.
/// </summary>
public sealed class SignLetter(IDbContextFactory<AppDbContext> dbFactory, IServiceScopeFactory scopes, TimeProvider clock, IOptions<SecurityOptions> security)
{
    public const string WrongPassword = "密码不正确";

    public async Task<Result<SigningPreview>> PreviewAsync(Actor actor, Guid letterId, int number, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var letter = await LetterAccess.LoadAsync(db, actor, letterId, ct);
        if (letter is null)
        {
            return Error.NotFound("责任书");
        }

        var (version, signer, problem) = await SignableAsync(db, actor, letter, number, ct);
        if (problem is not null)
        {
            return problem;
        }

        var text = LetterText.RenderFor(version!.Content, signer!.Post, actor.DisplayName);
        return new SigningPreview(letter.Id, version.Number, signer.Post, actor.DisplayName, text, SignatureCheck.Hash(text));
    }

    public async Task<Result<SignatureReceipt>> HandleAsync(Actor actor, SignLetterCommand command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrEmpty(command.Password))
        {
            return Error.Validation("password", "请输入“密码”以确认签署。");
        }

        if (command.Password.Length > 128)
        {
            return Error.Validation("password", WrongPassword);
        }

        await using var db = await dbFactory.CreateGuardedAsync(ct);
        var letter = await LetterAccess.LoadAsync(db, actor, command.LetterId, ct);
        if (letter is null)
        {
            return Error.NotFound("责任书");
        }

        var (version, signer, problem) = await SignableAsync(db, actor, letter, command.Number, ct);
        if (problem is not null)
        {
            if (problem.Kind == ErrorKind.Forbidden)
            {
                await db.AuditDeniedAsync(clock, actor, $"签署责任书第 {command.Number} 版（非签署人）", "ResponsibilityLetter", letter.Id.ToString(), ct);
            }

            return problem;
        }

        if (await CheckPasswordAsync(actor, command.Password) is { } refused)
        {
            db.ChangeTracker.Clear();
            db.Audit(clock, actor, ResponsibilityAudit.LetterSign, "ResponsibilityLetter", letter.Id.ToString(), letter.UnitId, AuditOutcome.Failure,
                detail: $"{letter.Title}：第 {version!.Number} 版签署失败（{refused.Reason}）");
            await db.SaveChangesAsync(ct);
            return Error.Validation("password", refused.Message);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        // The name on the copy is the account's name now; it is stored so that a later rename does not alter what was signed.
        var text = LetterText.RenderFor(version!.Content, signer!.Post, actor.DisplayName);
        var signature = new LetterSignature
        {
            Id = Guid.CreateVersion7(),
            LetterId = letter.Id,
            VersionId = version.Id,
            SignerId = actor.UserId,
            SignerName = actor.DisplayName,
            Post = signer.Post,
            SignedAt = now,
            Sha256 = SignatureCheck.Hash(text),
        };
        db.Add(signature);
        db.Audit(clock, actor, ResponsibilityAudit.LetterSign, "ResponsibilityLetter", letter.Id.ToString(), letter.UnitId,
            detail: $"{letter.Title}：{signer.Post}{actor.DisplayName}签署第 {version.Number} 版，SHA-256 {signature.Sha256[..16]}…");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same person signing in two windows at once: the unique index keeps one.
            return Error.Conflict($"您已签署第 {version.Number} 版，不能重复签署。");
        }

        return new SignatureReceipt(signature.Id, version.Number, signature.SignedAt, signature.Sha256);
    }

    private static async Task<(LetterVersion? Version, LetterSigner? Signer, Error? Problem)> SignableAsync(
        AppDbContext db, Actor actor, ResponsibilityLetter letter, int number, CancellationToken ct)
    {
        var version = letter.Versions.FirstOrDefault(v => v.Number == number);
        if (version is null)
        {
            return (null, null, Error.NotFound("责任书版本"));
        }

        var signer = letter.Signers.FirstOrDefault(s => s.UserId == actor.UserId);
        if (signer is null)
        {
            return (null, null, Error.Forbidden("只有责任书列明的签署人可以签署。"));
        }

        if (version.State == LetterVersionState.Draft)
        {
            return (null, null, Error.Validation("number", $"第 {version.Number} 版还是草稿，签发后才能签署。"));
        }

        if (version.State == LetterVersionState.Superseded)
        {
            return (null, null, Error.Validation("number", $"第 {version.Number} 版已被替代，请签署现行版本。"));
        }

        if (await db.Set<LetterSignature>().AnyAsync(s => s.VersionId == version.Id && s.SignerId == actor.UserId, ct))
        {
            return (null, null, Error.Conflict($"您已签署第 {version.Number} 版，不能重复签署。"));
        }

        return (version, signer, null);
    }

    private sealed record Refusal(string Message, string Reason);

    /// <summary>
    /// Identity's own password check, in a scope of its own so that the user row is read fresh, with
    /// the lockout of the sign-in page: failures count, enough of them lock the account.
    /// </summary>
    private async Task<Refusal?> CheckPasswordAsync(Actor actor, string password)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(actor.UserId.ToString());
        if (user is null || user.IsDisabled)
        {
            return new Refusal(WrongPassword, "账号不存在或已停用");
        }

        if (await users.IsLockedOutAsync(user))
        {
            return new Refusal($"连续密码错误次数过多，账号已锁定 {security.Value.LockoutMinutes} 分钟。如需提前解锁，请联系安全管理员。", "账号已锁定");
        }

        if (!await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            return await users.IsLockedOutAsync(user)
                ? new Refusal($"{WrongPassword}。连续错误次数过多，账号已锁定 {security.Value.LockoutMinutes} 分钟。", "密码不正确，账号已锁定")
                : new Refusal(WrongPassword, "密码不正确");
        }

        if (await users.GetAccessFailedCountAsync(user) > 0)
        {
            await users.ResetAccessFailedCountAsync(user);
        }

        return null;
    }
}
