using System.Globalization;

namespace DutyDesk.Platform.Tasks;

/// <summary>When reminders fall for a task: pure rules over the due time and the offsets.</summary>
public static class ReminderSchedule
{
    public const int MaxOffsets = 5;

    /// <summary>Parses "1440,60" (minutes before due); null with a message when malformed.</summary>
    public static (IReadOnlyList<int>? Offsets, string? Problem) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ([], null);
        }

        var parts = text.Split([',', '，', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length > MaxOffsets)
        {
            return (null, $"提醒最多设置 {MaxOffsets} 个。");
        }

        var offsets = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || minutes is < 1 or > 60 * 24 * 90)
            {
                return (null, $"“{part}”不是有效的提前分钟数（1 至 129600 的整数）。");
            }

            offsets.Add(minutes);
        }

        return (offsets.Distinct().OrderDescending().ToList(), null);
    }

    /// <summary>"1440,60" → "提前 1 天、1 小时"; empty → "无".</summary>
    public static string Describe(string? offsets)
    {
        var (parsed, _) = Parse(offsets);
        if (parsed is null || parsed.Count == 0)
        {
            return "无";
        }

        static string One(int minutes) => minutes switch
        {
            _ when minutes % 1440 == 0 => $"{minutes / 1440} 天",
            _ when minutes % 60 == 0 => $"{minutes / 60} 小时",
            _ => $"{minutes} 分钟",
        };

        return "提前 " + string.Join("、", parsed.Select(One));
    }

    public static string Format(IEnumerable<int> offsets) => string.Join(',', offsets.Distinct().OrderDescending());

    /// <summary>The first reminder time strictly after <paramref name="after"/> and before due, if any.</summary>
    public static DateTime? Next(DateTime dueAt, IEnumerable<int> offsets, DateTime after)
    {
        DateTime? next = null;
        foreach (var minutes in offsets)
        {
            var at = dueAt.AddMinutes(-minutes);
            if (at > after && at < dueAt && (next is null || at < next))
            {
                next = at;
            }
        }

        return next;
    }

    /// <summary>The first reminder of a new task: the earliest one not already in the past.</summary>
    public static DateTime? First(DateTime dueAt, IEnumerable<int> offsets, DateTime now)
        => Next(dueAt, offsets, now.AddTicks(-1));
}
