namespace DutyDesk.Platform.Identity;

/// <summary>
/// Tells this node's open circuits at once that their session ended (sign-out); circuits on other
/// nodes find out from the session row on their next check.
/// </summary>
public sealed class SessionSignals
{
    public event Action<Guid>? Ended;

    public void PublishEnded(Guid sessionId) => Ended?.Invoke(sessionId);
}
