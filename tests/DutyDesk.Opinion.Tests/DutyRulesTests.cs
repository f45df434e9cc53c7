using DutyDesk.Opinion.Domain;
using Microsoft.Extensions.Time.Testing;

namespace DutyDesk.Opinion.Tests;

public sealed class DutyRulesTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly Guid Zhang = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Li = new("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid Wang = new("00000000-0000-0000-0000-00000000000c");

    private static DateTime Utc(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, DateTimeKind.Utc);

    /// <summary>Zhang 00:30–09:30 UTC (08:30–17:30 local), Li 09:30–00:30 the next day, Wang overlapping Li's afternoon.</summary>
    private static readonly ShiftSpan[] Roster =
    [
        new(Li, Utc(30, 9, 30), Utc(30, 9, 30).AddHours(15)),
        new(Zhang, Utc(30, 0, 30), Utc(30, 9, 30)),
        new(Wang, Utc(30, 8), Utc(30, 12)),
    ];

    public static TheoryData<string, int, int, Guid[]> Instants => new()
    {
        { "before any shift", 0, 29, [] },
        { "start is inclusive", 0, 30, [Zhang] },
        { "inside the day shift", 5, 0, [Zhang] },
        { "two people, earliest start first", 8, 0, [Zhang, Wang] },
        { "end is exclusive, hand-over to the next", 9, 30, [Wang, Li] },
        { "night shift alone", 13, 0, [Li] },
    };

    [Theory]
    [MemberData(nameof(Instants))]
    public void OnDuty_Instant_PeopleEarliestStartFirst(string scenario, int hour, int minute, Guid[] expected)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero));
        clock.Advance(new TimeSpan(hour, minute, 0));

        var onDuty = DutyRules.OnDuty(Roster, clock.GetUtcNow().UtcDateTime);

        Assert.True(expected.SequenceEqual(onDuty), scenario);
    }

    [Fact]
    public void OnDuty_NightShiftPastMidnight_StillOnDutyUntilItsEnd()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Utc(30, 9, 30)));
        var seen = new List<int>();
        for (var i = 0; i < 16; i++)
        {
            seen.Add(DutyRules.OnDuty(Roster, clock.GetUtcNow().UtcDateTime).Count(p => p == Li));
            clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal([.. Enumerable.Repeat(1, 15), 0], seen);
    }

    public static TheoryData<string, ShiftInput, string, string> Invalid => new()
    {
        { "no person", new(Guid.Empty, Utc(30, 0), Utc(30, 8), "白班", null), "userId", "请选择“值班人员”。" },
        { "no label", new(Zhang, Utc(30, 0), Utc(30, 8), " ", null), "label", "“班次”不能为空。" },
        { "label too long", new(Zhang, Utc(30, 0), Utc(30, 8), new string('班', 21), null), "label", "“班次”不能超过 20 个字符（当前 21 个）。" },
        { "end before start", new(Zhang, Utc(30, 8), Utc(30, 7), "白班", null), "endsAt", "“结束时间”须晚于“开始时间”。" },
        { "end equals start", new(Zhang, Utc(30, 8), Utc(30, 8), "白班", null), "endsAt", "“结束时间”须晚于“开始时间”。" },
        { "longer than a day", new(Zhang, Utc(29, 8), Utc(30, 8, 30), "全天", null), "endsAt", "一个班次最长 24 小时（现为 24.5 小时）。" },
        { "note too long", new(Zhang, Utc(30, 0), Utc(30, 8), "白班", new string('注', 201)), "note", "“备注”不能超过 200 个字符（当前 201 个）。" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_InvalidShift_FieldAndChineseMessage(string scenario, ShiftInput input, string field, string message)
    {
        var error = DutyRules.Validate(input);

        Assert.NotNull(error);
        Assert.Equal((field, message), (error.Field, error.Message));
        Assert.False(string.IsNullOrEmpty(scenario));
    }

    [Theory]
    [InlineData(0, 24, true)]
    [InlineData(0, 1, true)]
    public void Validate_ShiftUpToADay_Accepted(int startHour, int hours, bool ok)
        => Assert.Equal(ok, DutyRules.Validate(new ShiftInput(Zhang, Utc(30, startHour), Utc(30, startHour).AddHours(hours), "全天", "")) is null);

    [Theory]
    [InlineData(9, 0, 12, 0, true)]
    [InlineData(0, 0, 0, 31, true)]
    [InlineData(0, 0, 0, 30, false)]
    [InlineData(0, 30, 9, 30, true)]
    [InlineData(9, 30, 10, 0, false)]
    [InlineData(18, 0, 20, 0, false)]
    public void FirstOverlap_CandidateOfZhang_OverlapsOnlyWhenTimesShare(int fromHour, int fromMinute, int toHour, int toMinute, bool overlaps)
    {
        var candidate = new ShiftSpan(Zhang, Utc(30, fromHour, fromMinute), Utc(30, toHour, toMinute));
        var zhangOnly = new ShiftSpan[] { new(Zhang, Utc(30, 0, 30), Utc(30, 9, 30)), new(Zhang, Utc(30, 9, 30).AddHours(15), Utc(30, 9, 30).AddHours(24)) };

        Assert.Equal(overlaps, DutyRules.FirstOverlap([.. zhangOnly, .. Roster.Where(r => r.UserId != Zhang)], candidate) is not null);
    }

    [Fact]
    public void FirstOverlap_OtherPersonsShift_NotAnOverlap()
        => Assert.Null(DutyRules.FirstOverlap(Roster, new ShiftSpan(Zhang, Utc(30, 10), Utc(30, 12))));

    private static WeeklyPattern Weekdays(DateOnly from, DateOnly to, params Guid[] people) => new(
        from, to,
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        [new DutySlot("夜班", new TimeOnly(17, 30), new TimeOnly(8, 30)), new DutySlot("白班", new TimeOnly(8, 30), new TimeOnly(17, 30))],
        people);

    [Fact]
    public void Generate_WorkWeekDayAndNight_ShanghaiTimesStoredAsUtcAndPeopleRotate()
    {
        // 2026-11-30 is a Monday; the week runs to Sunday 12-06, whose weekend gets no shifts.
        var shifts = DutyRules.Generate(Weekdays(new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 6), Zhang, Li, Wang), Shanghai);

        Assert.Equal(10, shifts.Count);
        Assert.Equal(new GeneratedShift(Zhang, Utc(30, 0, 30), Utc(30, 9, 30), "白班"), shifts[0]);
        Assert.Equal(new GeneratedShift(Li, Utc(30, 9, 30), new DateTime(2026, 12, 1, 0, 30, 0, DateTimeKind.Utc), "夜班"), shifts[1]);
        Assert.Equal(new GeneratedShift(Wang, new DateTime(2026, 12, 1, 0, 30, 0, DateTimeKind.Utc), new DateTime(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc), "白班"), shifts[2]);
        Assert.Equal(Zhang, shifts[3].UserId);
        Assert.All(shifts, s => Assert.Equal(DateTimeKind.Utc, s.StartsAt.Kind));
        Assert.Equal(new DateTime(2026, 12, 5, 0, 30, 0, DateTimeKind.Utc), shifts[^1].EndsAt);
        Assert.All(shifts.Zip(shifts.Skip(1)), pair => Assert.Equal(pair.First.EndsAt, pair.Second.StartsAt));
    }

    [Fact]
    public void Generate_ZoneWithClockChange_SkippedLocalTimeMovesToTheHourAfter()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var pattern = new WeeklyPattern(new DateOnly(2026, 3, 29), new DateOnly(2026, 3, 29), [DayOfWeek.Sunday], [new DutySlot("值守", new TimeOnly(2, 30), new TimeOnly(6, 0))], [Zhang]);

        var shift = Assert.Single(DutyRules.Generate(pattern, berlin));

        Assert.Equal((new DateTime(2026, 3, 29, 1, 30, 0, DateTimeKind.Utc), new DateTime(2026, 3, 29, 4, 0, 0, DateTimeKind.Utc)), (shift.StartsAt, shift.EndsAt));
    }

    [Fact]
    public void Generate_AllDaySlot_LastsTwentyFourHours()
    {
        var pattern = new WeeklyPattern(new DateOnly(2026, 12, 5), new DateOnly(2026, 12, 6), [DayOfWeek.Saturday, DayOfWeek.Sunday], [new DutySlot("全天", new TimeOnly(8, 0), new TimeOnly(8, 0))], [Zhang, Li]);

        var shifts = DutyRules.Generate(pattern, Shanghai);

        Assert.Equal([(Zhang, 24.0), (Li, 24.0)], shifts.Select(s => (s.UserId, (s.EndsAt - s.StartsAt).TotalHours)));
        Assert.Null(DutyRules.Validate(pattern));
    }

    public static TheoryData<string, WeeklyPattern, string, string> InvalidPatterns => new()
    {
        { "to before from", Weekdays(new(2026, 12, 2), new(2026, 12, 1), Zhang), "to", "“结束日期”不能早于“开始日期”。" },
        { "too long", Weekdays(new(2026, 12, 1), new(2027, 2, 1), Zhang), "to", "一次最多生成 62 天的排班（现为 63 天）。" },
        { "no weekday", Weekdays(new(2026, 12, 1), new(2026, 12, 1), Zhang) with { Days = [] }, "days", "请至少选择一个“星期”。" },
        { "no slot", Weekdays(new(2026, 12, 1), new(2026, 12, 1), Zhang) with { Slots = [] }, "slots", "请至少设置一个“班次”。" },
        { "slot without name", Weekdays(new(2026, 12, 1), new(2026, 12, 1), Zhang) with { Slots = [new("", new(8, 0), new(9, 0))] }, "slots", "“第 1 个班次的名称”不能为空。" },
        {
            "slots overlap", Weekdays(new(2026, 12, 1), new(2026, 12, 1), Zhang) with { Slots = [new("白班", new(8, 0), new(18, 0)), new("夜班", new(17, 0), new(8, 0))] },
            "slots", "班次时间重叠：08:00 开始的班次与 17:00 开始的班次。"
        },
        {
            "night runs into next morning", Weekdays(new(2026, 12, 1), new(2026, 12, 1), Zhang) with { Slots = [new("白班", new(8, 0), new(17, 0)), new("夜班", new(17, 0), new(9, 0))] },
            "slots", "跨日的班次（17:00 开始）与次日 08:00 开始的班次重叠。"
        },
        { "nobody", Weekdays(new(2026, 12, 1), new(2026, 12, 1)), "people", "请至少选择一名“值班人员”。" },
    };

    [Theory]
    [MemberData(nameof(InvalidPatterns))]
    public void Validate_InvalidPattern_FieldAndChineseMessage(string scenario, WeeklyPattern pattern, string field, string message)
    {
        var error = DutyRules.Validate(pattern);

        Assert.True(error is not null, scenario);
        Assert.Equal((field, message), (error.Field, error.Message));
    }
}
