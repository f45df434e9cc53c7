using System.Security.Claims;
using DutyDesk.Platform.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DutyDesk.Platform.Identity;

/// <summary>
/// Ties the sign-in cookie to a server-side session row: a session is created at sign-in,
/// and a cookie whose session was ended (sign-out, idle time-out, disabled account) or has been
/// idle too long is refused on every node.
/// </summary>
internal static class SessionCookieEvents
{
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    public static async Task OnSigningInAsync(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity || identity.HasClaim(c => c.Type == DutyDeskClaims.SessionId))
        {
            return;
        }

        // A refresh (password changed, 2FA enabled) keeps the session it was signed in with; a different
        // person signing in over it on a shared PC gets a session of their own.
        var signingInAs = identity.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        if (DutyDeskClaims.SessionOf(context.HttpContext.User) is { } existing
            && string.Equals(context.HttpContext.User.FindFirst(ClaimTypes.NameIdentifier)?.Value, signingInAs, StringComparison.Ordinal))
        {
            identity.AddClaim(new Claim(DutyDeskClaims.SessionId, existing.ToString()));
            return;
        }

        var services = context.HttpContext.RequestServices;
        var clock = services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow().UtcDateTime;
        var userId = Guid.Parse(identity.FindFirst(ClaimTypes.NameIdentifier)!.Value);
        var session = new UserSession
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            StartedAt = now,
            LastSeenAt = now,
            ClientIp = context.HttpContext.Connection.RemoteIpAddress?.ToString(),
        };
        var dbFactory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(context.HttpContext.RequestAborted);
        db.Sessions.Add(session);
        await db.SaveChangesAsync(context.HttpContext.RequestAborted);
        identity.AddClaim(new Claim(DutyDeskClaims.SessionId, session.Id.ToString()));
    }

    public static async Task OnValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        if (context.Principal is null || DutyDeskClaims.SessionOf(context.Principal) is not { } sessionId)
        {
            await RejectAsync(context);
            return;
        }

        var clock = services.GetRequiredService<TimeProvider>();
        var idle = services.GetRequiredService<IOptions<SecurityOptions>>().Value.IdleTimeout;
        var now = clock.GetUtcNow().UtcDateTime;
        var dbFactory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync(context.HttpContext.RequestAborted))
        {
            var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, context.HttpContext.RequestAborted);
            if (session is null || session.EndedAt is not null)
            {
                await RejectAsync(context);
                return;
            }

            if (now - session.LastSeenAt > idle)
            {
                await SessionTerminator.EndAsync(db, sessionId, "idle", clock, context.HttpContext.RequestAborted);
                await RejectAsync(context);
                return;
            }

            if (now - session.LastSeenAt > TouchEvery)
            {
                await db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), context.HttpContext.RequestAborted);
            }
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    public static Task OnRedirectToLoginAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        // The API answers 401; only pages redirect to the sign-in form.
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
