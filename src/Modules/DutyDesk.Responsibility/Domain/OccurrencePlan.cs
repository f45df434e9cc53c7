using System.Globalization;

namespace DutyDesk.Responsibility.Domain;

/// <summary>Which occurrences of a rule exist as tasks by now, and how a period reads in Chinese.</summary>
public static class OccurrencePlan
{
    /// <summary>
    /// The occurrences to have as tasks at <paramref name="nowLocal"/>: due on or after the day the unit
    /// adopted the rule, and due no later than <paramref name="aheadDays"/> from now. Missed rounds of a
    /// stopped server are included (they are overdue, not forgotten); nothing before adoption is.
    /// </summary>
    public static IReadOnlyList<Occurrence> Due(Recurrence recurrence, DateOnly startsOn, DateTime nowLocal, int aheadDays)
    {
        ArgumentNullException.ThrowIfNull(recurrence);
        ArgumentOutOfRangeException.ThrowIfNegative(aheadDays);
        var horizon = nowLocal.AddDays(aheadDays);
        var first = startsOn.ToDateTime(TimeOnly.MinValue);
        var result = new List<Occurrence>();
        // From the year before: a period of last year can fall due after adoption (Q4's report in January).
        for (var year = startsOn.Year - 1; year <= horizon.Year; year++)
        {
            result.AddRange(recurrence.Occurrences(year).Where(o => o.DueLocal >= first && o.DueLocal <= horizon));
        }

        return result;
    }

    /// <summary>"2026-11" → "2026年11月", "2026-Q3" → "2026年第3季度", "2026-H1" → "2026年上半年", "2026" → "2026年度".</summary>
    public static string Label(string periodKey)
    {
        ArgumentNullException.ThrowIfNull(periodKey);
        var parts = periodKey.Split('-', 2);
        var year = parts[0];
        if (parts.Length == 1)
        {
            return $"{year}年度";
        }

        var part = parts[1];
        return part switch
        {
            ['W', .. var week] => $"{year}年第{int.Parse(week, CultureInfo.InvariantCulture)}周",
            ['Q', .. var quarter] => $"{year}年第{quarter}季度",
            "H1" => $"{year}年上半年",
            "H2" => $"{year}年下半年",
            ['M', .. var span] when span.Split('+') is [var from, var months] =>
                $"{year}年{int.Parse(from, CultureInfo.InvariantCulture)}–{int.Parse(from, CultureInfo.InvariantCulture) + int.Parse(months, CultureInfo.InvariantCulture) - 1}月",
            _ => $"{year}年{int.Parse(part, CultureInfo.InvariantCulture)}月",
        };
    }

    /// <summary>"7,1" → minutes before due (10080, 1440); null with the reason when malformed.</summary>
    public static (IReadOnlyList<int>? Minutes, string? Problem) ReminderMinutes(string? days)
    {
        if (string.IsNullOrWhiteSpace(days))
        {
            return ([], null);
        }

        var result = new List<int>();
        foreach (var part in days.Split([',', '，', ' ', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var day) || day is < 1 or > 60)
            {
                return (null, $"“{part}”不是有效的提前天数（1 至 60 的整数）。");
            }

            result.Add(day * 1440);
        }

        return result.Count > 5 ? (null, "提前提醒最多 5 个。") : (result.Distinct().OrderDescending().ToList(), null);
    }
}
