using DutyDesk.Opinion.Domain;
using Microsoft.Extensions.Time.Testing;

namespace DutyDesk.Opinion.Tests;

public sealed class PeriodRulesTests
{
    private static readonly DateTime Start = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    private static PeriodInput Input(string? name = "元旦", int hours = 48, double deadline = 0.5, double monitoring = 0.5, string? note = null)
        => new(name, Start, Start.AddHours(hours), deadline, monitoring, note);

    public static TheoryData<string, PeriodInput, string, string> Invalid => new()
    {
        { "no name", Input(name: "  "), "name", "“名称”不能为空。" },
        { "name too long", Input(name: new string('节', 61)), "name", "“名称”不能超过 60 个字符（当前 61 个）。" },
        { "end not after start", Input(hours: 0), "endsAt", "“结束时间”须晚于“开始时间”。" },
        { "longer than a year", Input(hours: 367 * 24), "endsAt", "敏感时期最长 366 天。" },
        { "deadline factor too small", Input(deadline: 0.05), "deadlineFactor", "“处置期限系数”须在 0.1 到 1.0 之间（现为 0.05）。" },
        { "deadline factor above one", Input(deadline: 1.5), "deadlineFactor", "“处置期限系数”须在 0.1 到 1.0 之间（现为 1.5）。" },
        { "monitoring factor zero", Input(monitoring: 0), "monitoringFactor", "“监测间隔系数”须在 0.1 到 1.0 之间（现为 0）。" },
        { "monitoring factor not a number", Input(monitoring: double.NaN), "monitoringFactor", "“监测间隔系数”须在 0.1 到 1.0 之间（现为 NaN）。" },
        { "note too long", Input(note: new string('注', 501)), "note", "“备注”不能超过 500 个字符（当前 501 个）。" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_Invalid_FieldAndChineseMessage(string scenario, PeriodInput input, string field, string message)
    {
        var error = PeriodRules.Validate(input);

        Assert.True(error is not null, scenario);
        Assert.Equal((field, message), (error.Field, error.Message));
    }

    [Theory]
    [InlineData(0.1, 1.0)]
    [InlineData(1.0, 0.1)]
    [InlineData(0.5, 0.5)]
    public void Validate_FactorsAtBounds_Accepted(double deadline, double monitoring)
        => Assert.Null(PeriodRules.Validate(Input(deadline: deadline, monitoring: monitoring)));

    private static SensitivePeriod Period(string name, int fromHour, int toHour, double deadline, double monitoring) => new()
    {
        Id = Guid.NewGuid(), Name = name, StartsAt = Start.AddHours(fromHour), EndsAt = Start.AddHours(toHour), DeadlineFactor = deadline, MonitoringFactor = monitoring,
    };

    private static readonly SensitivePeriod[] Periods =
    [
        Period("高考", 0, 72, 0.5, 0.8),
        Period("考前三天", 24, 48, 0.3, 0.5),
        Period("元旦", 48, 96, 0.8, 0.2),
    ];

    [Theory]
    [InlineData(-1, null, 1.0)]
    [InlineData(0, "高考", 0.8)]
    [InlineData(24, "考前三天", 0.5)]
    [InlineData(47, "考前三天", 0.5)]
    [InlineData(48, "高考", 0.2)]
    [InlineData(72, "元旦", 0.2)]
    [InlineData(96, null, 1.0)]
    public void Active_Instant_SmallestDeadlineFactorAndSmallestMonitoringFactor(int hour, string? expected, double monitoring)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Start.AddHours(hour)));
        var at = clock.GetUtcNow().UtcDateTime;

        Assert.Equal(expected, PeriodRules.Active(Periods, at)?.Name);
        Assert.Equal(monitoring, PeriodRules.MonitoringFactor(Periods, at), 6);
    }

    [Theory]
    [InlineData(15, 1.0, 15)]
    [InlineData(15, 0.5, 7.5)]
    [InlineData(30, 0.1, 3)]
    [InlineData(5, 0.1, 1)]
    [InlineData(15, 0.0, 1.5)]
    [InlineData(15, 7.0, 15)]
    public void PollInterval_Factor_ShortenedButAtLeastAMinute(double minutes, double factor, double expected)
        => Assert.Equal(TimeSpan.FromMinutes(expected), PeriodRules.PollInterval(TimeSpan.FromMinutes(minutes), factor));

    /// <summary>A period beginning five minutes after <see cref="Start"/>.</summary>
    private static SensitivePeriod Soon(string name, double monitoring) => new()
    {
        Id = Guid.NewGuid(), Name = name, StartsAt = Start.AddMinutes(5), EndsAt = Start.AddDays(1), DeadlineFactor = 0.5, MonitoringFactor = monitoring,
    };

    private static readonly Dictionary<string, SensitivePeriod[]> Upcoming = new()
    {
        ["no period"] = [],
        ["active at half"] = [Period("高考", -1, 24, 0.5, 0.5)],
        ["begins before the regular poll"] = [Soon("高考", 0.5)],
        ["begins later than the regular poll"] = [Period("元旦", 1, 24, 0.5, 0.5)],
        ["begins soon but raises nothing"] = [Soon("校庆", 1.0)],
        ["active at half, stronger one begins sooner"] = [Period("高考", -1, 24, 0.5, 0.5), Soon("考前", 0.2)],
        ["active at half, weaker one begins sooner"] = [Period("高考", -1, 24, 0.5, 0.5), Soon("校庆", 0.8)],
    };

    [Theory]
    [InlineData("no period", 15)]
    [InlineData("active at half", 7.5)]
    [InlineData("begins before the regular poll", 5)]
    [InlineData("begins later than the regular poll", 15)]
    [InlineData("begins soon but raises nothing", 15)]
    [InlineData("active at half, stronger one begins sooner", 5)]
    [InlineData("active at half, weaker one begins sooner", 7.5)]
    public void NextPoll_Periods_ShortenedIntervalOrStartOfAStrongerPeriod(string scenario, double minutes)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Start));

        var next = PeriodRules.NextPoll(clock.GetUtcNow().UtcDateTime, TimeSpan.FromMinutes(15), Upcoming[scenario]);

        Assert.True(Start.AddMinutes(minutes) == next, $"{scenario}: {next:HH:mm:ss}");
    }

    [Fact]
    public void Shorten_ThirtyMinutesAtHalf_FifteenMinutes()
        => Assert.Equal(Start.AddMinutes(15), PeriodRules.Shorten(Start, TimeSpan.FromMinutes(30), 0.5));
}
