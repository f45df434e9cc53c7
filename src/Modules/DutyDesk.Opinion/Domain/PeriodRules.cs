using System.Globalization;
using DutyDesk.Platform.Results;

namespace DutyDesk.Opinion.Domain;

/// <summary>A sensitive period as typed: the name, from and to (UTC), the two factors, and a note.</summary>
public sealed record PeriodInput(string? Name, DateTime StartsAt, DateTime EndsAt, double DeadlineFactor, double MonitoringFactor, string? Note);

/// <summary>What a sensitive period changes: which applies at an instant, and how much shorter deadlines and polling become.</summary>
public static class PeriodRules
{
    public const string DeadlineFactorName = "处置期限系数";
    public const string MonitoringFactorName = "监测间隔系数";

    /// <summary>A poll interval never drops below a minute, however small the factor: the poller looks every 30 s.</summary>
    public static readonly TimeSpan MinPollInterval = TimeSpan.FromMinutes(1);

    /// <summary>The longest period: a year; a longer "sensitive period" is the normal state and belongs in the settings.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(366);

    public static Error? Validate(PeriodInput input)
    {
        if (Check.Required("name", "名称", input.Name, SensitivePeriod.NameMaxLength) is { } name)
        {
            return name;
        }

        if (input.EndsAt <= input.StartsAt)
        {
            return Error.Validation("endsAt", "“结束时间”须晚于“开始时间”。");
        }

        if (input.EndsAt - input.StartsAt > MaxLength)
        {
            return Error.Validation("endsAt", "敏感时期最长 366 天。");
        }

        if (Factor("deadlineFactor", DeadlineFactorName, input.DeadlineFactor) is { } deadline)
        {
            return deadline;
        }

        if (Factor("monitoringFactor", MonitoringFactorName, input.MonitoringFactor) is { } monitoring)
        {
            return monitoring;
        }

        return Check.Optional("note", "备注", input.Note, SensitivePeriod.NoteMaxLength);
    }

    /// <summary>Of the periods active at the instant, the one that shortens deadlines most (earliest start on a tie); null when none.</summary>
    internal static SensitivePeriod? Active(IEnumerable<SensitivePeriod> periods, DateTime at)
        => periods.Where(p => DutyRules.Covers(p.StartsAt, p.EndsAt, at))
            .OrderBy(p => p.DeadlineFactor).ThenBy(p => p.StartsAt).ThenBy(p => p.Id)
            .FirstOrDefault();

    /// <summary>The strongest monitoring of the periods active at the instant: their smallest factor, 1 when none.</summary>
    internal static double MonitoringFactor(IEnumerable<SensitivePeriod> periods, DateTime at)
        => periods.Where(p => DutyRules.Covers(p.StartsAt, p.EndsAt, at)).Select(p => Clamp(p.MonitoringFactor)).DefaultIfEmpty(1.0).Min();

    /// <summary>The interval multiplied by the factor, at least <see cref="MinPollInterval"/>.</summary>
    public static TimeSpan PollInterval(TimeSpan interval, double factor)
    {
        var shortened = TimeSpan.FromTicks((long)(interval.Ticks * Clamp(factor)));
        return shortened < MinPollInterval && interval >= MinPollInterval ? MinPollInterval : shortened;
    }

    /// <summary>
    /// When a source polled at <paramref name="now"/> is polled next: after the interval shortened by the periods in
    /// force, or at the start of a period beginning before then that raises monitoring further, so a period's first
    /// poll comes when it begins rather than one regular interval later.
    /// </summary>
    internal static DateTime NextPoll(DateTime now, TimeSpan interval, IReadOnlyCollection<SensitivePeriod> periods)
    {
        var factor = MonitoringFactor(periods, now);
        var next = now + PollInterval(interval, factor);
        foreach (var p in periods)
        {
            if (p.StartsAt > now && p.StartsAt < next && p.EndsAt > p.StartsAt && Clamp(p.MonitoringFactor) < factor)
            {
                next = p.StartsAt;
            }
        }

        return next;
    }

    /// <summary>A deadline counted from <paramref name="from"/>: the time allowed multiplied by the factor.</summary>
    public static DateTime Shorten(DateTime from, TimeSpan allowed, double factor) => from + TimeSpan.FromTicks((long)(allowed.Ticks * Clamp(factor)));

    public static string Percent(double factor) => (factor * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static double Clamp(double factor) => double.IsFinite(factor) ? Math.Clamp(factor, SensitivePeriod.MinFactor, SensitivePeriod.MaxFactor) : 1.0;

    private static Error? Factor(string field, string name, double value)
        => double.IsFinite(value) && value >= SensitivePeriod.MinFactor - 1e-9 && value <= SensitivePeriod.MaxFactor + 1e-9
            ? null
            : Error.Validation(field, $"“{name}”须在 0.1 到 1.0 之间（现为 {value.ToString("0.##", CultureInfo.InvariantCulture)}）。");
}
