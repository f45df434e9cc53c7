using System.Security.Claims;
using DutyDesk.Platform.Identity;
using Microsoft.AspNetCore.Identity;

namespace DutyDesk.Web.Components.Account;

/// <summary>
/// Re-issues the cookie after the account changed (password, TOTP), keeping the session.
/// Identity's RefreshSignInAsync cannot be used: it re-validates the old cookie first, and the
/// security stamp that just changed makes that validation sign the person out.
/// </summary>
internal static class SignInRefresh
{
    public static async Task RefreshAsync(SignInManager<AppUser> signIn, HttpContext http, AppUser user)
    {
        var keep = http.User.Claims.Where(c => c.Type is DutyDeskClaims.SessionId or "amr").Select(c => new Claim(c.Type, c.Value)).ToList();
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, keep);
    }
}
