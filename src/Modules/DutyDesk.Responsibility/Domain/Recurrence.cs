using System.Globalization;

namespace DutyDesk.Responsibility.Domain;

/// <summary>How often a recurring obligation (制度性要求) falls due.</summary>
public enum Frequency
{
    Weekly,
    Monthly,
    Quarterly,
    HalfYearly,
    Yearly,
}

/// <summary>
/// One occurrence of an obligation: the period it belongs to, the fixed scheduled date, and the due
/// time (local office time; the caller converts to UTC). The scheduled date never moves; the due
/// date is what an office may later edit.
/// </summary>
public sealed record Occurrence(string PeriodKey, DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly Scheduled, DateTime DueLocal);

/// <summary>
/// A recurrence rule. <see cref="TimesPerPeriod"/> expresses "at least N per period": the period is
/// split into N equal parts with one occurrence each (2 a year → one each half-year).
/// </summary>
public sealed record Recurrence(Frequency Frequency, int TimesPerPeriod = 1, DayOfWeek Weekday = DayOfWeek.Tuesday, int DueAfterDays = 0)
{
    /// <summary>Due at the end of the working day.</summary>
    public static readonly TimeOnly DueTime = new(17, 30);

    /// <summary>Null when the rule is valid, else the reason in Chinese.</summary>
    public string? Problem()
    {
        if (TimesPerPeriod < 1)
        {
            return "“每周期次数”至少为 1。";
        }

        if (Frequency == Frequency.Weekly && TimesPerPeriod != 1)
        {
            return "每周的要求只能每周 1 次。";
        }

        if (Frequency != Frequency.Weekly && MonthsPerPeriod % TimesPerPeriod != 0)
        {
            var options = Enumerable.Range(1, MonthsPerPeriod).Where(n => MonthsPerPeriod % n == 0);
            return $"“每{Name}至少 {TimesPerPeriod} 次”无法按月均分，可选 {string.Join("、", options)} 次。";
        }

        return DueAfterDays is < 0 or > 90 ? "“到期顺延天数”须为 0 至 90。" : null;
    }

    public string Name => Frequency switch
    {
        Frequency.Weekly => "周",
        Frequency.Monthly => "月",
        Frequency.Quarterly => "季度",
        Frequency.HalfYearly => "半年",
        _ => "年",
    };

    public string Describe() => Frequency == Frequency.Weekly
        ? $"每周（{WeekdayName(Weekday)}）"
        : TimesPerPeriod == 1 ? $"每{Name}" : $"每{Name}至少 {TimesPerPeriod} 次";

    private int MonthsPerPeriod => Frequency switch
    {
        Frequency.Monthly => 1,
        Frequency.Quarterly => 3,
        Frequency.HalfYearly => 6,
        Frequency.Yearly => 12,
        _ => 0,
    };

    /// <summary>Every occurrence whose period starts in the calendar year, in order.</summary>
    public IReadOnlyList<Occurrence> Occurrences(int year)
    {
        if (Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var result = new List<Occurrence>();
        if (Frequency == Frequency.Weekly)
        {
            var day = new DateOnly(year, 1, 1);
            while (day.DayOfWeek != Weekday)
            {
                day = day.AddDays(1);
            }

            // Keyed by ISO week, the numbering office calendars show; unique across the turn of the year too.
            for (; day.Year == year; day = day.AddDays(7))
            {
                var date = day.ToDateTime(TimeOnly.MinValue);
                result.Add(new Occurrence($"{ISOWeek.GetYear(date)}-W{ISOWeek.GetWeekOfYear(date):00}", day, day.AddDays(6), day, Due(day)));
            }

            return result;
        }

        // Each part is one occurrence: a period of P months split N ways gives parts of P/N months.
        var monthsPerPart = MonthsPerPeriod / TimesPerPeriod;
        for (var month = 1; month <= 12; month += monthsPerPart)
        {
            var start = new DateOnly(year, month, 1);
            var end = start.AddMonths(monthsPerPart).AddDays(-1);
            result.Add(new Occurrence(PeriodKey(year, month, monthsPerPart), start, end, end, Due(end)));
        }

        return result;
    }

    private DateTime Due(DateOnly scheduled) => scheduled.AddDays(DueAfterDays).ToDateTime(DueTime);

    private static string PeriodKey(int year, int month, int monthsPerPart) => monthsPerPart switch
    {
        1 => $"{year}-{month:00}",
        3 => $"{year}-Q{(month + 2) / 3}",
        6 => $"{year}-H{(month + 5) / 6}",
        12 => $"{year}",
        _ => $"{year}-M{month:00}+{monthsPerPart}",
    };

    private static string WeekdayName(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "周一",
        DayOfWeek.Tuesday => "周二",
        DayOfWeek.Wednesday => "周三",
        DayOfWeek.Thursday => "周四",
        DayOfWeek.Friday => "周五",
        DayOfWeek.Saturday => "周六",
        _ => "周日",
    };
}
