using DutyDesk.Responsibility.Domain;

namespace DutyDesk.Responsibility.Tests;

public sealed class OccurrencePlanTests
{
    [Theory]
    [InlineData("2031-11", "2031年11月")]
    [InlineData("2031-01", "2031年1月")]
    [InlineData("2031-Q3", "2031年第3季度")]
    [InlineData("2031-H1", "2031年上半年")]
    [InlineData("2031-H2", "2031年下半年")]
    [InlineData("2031", "2031年度")]
    [InlineData("2031-W05", "2031年第5周")]
    [InlineData("2031-M05+4", "2031年5–8月")]
    public void Label_PeriodKey_ReadsInChinese(string key, string expected)
        => Assert.Equal(expected, OccurrencePlan.Label(key));

    public static TheoryData<Frequency, int, string, string, int, string[]> DueCases => new()
    {
        // Adopted mid-month: this month's screening is still due after adoption, last month's is not.
        { Frequency.Monthly, 1, "2031-03-15", "2031-03-15 09:00", 47, ["2031-03", "2031-04"] },
        { Frequency.Monthly, 1, "2031-03-15", "2031-03-15 09:00", 45, ["2031-03"] },
        // Adopted on the due day itself: counted.
        { Frequency.Monthly, 1, "2031-03-31", "2031-03-31 09:00", 1, ["2031-03"] },
        // Last year's fourth quarter falls due in January (10 days after the quarter).
        { Frequency.Quarterly, 1, "2031-01-05", "2031-01-05 09:00", 30, ["2030-Q4"] },
        // A server that was down plans the missed rounds since adoption too: they are overdue, not forgotten.
        { Frequency.Monthly, 1, "2031-01-01", "2031-04-02 09:00", 0, ["2031-01", "2031-02", "2031-03"] },
        // "At least 2 a year": one each half-year.
        { Frequency.Yearly, 2, "2031-01-01", "2031-12-01 09:00", 62, ["2031-H1", "2031-H2"] },
        { Frequency.Yearly, 1, "2031-06-01", "2031-06-01 09:00", 62, [] },
    };

    [Theory]
    [MemberData(nameof(DueCases))]
    public void Due_AdoptionAndHorizon_ExpectedPeriods(Frequency frequency, int times, string startsOn, string now, int aheadDays, string[] expected)
    {
        var dueAfter = frequency == Frequency.Quarterly ? 10 : 0;

        var due = OccurrencePlan.Due(new Recurrence(frequency, times, DueAfterDays: dueAfter), DateOnly.Parse(startsOn, System.Globalization.CultureInfo.InvariantCulture),
            DateTime.Parse(now, System.Globalization.CultureInfo.InvariantCulture), aheadDays);

        Assert.Equal(expected, due.Select(o => o.PeriodKey));
    }

    [Theory]
    [InlineData("7,1", new[] { 10080, 1440 })]
    [InlineData("1，7、3", new[] { 10080, 4320, 1440 })]
    [InlineData("", new int[0])]
    [InlineData("3,3", new[] { 4320 })]
    public void ReminderMinutes_ValidDays_MinutesDescending(string days, int[] expected)
    {
        var (minutes, problem) = OccurrencePlan.ReminderMinutes(days);

        Assert.Null(problem);
        Assert.Equal(expected, minutes);
    }

    [Theory]
    [InlineData("七天")]
    [InlineData("0")]
    [InlineData("61")]
    [InlineData("-1")]
    [InlineData("1,2,3,4,5,6")]
    public void ReminderMinutes_Malformed_ProblemStated(string days)
    {
        var (minutes, problem) = OccurrencePlan.ReminderMinutes(days);

        Assert.Null(minutes);
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }
}
