using System.Security.Claims;
using DutyDesk.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DutyDesk.Platform.Identity;

public static class DutyDeskClaims
{
    public const string SessionId = "dd:sid";
    public const string DisplayName = "dd:name";
    public const string Role = "dd:role";
    public const string MustChangePassword = "dd:must-change-password";
    public const string MustEnableTwoFactor = "dd:must-enable-2fa";

    public static Guid? SessionOf(ClaimsPrincipal principal)
        => Guid.TryParse(principal.FindFirstValue(SessionId), out var id) ? id : null;
}

/// <summary>
/// Puts what menus and the sign-in gate need into the cookie: display name, roles held anywhere,
/// and the two things that must be done before anything else (change password, enable TOTP).
/// Permissions themselves are always checked against the database by the handlers.
/// </summary>
public sealed class DutyDeskClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> identity, AppDbContext db, IOptions<SecurityOptions> security)
    : UserClaimsPrincipalFactory<AppUser>(users, identity)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var claims = await base.GenerateClaimsAsync(user);
        claims.AddClaim(new Claim(DutyDeskClaims.DisplayName, user.DisplayName));
        var roles = await db.RoleAssignments.Where(r => r.UserId == user.Id).Select(r => r.Role).Distinct().ToListAsync();
        foreach (var role in roles)
        {
            claims.AddClaim(new Claim(DutyDeskClaims.Role, role.ToString()));
        }

        if (user.MustChangePassword)
        {
            claims.AddClaim(new Claim(DutyDeskClaims.MustChangePassword, "true"));
        }

        if (security.Value.RequireTwoFactorForAdministrators && !user.TwoFactorEnabled && roles.Any(r => r.IsAdministrative()))
        {
            claims.AddClaim(new Claim(DutyDeskClaims.MustEnableTwoFactor, "true"));
        }

        return claims;
    }
}
