using DutyDesk.Platform.Identity;

namespace DutyDesk.Web.Components.Account;

/// <summary>
/// Before anything else, a person with a one-time password must change it, and an administrator
/// without two-factor sign-in must set it up. Only the account pages and static files are open until then.
/// </summary>
internal sealed class AccountGate(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && !IsOpenPath(context.Request.Path))
        {
            if (user.HasClaim(c => c.Type == DutyDeskClaims.MustChangePassword))
            {
                context.Response.Redirect("/account/change-password");
                return Task.CompletedTask;
            }

            if (user.HasClaim(c => c.Type == DutyDeskClaims.MustEnableTwoFactor))
            {
                context.Response.Redirect("/account/two-factor");
                return Task.CompletedTask;
            }
        }

        return next(context);
    }

    private static bool IsOpenPath(PathString path)
        => path.StartsWithSegments("/account") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content")
           || path.StartsWithSegments("/api") || path.StartsWithSegments("/health") || path.StartsWithSegments("/openapi")
           || Path.HasExtension(path.Value);
}
