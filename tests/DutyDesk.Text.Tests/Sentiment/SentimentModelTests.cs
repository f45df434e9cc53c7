using DutyDesk.Text.Sentiment;

namespace DutyDesk.Text.Tests.Sentiment;

public sealed class SentimentModelTests
{
    private static readonly (string, bool)[] Tiny =
    [
        ("房间很干净，服务很好", true),
        ("非常满意，下次还来", true),
        ("早餐丰富，位置方便", true),
        ("服务态度差，房间很脏", false),
        ("太失望了，不会再来", false),
        ("隔音不好，很吵", false),
    ];

    [Fact]
    public void Serialize_DefaultModel_RoundTripsToSameBytesAndScores()
    {
        var model = SentimentModel.Default;

        var bytes = model.Serialize();
        var copy = SentimentModel.Deserialize(bytes);

        Assert.Equal(bytes, copy.Serialize());
        Assert.Equal(model.FeatureCount, copy.FeatureCount);
        Assert.Equal(model.NeutralThreshold, copy.NeutralThreshold);
        foreach (var text in new[] { "不是很差", "非常好", "房间不干净，服务一般", "" })
        {
            Assert.Equal(new SentimentAnalyzer(model).Score(text), new SentimentAnalyzer(copy).Score(text));
        }
    }

    [Fact]
    public void Train_ChnSentiCorpTrainSplit_ReproducesShippedModelBitForBit()
    {
        // The embedded model is exactly what the committed trainer makes from the training split (docs/sentiment.md).
        var train = SentimentTestData.Read("chnsenticorp-train.tsv");

        var retrained = SentimentTrainer.Train(train);

        Assert.Equal(SentimentModel.Default.Serialize(), retrained.Serialize());
    }

    [Fact]
    public void Train_SameExamplesTwice_IdenticalModel()
    {
        var options = new SentimentTrainingOptions { MinDocumentCount = 1, PruneBelow = 0 };

        var first = SentimentTrainer.Train(Tiny, options).Serialize();
        var second = SentimentTrainer.Train(Tiny, options).Serialize();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Train_TinyCorpus_LearnsItsExamplesAndRoundTrips()
    {
        var model = SentimentTrainer.Train(Tiny, new SentimentTrainingOptions { MinDocumentCount = 1, PruneBelow = 0, Epochs = 30 });
        var restored = new SentimentAnalyzer(SentimentModel.Deserialize(model.Serialize()));

        foreach (var (text, positive) in Tiny)
        {
            Assert.Equal(positive, restored.Score(text) > 0);
        }
    }

    [Fact]
    public void Train_OneClassOnly_Refused()
        => Assert.Throws<ArgumentException>(() => SentimentTrainer.Train([("很好", true), ("不错", true)]));

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 1, 2, 3, 4, 5 })]
    public void Deserialize_Garbage_InvalidData(byte[] data)
        => Assert.Throws<InvalidDataException>(() => SentimentModel.Deserialize(data));

    [Fact]
    public void Deserialize_TruncatedModel_InvalidData()
    {
        var bytes = SentimentModel.Default.Serialize();

        Assert.Throws<InvalidDataException>(() => SentimentModel.Deserialize(bytes[..(bytes.Length / 2)]));
    }
}
