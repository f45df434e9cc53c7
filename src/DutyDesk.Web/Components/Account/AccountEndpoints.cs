using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Web.Components.Account;

internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post with an antiforgery token: a link cannot sign anybody out.
        app.MapPost("/account/logout", async (HttpContext http, IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, SessionSignals signals, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.LocalRedirect("/account/login");
            }

            Guid? endedSession = null;
            if (http.User.Identity?.IsAuthenticated == true)
            {
                await using var db = await dbFactory.CreateDbContextAsync(http.RequestAborted);
                if (DutyDeskClaims.SessionOf(http.User) is { } sessionId)
                {
                    await SessionTerminator.EndAsync(db, sessionId, "sign-out", clock, http.RequestAborted);
                    endedSession = sessionId;
                }

                var userId = Guid.TryParse(http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id) ? id : (Guid?)null;
                var unitId = userId is null ? null : await db.Users.Where(u => u.Id == userId).Select(u => (Guid?)u.HomeUnitId).FirstOrDefaultAsync(http.RequestAborted);
                db.AuditSignIn(clock, AuditActions.SignOut, userId, http.User.Identity.Name, unitId, http.Connection.RemoteIpAddress?.ToString(), AuditOutcome.Success);
                await db.SaveChangesAsync(http.RequestAborted);
            }

            await http.SignOutAsync(IdentityConstants.ApplicationScheme);

            // Last: the signal makes this tab's own circuit navigate away, and the browser may then drop this request.
            if (endedSession is { } ended)
            {
                signals.PublishEnded(ended);
            }

            return Results.LocalRedirect("/account/login?reason=signed-out");
        });
    }
}
