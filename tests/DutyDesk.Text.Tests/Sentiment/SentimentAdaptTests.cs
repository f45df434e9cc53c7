using DutyDesk.Text.Sentiment;

namespace DutyDesk.Text.Tests.Sentiment;

public sealed class SentimentAdaptTests
{
    // A unit's own usage the general model gets wrong: "一中" posts saying the canteen was "整改到位" are good news there.
    private static readonly (string Text, bool Positive)[] Corrections =
    [
        .. Enumerable.Range(0, 12).Select(i => ($"食堂已经整改到位，第{i}次检查全部合格", true)),
        .. Enumerable.Range(0, 12).Select(i => ($"第{i}次反映的问题至今没人管，敷衍了事", false)),
    ];

    [Fact]
    public void Adapt_UnitCorrections_LearnsThemWithoutForgettingTheRest()
    {
        var start = SentimentModel.Default;

        var adapted = SentimentTrainer.Adapt(start, Corrections);

        var before = new SentimentAnalyzer(start);
        var after = new SentimentAnalyzer(adapted);
        Assert.True(after.Score("食堂已经整改到位，第99次检查全部合格") > before.Score("食堂已经整改到位，第99次检查全部合格"));
        Assert.True(after.Score("食堂已经整改到位，第99次检查全部合格") > 0);
        Assert.True(after.Score("第99次反映的问题至今没人管，敷衍了事") < 0);
        // What it knew elsewhere stays: clear reviews keep their sign.
        Assert.True(after.Score("房间干净，服务热情，非常满意") > 0);
        Assert.True(after.Score("太差了，脏乱不堪，再也不来了") < 0);
        Assert.True(adapted.FeatureCount >= start.FeatureCount);
    }

    [Fact]
    public void Adapt_SameInput_SameModelBytes()
        => Assert.Equal(SentimentTrainer.Adapt(SentimentModel.Default, Corrections).Serialize(), SentimentTrainer.Adapt(SentimentModel.Default, Corrections).Serialize());

    [Fact]
    public void Adapt_NoExamples_Throws()
        => Assert.Throws<ArgumentException>(() => SentimentTrainer.Adapt(SentimentModel.Default, []));
}
