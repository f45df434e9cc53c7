using System.Diagnostics;

namespace DutyDesk.Opinion.Jobs;

/// <summary>
/// Spaces this node's requests to one host: each caller reserves the next free slot of the host, so sources of
/// the same site are fetched one spacing apart however many there are and however the rounds fall.
/// </summary>
/// <remarks>
/// Measured on the monotonic clock, not the injected <see cref="TimeProvider"/>: politeness is about real seconds
/// as the other site sees them, and must hold even when the business clock is moved by an administrator or a test.
/// </remarks>
internal sealed class HostPacer
{
    private const int PruneAbove = 10_000;
    private readonly Dictionary<string, long> nextFree = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public async Task WaitTurnAsync(string host, TimeSpan spacing, CancellationToken ct)
    {
        TimeSpan wait;
        lock (gate)
        {
            var now = Stopwatch.GetTimestamp();
            if (nextFree.Count > PruneAbove)
            {
                foreach (var stale in nextFree.Where(e => e.Value <= now).Select(e => e.Key).ToList())
                {
                    nextFree.Remove(stale);
                }
            }

            var slot = nextFree.TryGetValue(host, out var free) && free > now ? free : now;
            nextFree[host] = slot + (long)(spacing.TotalSeconds * Stopwatch.Frequency);
            wait = Stopwatch.GetElapsedTime(now, slot);
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, ct);
        }
    }

    /// <summary>The host a source's address points at, lower-case; the address itself when it is not a URL.</summary>
    public static string HostOf(string url)
        => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host.ToLowerInvariant() : url;
}
