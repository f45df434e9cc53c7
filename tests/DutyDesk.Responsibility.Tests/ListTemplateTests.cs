using System.Globalization;
using DutyDesk.Responsibility.Domain;

namespace DutyDesk.Responsibility.Tests;

public class ListTemplateTests
{
    public static TheoryData<DeadlineRule, int, string?, string?> Rules => new()
    {
        // rule, year, expected date, expected note
        { DeadlineRule.OnDay(6, 30), 2026, "2026-06-30", null },
        { DeadlineRule.OnDay(2, 29), 2026, "2026-02-28", null },
        { DeadlineRule.OnDay(2, 29), 2028, "2028-02-29", null },
        { DeadlineRule.EndOfMonth(2), 2026, "2026-02-28", null },
        { DeadlineRule.EndOfMonth(2), 2028, "2028-02-29", null },
        { DeadlineRule.EndOfMonth(2), 2100, "2100-02-28", null },
        { DeadlineRule.EndOfMonth(4), 2026, "2026-04-30", null },
        { DeadlineRule.Monthly(25), 2026, "2026-12-25", "每月25日前" },
        { DeadlineRule.Monthly(31), 2027, "2027-12-31", "每月31日前" },
        { DeadlineRule.Quarterly, 2026, "2026-12-31", "每季度末前" },
        { DeadlineRule.HalfYearly, 2028, "2028-12-31", "每半年末前" },
        { DeadlineRule.Ongoing, 2026, null, "全年" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Materialise_RuleInYear_DateAndNote(DeadlineRule rule, int year, string? date, string? note)
    {
        var deadline = rule.Materialise(year);

        Assert.Equal(date is null ? null : DateOnly.Parse(date, CultureInfo.InvariantCulture), deadline.Date);
        Assert.Equal(note, deadline.Note);
    }

    [Theory]
    [InlineData(2026)]
    [InlineData(2028)]
    public void For_Year_EveryDatedRowFallsInThatYearAndRowsAreNumbered(int year)
    {
        var rows = ListTemplate.For(year);

        Assert.InRange(rows.Count, 12, 16);
        Assert.Equal(Enumerable.Range(1, rows.Count), rows.Select(r => r.Order));
        Assert.All(rows.Where(r => r.Deadline.Date is not null), r => Assert.Equal(year, r.Deadline.Date!.Value.Year));
        Assert.All(rows, r => Assert.True(r.Deadline.Date is not null || r.Deadline.Note is not null));
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Measures)));
    }

    [Fact]
    public void For_LeapYear_StudyPlanDueOnTheTwentyNinthOfFebruary()
    {
        var plan = Assert.Single(ListTemplate.For(2028), r => r.Duty.Contains("学习计划", StringComparison.Ordinal));

        Assert.Equal(new DateOnly(2028, 2, 29), plan.Deadline.Date);
        Assert.Equal(new DateOnly(2026, 2, 28), ListTemplate.For(2026).Single(r => r.Duty == plan.Duty).Deadline.Date);
    }

    [Fact]
    public void Rows_CoverAllSevenDutyAreasOfTheCatalog()
        => Assert.Equal(Enumerable.Range(1, AccountabilityCatalog.DutyAreas.Count), ListTemplate.Rows.Select(r => r.Area).Distinct().Order());

    [Fact]
    public void Rows_FitTheColumnLimits()
        => Assert.All(ListTemplate.Rows, r =>
        {
            Assert.InRange(r.Duty.Length, 1, ResponsibilityListItem.DutyMaxLength);
            Assert.InRange(r.Measures.Length, 1, ResponsibilityListItem.MeasuresMaxLength);
            Assert.True(r.Deadline.Describe().Length <= DeadlineText.NoteMaxLength);
        });
}
