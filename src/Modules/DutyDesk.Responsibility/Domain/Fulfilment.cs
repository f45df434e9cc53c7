namespace DutyDesk.Responsibility.Domain;

/// <summary>Whether "at least N per period" was met: how many were required and how many were done.</summary>
public sealed record FulfilmentResult(int Required, int Done)
{
    public bool Met => Done >= Required;

    public int Missing => Math.Max(0, Required - Done);
}

/// <summary>
/// "At least N per period" is counted over the whole period, not per reminder slot: two special
/// meetings in the first half-year meet "at least 2 a year". A per-member obligation multiplies the
/// requirement by the members and counts each member's own completions only up to their share.
/// </summary>
public static class Fulfilment
{
    public static FulfilmentResult Evaluate(int requiredPerPeriod, DateOnly periodStart, DateOnly periodEnd, IEnumerable<DateOnly> completedOn)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requiredPerPeriod, 1);
        var done = completedOn.Count(d => d >= periodStart && d <= periodEnd);
        return new FulfilmentResult(requiredPerPeriod, done);
    }

    public static FulfilmentResult EvaluatePerMember(int requiredPerMember, DateOnly periodStart, DateOnly periodEnd,
        IReadOnlyCollection<string> members, IEnumerable<(string Member, DateOnly On)> completions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requiredPerMember, 1);
        var inPeriod = completions.Where(c => c.On >= periodStart && c.On <= periodEnd).ToLookup(c => c.Member, StringComparer.Ordinal);
        // One member's extra lectures do not make up for another member's missing one.
        var done = members.Sum(m => Math.Min(requiredPerMember, inPeriod[m].Count()));
        return new FulfilmentResult(requiredPerMember * members.Count, done);
    }
}
