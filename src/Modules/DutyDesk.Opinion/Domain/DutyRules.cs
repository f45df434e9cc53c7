using DutyDesk.Platform.Results;

namespace DutyDesk.Opinion.Domain;

/// <summary>A person's time on duty: from <see cref="StartsAt"/> (inclusive) to <see cref="EndsAt"/> (exclusive), UTC.</summary>
public sealed record ShiftSpan(Guid UserId, DateTime StartsAt, DateTime EndsAt);

/// <summary>A shift as typed: who, from and to (UTC), the shift's name and a note.</summary>
public sealed record ShiftInput(Guid UserId, DateTime StartsAt, DateTime EndsAt, string? Label, string? Note);

/// <summary>A shift of a weekly pattern in local time; an end at or before the start ends on the next day (17:30–次日08:30).</summary>
public sealed record DutySlot(string Label, TimeOnly Start, TimeOnly End);

/// <summary>
/// "生成排班": on the chosen weekdays between two local dates (both inclusive), each slot becomes a shift, the people
/// taking them in turn.
/// </summary>
public sealed record WeeklyPattern(DateOnly From, DateOnly To, IReadOnlyList<DayOfWeek> Days, IReadOnlyList<DutySlot> Slots, IReadOnlyList<Guid> People);

/// <summary>A shift made by <see cref="DutyRules.Generate"/>, in UTC.</summary>
public sealed record GeneratedShift(Guid UserId, DateTime StartsAt, DateTime EndsAt, string Label);

/// <summary>The duty roster's rules (值班表): who is on duty at an instant, what a valid shift is, and the weekly pattern.</summary>
public static class DutyRules
{
    public const string DayShift = "白班";
    public const string NightShift = "夜班";
    public const string AllDay = "全天";

    /// <summary>The longest shift: one day, so that "on duty" means someone can be reached.</summary>
    public static readonly TimeSpan MaxShift = TimeSpan.FromHours(24);

    /// <summary>The longest range one generation covers: two months, a roster people can still check by eye.</summary>
    public const int MaxGenerateDays = 62;

    public static readonly IReadOnlyList<string> Presets = [DayShift, NightShift, AllDay];

    /// <summary>The start is inclusive and the end exclusive, so a hand-over instant belongs to the next shift alone.</summary>
    public static bool Covers(DateTime startsAt, DateTime endsAt, DateTime at) => startsAt <= at && at < endsAt;

    public static bool Overlaps(DateTime aStart, DateTime aEnd, DateTime bStart, DateTime bEnd) => aStart < bEnd && bStart < aEnd;

    /// <summary>The people on duty at the instant, the earliest-starting shift first, each person once.</summary>
    public static IReadOnlyList<Guid> OnDuty(IEnumerable<ShiftSpan> shifts, DateTime at)
        => shifts.Where(s => Covers(s.StartsAt, s.EndsAt, at)).OrderBy(s => s.StartsAt).Select(s => s.UserId).Distinct().ToList();

    /// <summary>The first of the person's shifts that the candidate would overlap, or null.</summary>
    public static ShiftSpan? FirstOverlap(IEnumerable<ShiftSpan> existing, ShiftSpan candidate)
        => existing.Where(s => s.UserId == candidate.UserId && Overlaps(s.StartsAt, s.EndsAt, candidate.StartsAt, candidate.EndsAt))
            .OrderBy(s => s.StartsAt)
            .FirstOrDefault();

    public static Error? Validate(ShiftInput input)
    {
        if (input.UserId == Guid.Empty)
        {
            return Error.Validation("userId", "请选择“值班人员”。");
        }

        if (Check.Required("label", "班次", input.Label, DutyShift.LabelMaxLength) is { } label)
        {
            return label;
        }

        if (Check.Optional("note", "备注", input.Note, DutyShift.NoteMaxLength) is { } note)
        {
            return note;
        }

        if (input.EndsAt <= input.StartsAt)
        {
            return Error.Validation("endsAt", "“结束时间”须晚于“开始时间”。");
        }

        return input.EndsAt - input.StartsAt > MaxShift
            ? Error.Validation("endsAt", $"一个班次最长 24 小时（现为 {Hours(input.EndsAt - input.StartsAt)}）。")
            : null;
    }

