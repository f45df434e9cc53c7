namespace DutyDesk.Platform.ApiTokens;

/// <summary>A personal API token. Only its SHA-256 is stored; the secret is shown once.</summary>
public sealed class ApiToken
{
    public const string Prefix = "ddt_";

    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public required string Name { get; set; }

    public required string TokenHash { get; set; }

    /// <summary>The first characters of the secret, to tell tokens apart in the list.</summary>
    public required string Hint { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}
