using DutyDesk.Platform.Tasks;

namespace DutyDesk.Opinion.Features.Response;

/// <summary>
/// One one-second timer per circuit (a scoped service) for every countdown on the page: a board may show hundreds.
/// A countdown listens while it is shown; the timer runs only while somebody listens.
/// </summary>
internal sealed class CountdownTicker(TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly Lock gate = new();
    private readonly List<Action> listeners = [];
    private ITimer? timer;

    /// <summary>Calls <paramref name="onTick"/> every second (on a timer thread) until the result is disposed.</summary>
    public IDisposable Listen(Action onTick)
    {
        ArgumentNullException.ThrowIfNull(onTick);
        lock (gate)
        {
            listeners.Add(onTick);
            timer ??= clock.CreateTimer(_ => Tick(), null, Period, Period);
        }

        return new Listening(this, onTick);
    }

    public void Dispose()
    {
        lock (gate)
        {
            listeners.Clear();
            timer?.Dispose();
            timer = null;
        }
    }

    private void Tick()
    {
        Action[] now;
        lock (gate)
        {
            now = [.. listeners];
        }

        foreach (var listener in now)
        {
            listener();
        }
    }

    private void Stop(Action onTick)
    {
        lock (gate)
        {
            listeners.Remove(onTick);
            if (listeners.Count == 0)
            {
                timer?.Dispose();
                timer = null;
            }
        }
    }

    private sealed class Listening(CountdownTicker ticker, Action onTick) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                ticker.Stop(onTick);
            }
        }
    }
}

/// <summary>What a deadline's countdown shows at an instant: its words and its colour class.</summary>
internal readonly record struct CountdownFace(string Text, string Css)
{
    /// <summary>Within the last hour of a running clock the face changes every second (mm:ss); before that every minute.</summary>
    public static CountdownFace Of(CaseDeadlineDto deadline, DateTime now) => deadline.State switch
    {
        DueTaskState.Done => deadline.KeptAt(now) == true
            ? new("按时完成", "dd-countdown-kept")
            : new($"超时 {CaseWork.Span(deadline.CompletedAt!.Value - deadline.DueAt)} 完成", "dd-countdown-late"),
        DueTaskState.Cancelled => new("不适用", "dd-countdown-void"),
        _ when deadline.DueAt <= now => new($"已超时 {Left(now - deadline.DueAt)}", "dd-countdown-overdue"),
        _ => new($"剩余 {Left(deadline.DueAt - now)}", deadline.DueAt - now < TimeSpan.FromMinutes(30) ? "dd-countdown-soon" : "dd-countdown-running"),
    };

    private static string Left(TimeSpan span) => span.TotalHours >= 1
        ? CaseWork.Span(TimeSpan.FromMinutes(Math.Floor(span.TotalMinutes)))
        : $"{(int)span.TotalMinutes:00}:{span.Seconds:00}";
}