    public static Error? Validate(WeeklyPattern pattern)
    {
        if (pattern.To < pattern.From)
        {
            return Error.Validation("to", "“结束日期”不能早于“开始日期”。");
        }

        var days = pattern.To.DayNumber - pattern.From.DayNumber + 1;
        if (days > MaxGenerateDays)
        {
            return Error.Validation("to", $"一次最多生成 {MaxGenerateDays} 天的排班（现为 {days} 天）。");
        }

        if (pattern.Days.Count == 0)
        {
            return Error.Validation("days", "请至少选择一个“星期”。");
        }

        if (pattern.Slots.Count == 0)
        {
            return Error.Validation("slots", "请至少设置一个“班次”。");
        }

        for (var i = 0; i < pattern.Slots.Count; i++)
        {
            if (Check.Required("slots", $"第 {i + 1} 个班次的名称", pattern.Slots[i].Label, DutyShift.LabelMaxLength) is { } label)
            {
                return label;
            }
        }

        var local = pattern.Slots.Select(s => (s.Start, End: s.Start.ToTimeSpan() + Length(s))).OrderBy(s => s.Start).ToList();
        for (var i = 1; i < local.Count; i++)
        {
            if (local[i].Start.ToTimeSpan() < local[i - 1].End)
            {
                return Error.Validation("slots", $"班次时间重叠：{local[i - 1].Start:HH\\:mm} 开始的班次与 {local[i].Start:HH\\:mm} 开始的班次。");
            }
        }

        if (local.Count > 1 && local[^1].End - TimeSpan.FromDays(1) > local[0].Start.ToTimeSpan())
        {
            return Error.Validation("slots", $"跨日的班次（{local[^1].Start:HH\\:mm} 开始）与次日 {local[0].Start:HH\\:mm} 开始的班次重叠。");
        }

        if (pattern.People.Count == 0 || pattern.People.Any(p => p == Guid.Empty))
        {
            return Error.Validation("people", "请至少选择一名“值班人员”。");
        }

        return null;
    }

    /// <summary>
    /// The shifts of the pattern, in order of their start; the people take them in turn (the n-th shift goes to the
    /// n-th person, starting again after the last), so a list of four rotates 白班/夜班 through the week. Local times
    /// are converted with <paramref name="zone"/>; a local time skipped by a clock change moves to the hour after.
    /// </summary>
    public static IReadOnlyList<GeneratedShift> Generate(WeeklyPattern pattern, TimeZoneInfo zone)
    {
        var slots = pattern.Slots.OrderBy(s => s.Start).ToList();
        var weekdays = pattern.Days.ToHashSet();
        var shifts = new List<GeneratedShift>();
        for (var day = pattern.From; day <= pattern.To; day = day.AddDays(1))
        {
            if (!weekdays.Contains(day.DayOfWeek))
            {
                continue;
            }

            foreach (var slot in slots)
            {
                var start = day.ToDateTime(slot.Start);
                var person = pattern.People[shifts.Count % pattern.People.Count];
                shifts.Add(new GeneratedShift(person, ToUtc(start, zone), ToUtc(start + Length(slot), zone), slot.Label.Trim()));
            }
        }

        return shifts;
    }

    /// <summary>A slot ending at or before its start ends the next day; start equal to end is a whole day (全天).</summary>
    public static TimeSpan Length(DutySlot slot)
        => slot.End > slot.Start ? slot.End - slot.Start : slot.End.ToTimeSpan() - slot.Start.ToTimeSpan() + TimeSpan.FromDays(1);

    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }

    private static string Hours(TimeSpan span) => span.TotalMinutes % 60 == 0 ? $"{span.TotalHours:0} 小时" : $"{span.TotalHours:0.#} 小时";
}
