namespace DutyDesk.Opinion.Domain;

/// <summary>An event still open to new items, as clustering sees it.</summary>
internal sealed record OpenCase(Guid Id, Guid SchemeId, IReadOnlySet<string> Words, DateTime LastSeenAt);

/// <summary>
/// Which event a matching item belongs to: the event of the post it nearly duplicates, else the open event of one
/// of its schemes, within the time window, whose matched words overlap its own the most (Jaccard ≥ the minimum);
/// none means it starts a new event.
/// </summary>
internal static class CaseClustering
{
    public static Guid? Choose(
        IEnumerable<OpenCase> open, IReadOnlyCollection<Guid> schemeIds, IReadOnlySet<string> words, DateTime postedAt, TimeSpan window, double minOverlap)
    {
        OpenCase? best = null;
        var bestOverlap = 0.0;
        foreach (var candidate in open)
        {
            if (!schemeIds.Contains(candidate.SchemeId) || (postedAt - candidate.LastSeenAt).Duration() > window)
            {
                continue;
            }

            var overlap = Overlap(candidate.Words, words);
            // Ties go to the most recent event, then to the older id, so the choice does not depend on the order
            // the database returned the open events in (it differs between providers).
            if (overlap >= minOverlap && (best is null || overlap > bestOverlap
                || (overlap == bestOverlap && (candidate.LastSeenAt > best.LastSeenAt || (candidate.LastSeenAt == best.LastSeenAt && candidate.Id.CompareTo(best.Id) < 0)))))
            {
                best = candidate;
                bestOverlap = overlap;
            }
        }

        return best?.Id;
    }

    public static double Overlap(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var common = a.Count(b.Contains);
        return (double)common / (a.Count + b.Count - common);
    }

    public static IReadOnlySet<string> ParseWords(string words)
        => words.Split('、', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    public static string JoinWords(IEnumerable<string> words) => string.Join('、', words.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
