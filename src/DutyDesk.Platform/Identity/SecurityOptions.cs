namespace DutyDesk.Platform.Identity;

/// <summary>Account security settings ("DutyDesk:Security"); every figure can be changed by the administrator.</summary>
public sealed class SecurityOptions
{
    public const string Section = "DutyDesk:Security";

    public int PasswordMinLength { get; set; } = 10;

    public bool PasswordRequireDigit { get; set; } = true;

    public bool PasswordRequireLower { get; set; } = true;

    public bool PasswordRequireUpper { get; set; } = true;

    public bool PasswordRequireSymbol { get; set; }

    public int LockoutAttempts { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>A session with no activity for this long is ended on the server, circuit included.</summary>
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>How often an open circuit checks its session for idleness or sign-out elsewhere.</summary>
    public int IdleCheckSeconds { get; set; } = 15;

    /// <summary>The three administrative roles must use TOTP two-factor sign-in.</summary>
    public bool RequireTwoFactorForAdministrators { get; set; } = true;

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleTimeoutMinutes);
}
