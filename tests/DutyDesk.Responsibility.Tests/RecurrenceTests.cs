using DutyDesk.Responsibility.Domain;
using DutyDesk.Responsibility.Features.Calendar;

namespace DutyDesk.Responsibility.Tests;

public class RecurrenceTests
{
    public static TheoryData<Frequency, int, int, string, string, string> Cases => new()
    {
        // frequency, times per period, expected count, first period key, first scheduled, last due
        { Frequency.Monthly, 1, 12, "2026-01", "2026-01-31", "2026-12-31 17:30" },
        { Frequency.Quarterly, 1, 4, "2026-Q1", "2026-03-31", "2026-12-31 17:30" },
        { Frequency.HalfYearly, 1, 2, "2026-H1", "2026-06-30", "2026-12-31 17:30" },
        { Frequency.Yearly, 1, 1, "2026", "2026-12-31", "2026-12-31 17:30" },
        { Frequency.Yearly, 2, 2, "2026-H1", "2026-06-30", "2026-12-31 17:30" },
        { Frequency.Yearly, 4, 4, "2026-Q1", "2026-03-31", "2026-12-31 17:30" },
        { Frequency.Quarterly, 3, 12, "2026-01", "2026-01-31", "2026-12-31 17:30" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Occurrences_PeriodicRule_SplitsTheYearEvenly(Frequency frequency, int times, int count, string firstKey, string firstScheduled, string lastDue)
    {
        var occurrences = new Recurrence(frequency, times).Occurrences(2026);

        Assert.Equal(count, occurrences.Count);
        Assert.Equal(firstKey, occurrences[0].PeriodKey);
        Assert.Equal(DateOnly.Parse(firstScheduled, System.Globalization.CultureInfo.InvariantCulture), occurrences[0].Scheduled);
        Assert.Equal(DateTime.Parse(lastDue, System.Globalization.CultureInfo.InvariantCulture), occurrences[^1].DueLocal);
        Assert.All(occurrences.Zip(occurrences.Skip(1)), pair => Assert.Equal(pair.First.PeriodEnd.AddDays(1), pair.Second.PeriodStart));
    }

    [Theory]
    [InlineData(2026, 52, "2026-01-06")]
    [InlineData(2030, 53, "2030-01-01")]
    public void Occurrences_WeeklyOnTuesday_EveryTuesdayOfTheYear(int year, int count, string first)
    {
        var occurrences = new Recurrence(Frequency.Weekly, Weekday: DayOfWeek.Tuesday, DueAfterDays: 3).Occurrences(year);

        Assert.Equal(count, occurrences.Count);
        Assert.Equal(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), occurrences[0].Scheduled);
        Assert.All(occurrences, o => Assert.Equal(DayOfWeek.Tuesday, o.Scheduled.DayOfWeek));
        Assert.All(occurrences, o => Assert.Equal(o.Scheduled.AddDays(3).ToDateTime(Recurrence.DueTime), o.DueLocal));
    }

    [Fact]
    public void Occurrences_QuarterlyReportDueTenDaysAfterQuarter_CrossesIntoNextYear()
    {
        var last = new Recurrence(Frequency.Quarterly, DueAfterDays: 10).Occurrences(2026)[^1];

        Assert.Equal(new DateOnly(2026, 12, 31), last.Scheduled);
        Assert.Equal(new DateTime(2027, 1, 10, 17, 30, 0), last.DueLocal);
    }

    [Theory]
    [InlineData(Frequency.Yearly, 5, "可选")]
    [InlineData(Frequency.Quarterly, 2, "可选 1、3")]
    [InlineData(Frequency.Monthly, 0, "至少为 1")]
    [InlineData(Frequency.Weekly, 2, "每周")]
    public void Problem_UnevenOrImpossibleRule_ExplainsInChinese(Frequency frequency, int times, string expected)
    {
        var rule = new Recurrence(frequency, times);

        Assert.Contains(expected, rule.Problem(), StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => rule.Occurrences(2026));
    }

    [Fact]
    public void Catalog_Defaults_AllValidAndMatchTheProductFigures()
    {
        Assert.All(ObligationCatalog.Defaults, o => Assert.Null(o.Recurrence.Problem()));
        int Count(string code) => ObligationCatalog.Defaults.Single(o => o.Code == code).Recurrence.Occurrences(2026).Count;
        Assert.Equal(2, Count("special-meeting"));
        Assert.Equal(4, Count("report-up"));
        Assert.Equal(12, Count("risk-screening"));
        Assert.Equal(2, Count("inspection"));
        Assert.Equal(1, Count("policy-lecture"));
        Assert.Equal(52, Count("group-study"));
        Assert.True(ObligationCatalog.Defaults.Single(o => o.Code == "policy-lecture").PerLeadershipMember);
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2101)]
    public void Calendar_YearOutOfRange_ValidationErrorOnYear(int year)
    {
        var result = new ObligationCalendar(ObligationCatalog.Defaults).ForYear(year);

        Assert.Equal("year", result.Error?.Field);
    }

    [Fact]
    public void Calendar_Year_OrderedByDueWithEveryOccurrence()
    {
        var entries = new ObligationCalendar(ObligationCatalog.Defaults).ForYear(2026).Value;

        Assert.Equal(ObligationCatalog.Defaults.Sum(o => o.Recurrence.Occurrences(2026).Count), entries.Count);
        Assert.Equal(entries.OrderBy(e => e.DueLocal).Select(e => e.DueLocal), entries.Select(e => e.DueLocal));
    }
}
