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
        if (user.Identity?.IsAuthenticated == true && NeedsGate(context))
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

    /// <summary>
    /// Every endpoint that needs a signed-in user is gated, whatever its path looks like, except the
    /// account pages themselves and the API (token-authenticated; the token handler applies the same rules).
    /// </summary>
    private static bool NeedsGate(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/account") || path.StartsWithSegments("/api"))
        {
            return false;
        }

        // Blazor's own connection carries the circuit of a gated page, so it is gated too.
        if (path.StartsWithSegments("/_blazor"))
        {
            return true;
        }

        return context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is not null;
    }
}
