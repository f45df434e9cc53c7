using CsCheck;
using DutyDesk.Text.Sentiment;

namespace DutyDesk.Text.Tests.Sentiment;

public sealed class SentimentAnalyzerTests
{
    private static readonly SentimentAnalyzer Analyzer = SentimentAnalyzer.Default;

    [Theory]
    [InlineData("不好", SentimentLabel.Negative)]
    [InlineData("很不好", SentimentLabel.Negative)]
    [InlineData("太差了", SentimentLabel.Negative)]
    [InlineData("服务态度很差，再也不来了", SentimentLabel.Negative)]
    [InlineData("非常好", SentimentLabel.Positive)]
    [InlineData("很满意", SentimentLabel.Positive)]
    [InlineData("房间干净，服务周到", SentimentLabel.Positive)]
    [InlineData("", SentimentLabel.Neutral)]
    public void Analyze_ShortText_Label(string text, SentimentLabel expected)
        => Assert.Equal(expected, Analyzer.Analyze(text).Label);

    [Theory]
    [InlineData("不是很差")]
    [InlineData("并不差")]
    [InlineData("一点都不贵")]
    public void Analyze_NegatedNegative_NotNegative(string text)
        => Assert.NotEqual(SentimentLabel.Negative, Analyzer.Analyze(text).Label);

    [Theory]
    [InlineData("不满意")]
    [InlineData("不太好")]
    [InlineData("没有想象的好")]
    public void Analyze_NegatedPositive_NotPositive(string text)
        => Assert.NotEqual(SentimentLabel.Positive, Analyzer.Analyze(text).Label);

    [Fact]
    public void Analyze_DegreeWord_StrengthensScore()
    {
        Assert.True(Analyzer.Analyze("非常好").Score > Analyzer.Analyze("有点好").Score);
        Assert.True(Analyzer.Analyze("非常差").Score < Analyzer.Analyze("有点差").Score);
    }

    [Fact]
    public void Analyze_Negation_ReasonsNameTheNegatedPhrase()
    {
        var result = Analyzer.Analyze("房间不干净");

        Assert.Equal(SentimentLabel.Negative, result.Label);
        Assert.Contains(result.Reasons, r => r is { Kind: SentimentFeatureKind.Lexicon, Text: "不干净", Contribution: < 0 });
        Assert.True(result.Reasons.Count is > 0 and <= 6);
        Assert.Equal(result.Reasons.OrderByDescending(r => Math.Abs(r.Contribution)), result.Reasons);
    }

    [Fact]
    public void Analyze_NegatedNGram_ReasonCountsReversed()
    {
        var result = Analyzer.Analyze("一点也不满意");

        Assert.Contains(result.Reasons, r => r.Contribution < 0);
        Assert.NotEqual(SentimentLabel.Positive, result.Label);
    }

    [Theory]
    [InlineData("好", 1.0)]
    [InlineData("不好", -1.0)]
    [InlineData("非常好", 2.0)]
    [InlineData("很不好", -1.5)]
    [InlineData("不是很差", 0.5)]
    [InlineData("不太好", -0.5)]
    [InlineData("不是不好", 1.0)]
    [InlineData("有点贵", -0.6)]
    [InlineData("好像是这样", 0.0)]
    [InlineData("好。不", 1.0)]
    public void LexiconOnlyScore_NegationAndDegree_Combined(string text, double expected)
        => Assert.Equal(expected, SentimentAnalyzer.LexiconOnlyScore(text), 6);

    [Fact]
    public void Analyze_AnyText_ScoreBoundedAndLabelFollowsThreshold()
    {
        string[] pieces = ["好", "差", "不", "没有", "很", "非常", "有点", "是", "房间", "，", "。", "a", " ", "太", "满意", "😀", "\u0301"];
        Gen.Int[0, pieces.Length - 1].Select(i => pieces[i]).Array[0, 12]
            .Select(parts => string.Concat(parts))
            .Sample(text =>
            {
                var result = Analyzer.Analyze(text);
                Assert.InRange(result.Score, -1.0, 1.0);
                Assert.Equal(Analyzer.Score(text), result.Score, 12);
                var expected = Math.Abs(result.Score) < Analyzer.Model.NeutralThreshold ? SentimentLabel.Neutral
                    : result.Score > 0 ? SentimentLabel.Positive : SentimentLabel.Negative;
                Assert.Equal(expected, result.Label);
            }, iter: 2_000);
    }

    [Fact]
    public void Analyze_ConcurrentCallers_SameResultsAsSequential()
    {
        var texts = Enumerable.Range(0, 400).Select(i => (i % 4) switch
        {
            0 => $"第{i}次入住，非常满意",
            1 => $"等了{i}分钟，服务很差",
            2 => "不是很差，还可以",
            _ => new string('好', (i % 50) + 600), // past the stack buffer
        }).ToArray();
        var sequential = texts.Select(t => Analyzer.Analyze(t).Score).ToArray();
        var parallel = new double[texts.Length];

        Parallel.For(0, texts.Length, i => parallel[i] = Analyzer.Analyze(texts[i]).Score);

        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void Analyze_DevSet_MeetsAccuracyAndNegativeRecall()
    {
        // ChnSentiCorp dev is never trained on. Two-class rule: score ≥ 0 is positive (neutral counts by its sign).
        var dev = SentimentTestData.Read("chnsenticorp-dev.tsv");
        Assert.Equal(1200, dev.Count);

        var evaluation = SentimentEvaluation.Run(dev, Analyzer.Score, Analyzer.Model.NeutralThreshold);

        Assert.True(evaluation.Accuracy >= 0.85, $"accuracy {evaluation.Accuracy:F4} < 0.85");
        Assert.True(evaluation.NegativeRecall >= 0.80, $"negative recall {evaluation.NegativeRecall:F4} < 0.80");
        Assert.True(evaluation.Neutral < dev.Count / 10, $"{evaluation.Neutral} neutral of {dev.Count}");
    }
}
