using DutyDesk.Responsibility.Domain;

namespace DutyDesk.Responsibility.Tests;

public class AssessmentScoreTests
{
    private static readonly AssessmentFormula Default = AssessmentFormula.Default;

    /// <summary>
    /// Obligations/list items as "done/due" ("-" for no data); rectifications and incidents have no data
    /// unless given; expected base and total.
    /// </summary>
    [Theory]
    [InlineData("-", "-", "-", "-", 0.0, 0.0)]
    [InlineData("0/0", "0/0", "-", "-", 0.0, 0.0)]
    [InlineData("12/12", "10/10", "-", "-", 100.0, 100.0)]
    [InlineData("12/12", "10/10", "4/4", "2/2", 100.0, 100.0)]
    [InlineData("10/12", "-", "-", "-", 83.3, 83.3)]
    [InlineData("10/12", "5/10", "-", "-", 69.0, 69.0)]
    [InlineData("0/12", "0/10", "-", "-", 0.0, 0.0)]
    [InlineData("2/3", "1/3", "-", "-", 52.4, 52.4)]
    [InlineData("10/12", "5/10", "1/2", "3/4", 67.1, 67.1)]
    [InlineData("-", "-", "1/2", "-", 50.0, 50.0)]
    public void Compute_Tallies_WeightsRescaledOverComponentsWithData(string obligations, string items, string rectifications, string incidents, double expectedBase, double expectedTotal)
    {
        var result = AssessmentScore.Compute(Default, new AssessmentRecord(Parse(obligations), Parse(items), Parse(rectifications), Parse(incidents)));

        Assert.Equal((decimal)expectedBase, result.BaseScore);
        Assert.Equal((decimal)expectedTotal, result.Total);
    }

    [Fact]
    public void Compute_SomeLate_LineSaysHowManyOnTimeAndEarnsItsShare()
    {
        var result = AssessmentScore.Compute(Default, new AssessmentRecord(new Tally(10, 12), new Tally(6, 8), null, null));

        var obligations = result.Lines.Single(l => l.Key == "obligations");
        Assert.Equal("按时办结 10/12", obligations.Basis);
        Assert.True(obligations.Counted);
        Assert.Equal(57.1m, obligations.Max);           // 40 of 70 counted weight, on 100
        Assert.Equal(47.6m, obligations.Points);        // 57.142857 × 10/12
        var items = result.Lines.Single(l => l.Key == "list-items");
        Assert.Equal("已完成 6/8", items.Basis);
        Assert.Equal(42.9m, items.Max);
        Assert.Equal(32.1m, items.Points);              // 42.857143 × 6/8 = 32.142857
        Assert.Equal(79.8m, result.BaseScore);          // 47.619 + 32.143 = 79.762, rounded once
    }

    [Fact]
    public void Compute_RectificationsAndIncidentsMissing_LeftOutAndSaidSo()
    {
        var result = AssessmentScore.Compute(Default, new AssessmentRecord(new Tally(1, 1), new Tally(1, 1), null, null));

        var rectifications = result.Lines.Single(l => l.Key == "rectifications");
        Assert.False(rectifications.Counted);
        Assert.Equal("尚无整改记录，不计入", rectifications.Basis);
        Assert.Equal((0m, 0m), (rectifications.Points, rectifications.Max));
        Assert.Equal("尚无舆情事件记录，不计入", result.Lines.Single(l => l.Key == "incidents").Basis);
        Assert.Equal(100m, result.Lines.Where(l => l.Counted).Sum(l => l.Max));
    }

    [Fact]
    public void Compute_EmptyRecord_NoDataAndZero()
    {
        var result = AssessmentScore.Compute(Default, new AssessmentRecord(null, null, null, null));

        Assert.False(result.HasData);
        Assert.Equal(0m, result.Total);
        Assert.All(result.Lines, l => Assert.Contains("不计入", l.Basis, StringComparison.Ordinal));
        Assert.Equal(4, result.Lines.Count);
    }

    [Theory]
    [InlineData(80.0, new[] { 5.0, -2.5 }, 82.5)]
    [InlineData(98.0, new[] { 5.0 }, 100.0)]
    [InlineData(3.0, new[] { -10.0 }, 0.0)]
    [InlineData(50.0, new[] { 30.0, 40.0, -15.0 }, 100.0)]
    [InlineData(50.0, new double[0], 50.0)]
    public void Final_Adjustments_AddedAndClampedTo0To100(double baseScore, double[] adjustments, double expected)
        => Assert.Equal((decimal)expected, AssessmentScore.Final((decimal)baseScore, adjustments.Select(a => (decimal)a)));

    [Fact]
    public void Compute_AdjustmentsBeyondRange_TotalClampedButBaseAndAdjustmentKept()
    {
        var result = AssessmentScore.Compute(Default, new AssessmentRecord(new Tally(12, 12), null, null, null, [5m, 3m]));

        Assert.Equal((100m, 8m, 100m), (result.BaseScore, result.Adjustment, result.Total));
    }

    [Theory]
    [InlineData(0.05, 0.1)]
    [InlineData(0.15, 0.2)]
    [InlineData(52.35, 52.4)]
    [InlineData(-0.05, -0.1)]
    [InlineData(66.649, 66.6)]
    public void Round_HalfAwayFromZero_OneDecimal(double value, double expected)
        => Assert.Equal((decimal)expected, AssessmentScore.Round((decimal)value));

    [Fact]
    public void Compute_ZeroWeight_ComponentLeftOutEvenWithData()
    {
        var result = AssessmentScore.Compute(new AssessmentFormula(50, 0, 50, 0), new AssessmentRecord(new Tally(1, 2), new Tally(0, 5), null, null));

        Assert.Equal(50m, result.BaseScore);
        Assert.Equal("权重为 0，不计入", result.Lines.Single(l => l.Key == "list-items").Basis);
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(-1, 2)]
    public void Compute_ImpossibleTally_Throws(int done, int due)
        => Assert.Throws<ArgumentException>(() => AssessmentScore.Compute(Default, new AssessmentRecord(new Tally(done, due), null, null, null)));

    [Fact]
    public void Describe_DefaultFormula_NamesEveryWeightAndTheRescaling()
    {
        var text = Default.Describe();

        Assert.Contains("制度性要求按时履行×40", text, StringComparison.Ordinal);
        Assert.Contains("责任清单事项完成×30", text, StringComparison.Ordinal);
        Assert.Contains("整改销号×15", text, StringComparison.Ordinal);
        Assert.Contains("不计入", text, StringComparison.Ordinal);
    }

    private static Tally? Parse(string text)
    {
        if (text == "-")
        {
            return null;
        }

        var parts = text.Split('/');
        return new Tally(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
