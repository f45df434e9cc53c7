using Microsoft.AspNetCore.Identity;

namespace DutyDesk.Platform.Identity;

public sealed class AppUser : IdentityUser<Guid>
{
    public const int DisplayNameMaxLength = 50;

    public required string DisplayName { get; set; }

    /// <summary>The unit the person belongs to; roles may add other units.</summary>
    public Guid HomeUnitId { get; set; }

    public bool MustChangePassword { get; set; }

    public bool IsDisabled { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid Version { get; set; }
}
