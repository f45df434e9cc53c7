using System.Security.Claims;
using System.Text.Encodings.Web;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Features.Tokens;
using DutyDesk.Platform.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DutyDesk.Platform.ApiTokens;

/// <summary>Authenticates "Authorization: Bearer ddt_…" against the hashed tokens.</summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider clock,
    IOptions<SecurityOptions> security)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    private static readonly List<Role> AdministrativeRoles = [.. Roles.Administrative];

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(ApiToken.Prefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return AuthenticateResult.Fail("令牌格式不正确");
        }

        var hash = ManageTokens.Hash(secret);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(Context.RequestAborted);
        var token = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, Context.RequestAborted);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now)
        {
            return AuthenticateResult.Fail("令牌无效、已过期或已吊销");
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == token.UserId, Context.RequestAborted);
        if (user is null || user.IsDisabled)
        {
            return AuthenticateResult.Fail("令牌所属账号已停用");
        }

        // A token may do no more than its owner could do by signing in now.
        if (user.LockoutEnd > clock.GetUtcNow())
        {
            return AuthenticateResult.Fail("令牌所属账号已被锁定");
        }

        if (user.MustChangePassword)
        {
            return AuthenticateResult.Fail("令牌所属账号须先修改一次性密码");
        }

        if (!user.TwoFactorEnabled && security.Value.RequireTwoFactorForAdministrators
            && await db.RoleAssignments.AnyAsync(r => r.UserId == user.Id && AdministrativeRoles.Contains(r.Role), Context.RequestAborted))
        {
            return AuthenticateResult.Fail("令牌所属账号持有管理角色，须先启用双因素认证");
        }

        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(5))
        {
            await db.ApiTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()), new Claim(ClaimTypes.Name, user.UserName ?? ""), new Claim("dd:token", token.Id.ToString())],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.ContentType = "application/problem+json; charset=utf-8";
        var result = await HandleAuthenticateOnceSafeAsync();
        var detail = result.Failure?.Message ?? "请在 Authorization 头中提供 API 令牌（Bearer ddt_…）。";
        await Response.WriteAsJsonAsync(new { type = "about:blank", title = "未认证", status = 401, detail }, Context.RequestAborted);
    }
}
