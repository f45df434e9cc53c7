namespace DutyDesk.Platform.Identity;

/// <summary>
/// A signed-in session, kept server-side so that sign-out and idle time-out end it on every node,
/// including any Blazor circuit still open for it.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    public DateTime? EndedAt { get; set; }

    public string? EndReason { get; set; }

    public string? ClientIp { get; set; }
}
