using DutyDesk.Responsibility.Domain;

namespace DutyDesk.Responsibility.Tests;

public class FulfilmentTests
{
    private static readonly DateOnly Start = new(2026, 1, 1);
    private static readonly DateOnly End = new(2026, 12, 31);

    [Theory]
    [InlineData(2, new[] { "2026-03-10", "2026-05-20" }, 2, true)]
    [InlineData(2, new[] { "2026-03-10" }, 1, false)]
    [InlineData(2, new[] { "2025-12-31", "2026-03-10", "2027-01-01" }, 1, false)]
    [InlineData(1, new string[0], 0, false)]
    [InlineData(2, new[] { "2026-01-01", "2026-12-31", "2026-06-30" }, 3, true)]
    public void Evaluate_AtLeastNAYear_CountsCompletionsInsideThePeriod(int required, string[] dates, int done, bool met)
    {
        var result = Fulfilment.Evaluate(required, Start, End, dates.Select(d => DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(done, result.Done);
        Assert.Equal(met, result.Met);
        Assert.Equal(Math.Max(0, required - done), result.Missing);
    }

    [Fact]
    public void EvaluatePerMember_OneMembersExtraLectures_DoNotCoverAnother()
    {
        string[] members = ["王建国", "李红梅", "刘志强"];
        var lectures = new[]
        {
            ("王建国", new DateOnly(2026, 3, 1)), ("王建国", new DateOnly(2026, 9, 1)), ("李红梅", new DateOnly(2026, 5, 1)),
        };

        var result = Fulfilment.EvaluatePerMember(1, Start, End, members, lectures);

        Assert.Equal(3, result.Required);
        Assert.Equal(2, result.Done);
        Assert.False(result.Met);
    }
}
