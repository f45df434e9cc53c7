namespace DutyDesk.Web.Components.Account;

/// <summary>The signed-in session a Blazor circuit belongs to, and when its user last did something.</summary>
public sealed class CircuitSession
{
    private long lastActivityTicks;

    public Guid? SessionId { get; private set; }

    public Guid? UserId { get; private set; }

    public bool Ended { get; private set; }

    public DateTime LastActivity => new(Interlocked.Read(ref lastActivityTicks), DateTimeKind.Utc);

    public void Start(Guid sessionId, Guid userId, DateTime now)
    {
        SessionId = sessionId;
        UserId = userId;
        Touch(now);
    }

    public void Touch(DateTime now) => Interlocked.Exchange(ref lastActivityTicks, now.Ticks);

    public void End() => Ended = true;
}

/// <summary>What the idle guard should do now: a pure rule, tested on its own.</summary>
public enum IdleDecision
{
    Continue,
    EndForIdle,
    EndedElsewhere,
}

public static class IdlePolicy
{
    public static IdleDecision Decide(DateTime lastActivity, DateTime now, TimeSpan timeout, bool endedInDatabase)
    {
        if (endedInDatabase)
        {
            return IdleDecision.EndedElsewhere;
        }

        return now - lastActivity >= timeout ? IdleDecision.EndForIdle : IdleDecision.Continue;
    }
}
