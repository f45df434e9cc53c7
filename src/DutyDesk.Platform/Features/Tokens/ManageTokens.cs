using System.Security.Cryptography;
using System.Text;
using DutyDesk.Platform.ApiTokens;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Platform.Features.Tokens;

public sealed record TokenDto(Guid Id, string Name, string Hint, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt);

public sealed record CreateTokenCommand(string Name, int? ExpiresInDays);

/// <summary>The secret, shown once at creation.</summary>
public sealed record IssuedToken(Guid Id, string Secret);

/// <summary>Personal API tokens: they act as their owner, within the owner's unit scope.</summary>
public sealed class ManageTokens(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public async Task<IReadOnlyList<TokenDto>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiTokens.AsNoTracking().Where(t => t.UserId == actor.UserId).OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenDto(t.Id, t.Name, t.Hint, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync(ct);
    }

    public async Task<Result<IssuedToken>> CreateAsync(Actor actor, CreateTokenCommand command, CancellationToken ct = default)
    {
        var invalid = Check.First(
            Check.Required("name", "令牌名称", command.Name, 60),
            command.ExpiresInDays is < 1 or > 3650 ? Error.Validation("expiresInDays", "“有效期”须为 1 至 3650 天。") : null);
        if (invalid is not null)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.ApiTokens.CountAsync(t => t.UserId == actor.UserId && t.RevokedAt == null, ct) >= 20)
        {
            return Error.Validation("name", "每人最多 20 个有效令牌，请先吊销不用的令牌。");
        }

        var secret = ApiToken.Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(),
            UserId = actor.UserId,
            Name = command.Name.Trim(),
            TokenHash = Hash(secret),
            Hint = secret[..(ApiToken.Prefix.Length + 6)],
            CreatedAt = now,
            ExpiresAt = command.ExpiresInDays is { } days ? now.AddDays(days) : null,
        };
        db.ApiTokens.Add(token);
        db.Audit(clock, actor, AuditActions.TokenCreate, "ApiToken", token.Id.ToString(), detail: $"{token.Name}（{token.Hint}…）");
        await db.SaveChangesAsync(ct);
        return new IssuedToken(token.Id, secret);
    }

    public async Task<Result<Done>> RevokeAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == actor.UserId, ct);
        if (token is null)
        {
            return Error.NotFound("令牌");
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow().UtcDateTime;
            db.Audit(clock, actor, AuditActions.TokenRevoke, "ApiToken", token.Id.ToString(), detail: $"{token.Name}（{token.Hint}…）");
            await db.SaveChangesAsync(ct);
        }

        return Done.Value;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
