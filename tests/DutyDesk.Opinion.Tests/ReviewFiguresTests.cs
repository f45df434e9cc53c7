using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Tasks;

namespace DutyDesk.Opinion.Tests;

public sealed class ReviewFiguresTests
{
    private static readonly DateTime Found = new(2026, 11, 30, 1, 0, 0, DateTimeKind.Utc);

    private static TimelinePoint P(int seq, CaseStep step, double minutes, TimelineKind kind = TimelineKind.Step) => new(seq, kind, step, Found.AddMinutes(minutes));

    public static TheoryData<string, TimelinePoint[], double?, double?[]> Timelines => new()
    {
        {
            "whole procedure",
            [
                P(1, CaseStep.Discovered, 5, TimelineKind.Opened), P(2, CaseStep.Discovered, 5, TimelineKind.Level), P(3, CaseStep.Reported, 25),
                P(4, CaseStep.Reported, 25, TimelineKind.Deadline), P(5, CaseStep.Consulted, 85), P(6, CaseStep.Statement, 205),
                P(7, CaseStep.Responded, 865), P(8, CaseStep.AfterCare, 1165),
            ],
            1165, [25, 205, 865, 1165]
        },
        { "minor case calmed without response", [P(1, CaseStep.Discovered, 0, TimelineKind.Opened), P(2, CaseStep.Monitoring, 10), P(3, CaseStep.AfterCare, 90)], 90, [null, null, null, 90] },
        { "still at the report", [P(1, CaseStep.Discovered, 0, TimelineKind.Opened), P(2, CaseStep.Reported, 40)], null, [40, null, null, null] },
        // Entries are read in the order they were written, whatever their times.
        { "out of order seq", [P(3, CaseStep.Reported, 50, TimelineKind.Note), P(2, CaseStep.Reported, 30), P(1, CaseStep.Discovered, 0)], null, [30, null, null, null] },
        { "moment before discovery counts as none", [P(1, CaseStep.Reported, -5)], null, [0, null, null, null] },
    };

    [Theory]
    [MemberData(nameof(Timelines))]
    public void Spans_Timeline_FirstEntryIntoEachStepFromDiscovery(string scenario, TimelinePoint[] timeline, double? calmedMinutes, double?[] expectedMinutes)
    {
        var spans = ReviewFigures.Spans(Found, calmedMinutes is { } m ? Found.AddMinutes(m) : null, timeline);

        Assert.Equal([ReviewFigures.ToReport, ReviewFigures.ToStatement, ReviewFigures.ToResponse, ReviewFigures.ToCalm], spans.Select(s => s.Name).ToList());
        Assert.True(
            expectedMinutes.SequenceEqual(spans.Select(s => s.Span?.TotalMinutes)),
            $"{scenario}: {string.Join(", ", spans.Select(s => s.Span?.TotalMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"))}");
    }

    public static TheoryData<DueTaskState, double?, double, DeadlineOutcome, string> Deadlines => new()
    {
        { DueTaskState.Done, 20, 60, DeadlineOutcome.Kept, "按时" },
        { DueTaskState.Done, 30, 60, DeadlineOutcome.Kept, "按时" },
        { DueTaskState.Done, 175, 200, DeadlineOutcome.Late, "超时 2 小时 25 分钟" },
        { DueTaskState.Open, null, 90, DeadlineOutcome.Overdue, "未完成，已逾期 1 小时" },
        { DueTaskState.Open, null, 30, DeadlineOutcome.Overdue, "未完成，已逾期 0 分钟" },
        { DueTaskState.Open, null, 29, DeadlineOutcome.NotDue, "未到期" },
        { DueTaskState.Cancelled, null, 3000, DeadlineOutcome.NotApplicable, "不适用" },
    };

    [Theory]
    [MemberData(nameof(Deadlines))]
    public void Outcome_DeadlineDueAfter30Minutes_Expected(DueTaskState state, double? completedMinutes, double nowMinutes, DeadlineOutcome outcome, string text)
    {
        var facts = new DeadlineFacts(DeadlineKind.ReportToGroup, Found.AddMinutes(30), state, completedMinutes is { } m ? Found.AddMinutes(m) : null);

        var result = ReviewFigures.Outcome(facts, Found.AddMinutes(nowMinutes));

        Assert.Equal((outcome, text, "向领导小组报送快报"), (result.Outcome, result.Text, result.Name));
    }

    [Theory]
    [InlineData(0, "0 分钟")]
    [InlineData(59.6, "1 小时")]
    [InlineData(125, "2 小时 5 分钟")]
    [InlineData(1440, "1 天")]
    [InlineData(1440 + 185, "1 天 3 小时")]
    [InlineData(-10, "0 分钟")]
    public void Words_Span_Expected(double minutes, string expected) => Assert.Equal(expected, ReviewFigures.Words(TimeSpan.FromMinutes(minutes)));
}
