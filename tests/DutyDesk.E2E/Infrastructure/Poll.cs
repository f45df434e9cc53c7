using System.Diagnostics;

namespace DutyDesk.E2E.Infrastructure;

/// <summary>Waits for something the server does in the background (a poller round, a job), bounded in time.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Not reached within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(500);
        }
    }
}
