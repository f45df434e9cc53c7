using DutyDesk.Platform.Tasks;

namespace DutyDesk.Platform.Tests;

public class ReminderScheduleTests
{
    private static readonly DateTime Due = new(2026, 12, 10, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("", new int[0])]
    [InlineData("60", new[] { 60 })]
    [InlineData("60,1440", new[] { 1440, 60 })]
    [InlineData(" 1440 ，60 ", new[] { 1440, 60 })]
    [InlineData("60,60", new[] { 60 })]
    public void Parse_ValidText_ReturnsDistinctOffsetsLargestFirst(string text, int[] expected)
    {
        var (offsets, problem) = ReminderSchedule.Parse(text);

        Assert.Null(problem);
        Assert.Equal(expected, offsets);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("999999")]
    [InlineData("1,2,3,4,5,6")]
    public void Parse_InvalidText_ReturnsChineseProblem(string text)
    {
        var (offsets, problem) = ReminderSchedule.Parse(text);

        Assert.Null(offsets);
        Assert.NotNull(problem);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem);
    }

    public static TheoryData<int[], DateTime, DateTime?> NextCases => new()
    {
        // offsets, after, expected next reminder
        { [1440, 60], Due.AddDays(-3), Due.AddMinutes(-1440) },
        { [1440, 60], Due.AddMinutes(-1440), Due.AddMinutes(-60) },
        { [1440, 60], Due.AddMinutes(-30), null },
        { [], Due.AddDays(-3), null },
        { [60], Due.AddMinutes(-60).AddTicks(-1), Due.AddMinutes(-60) },
    };

    [Theory]
    [MemberData(nameof(NextCases))]
    public void Next_AfterGivenTime_ReturnsFirstLaterReminderBeforeDue(int[] offsets, DateTime after, DateTime? expected)
        => Assert.Equal(expected, ReminderSchedule.Next(Due, offsets, after));

    [Fact]
    public void First_TaskCreatedInsideEarliestWindow_SkipsRemindersAlreadyPast()
        => Assert.Equal(Due.AddMinutes(-60), ReminderSchedule.First(Due, [1440, 60], Due.AddHours(-5)));

    [Theory]
    [InlineData("1440,60", "提前 1 天、1 小时")]
    [InlineData("90", "提前 90 分钟")]
    [InlineData("", "无")]
    [InlineData("x", "无")]
    public void Describe_Offsets_ReadsAsChinese(string offsets, string expected)
        => Assert.Equal(expected, ReminderSchedule.Describe(offsets));
}
