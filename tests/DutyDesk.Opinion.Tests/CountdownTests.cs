using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Response;
using DutyDesk.Platform.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace DutyDesk.Opinion.Tests;

/// <summary>What a countdown shows at an instant, and the one ticker all countdowns of a page share.</summary>
public sealed class CountdownTests
{
    private static readonly DateTime Due = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(DueTaskState.Open, -720, null, "剩余 12 小时", "dd-countdown-running")]
    [InlineData(DueTaskState.Open, -61.5, null, "剩余 1 小时 1 分钟", "dd-countdown-running")]
    [InlineData(DueTaskState.Open, -45.25, null, "剩余 45:15", "dd-countdown-running")]
    [InlineData(DueTaskState.Open, -29.5, null, "剩余 29:30", "dd-countdown-soon")]
    [InlineData(DueTaskState.Open, 0, null, "已超时 00:00", "dd-countdown-overdue")]
    [InlineData(DueTaskState.Open, 90, null, "已超时 1 小时 30 分钟", "dd-countdown-overdue")]
    [InlineData(DueTaskState.Done, 90, -5.0, "按时完成", "dd-countdown-kept")]
    [InlineData(DueTaskState.Done, 90, 0.0, "按时完成", "dd-countdown-kept")]
    [InlineData(DueTaskState.Done, 90, 25.0, "超时 25 分钟 完成", "dd-countdown-late")]
    [InlineData(DueTaskState.Cancelled, 90, null, "不适用", "dd-countdown-void")]
    public void Of_StateAndInstant_WordsAndColour(DueTaskState state, double minutesAfterDue, double? completedMinutesAfterDue, string text, string css)
    {
        var deadline = new CaseDeadlineDto(DeadlineKind.OfficialResponse, "发布官方回应", Guid.NewGuid(), Due, state,
            completedMinutesAfterDue is { } done ? Due.AddMinutes(done) : null);

        Assert.Equal(new CountdownFace(text, css), CountdownFace.Of(deadline, Due.AddMinutes(minutesAfterDue)));
    }

    [Fact]
    public void Of_BeforeTheLastHour_SameFaceForAMinute_SoNoRender()
    {
        var deadline = new CaseDeadlineDto(DeadlineKind.OuterLimit, "24 小时", Guid.NewGuid(), Due, DueTaskState.Open, null);
        var start = Due.AddHours(-5);

        var faces = Enumerable.Range(0, 60).Select(s => CountdownFace.Of(deadline, start.AddSeconds(s))).Distinct().ToList();

        Assert.Equal([new CountdownFace("剩余 5 小时", "dd-countdown-running"), new CountdownFace("剩余 4 小时 59 分钟", "dd-countdown-running")], faces);
    }

    [Fact]
    public void Ticker_ManyListenersOneTimer_StopsWhenNobodyListens_StartsAgain()
    {
        var clock = new FakeTimeProvider(Due);
        using var ticker = new CountdownTicker(clock);
        var (a, b) = (0, 0);

        var first = ticker.Listen(() => a++);
        var second = ticker.Listen(() => b++);
        clock.Advance(TimeSpan.FromSeconds(3));
        first.Dispose();
        first.Dispose();
        clock.Advance(TimeSpan.FromSeconds(2));
        second.Dispose();
        clock.Advance(TimeSpan.FromSeconds(5));
        var (aStopped, bStopped) = (a, b);
        using var third = ticker.Listen(() => a++);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal((3, 5), (aStopped, bStopped));
        Assert.Equal(4, a);
    }
}
