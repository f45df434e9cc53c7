using System.IO.Compression;
using System.Text;

namespace DutyDesk.Text.Sentiment;

/// <summary>
/// A trained sentiment model: a logistic regression over character 1–3-grams plus the lexicon score. Immutable and
/// thread-safe; <see cref="Serialize"/> / <see cref="Deserialize"/> round-trip it (a unit's retrained model is
/// stored as bytes). <see cref="Default"/> is the shipped model, trained on ChnSentiCorp's training split.
/// </summary>
public sealed class SentimentModel
{
    private const uint Magic = 0x4D534444; // "DDSM"
    private const int FormatVersion = 1;
    private const string ResourceName = "DutyDesk.Text.Sentiment.default.model";

    private static readonly Lazy<SentimentModel> DefaultModel = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, int> index;
    private readonly string[] grams;
    private readonly float[] weights;

    internal SentimentModel(IReadOnlyList<(string Gram, float Weight)> features, float bias, float lexiconWeight, double neutralThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(neutralThreshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(neutralThreshold, 1.0);
        var ordered = features.OrderBy(f => f.Gram, StringComparer.Ordinal).ToArray();
        grams = ordered.Select(f => f.Gram).ToArray();
        weights = ordered.Select(f => f.Weight).ToArray();
        index = new Dictionary<string, int>(grams.Length, StringComparer.Ordinal);
        for (var i = 0; i < grams.Length; i++)
        {
            index.Add(grams[i], i);
        }

        Lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
        Bias = bias;
        LexiconWeight = lexiconWeight;
        NeutralThreshold = neutralThreshold;
    }

    /// <summary>The shipped model (embedded resource), loaded once.</summary>
    public static SentimentModel Default => DefaultModel.Value;

    /// <summary>How many n-gram weights the model keeps.</summary>
    public int FeatureCount => grams.Length;

    /// <summary>Below this |score| a text is <see cref="SentimentLabel.Neutral"/>.</summary>
    public double NeutralThreshold { get; }

    internal float Bias { get; }

    internal float LexiconWeight { get; }

    internal Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }

    internal string Gram(int feature) => grams[feature];

    internal float Weight(int feature) => weights[feature];

    /// <summary>The same model with another neutral threshold (weights shared).</summary>
    public SentimentModel WithNeutralThreshold(double threshold) =>
        new(grams.Select((g, i) => (g, weights[i])).ToArray(), Bias, LexiconWeight, threshold);

    /// <summary>A compact, deterministic binary form (deflated; features in ordinal order).</summary>
    public byte[] Serialize()
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var writer = new BinaryWriter(deflate, Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(Bias);
            writer.Write(LexiconWeight);
            writer.Write(NeutralThreshold);
            writer.Write(grams.Length);
            for (var i = 0; i < grams.Length; i++)
            {
                writer.Write(grams[i]);
                writer.Write(weights[i]);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Reads what <see cref="Serialize"/> wrote; throws <see cref="InvalidDataException"/> on anything else.</summary>
    public static SentimentModel Deserialize(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            using var deflate = new DeflateStream(new MemoryStream(data, writable: false), CompressionMode.Decompress);
            using var reader = new BinaryReader(deflate, Encoding.UTF8);
            if (reader.ReadUInt32() != Magic || reader.ReadInt32() != FormatVersion)
            {
                throw new InvalidDataException("Not a DutyDesk sentiment model (or a newer format).");
            }

            var bias = reader.ReadSingle();
            var lexiconWeight = reader.ReadSingle();
            var threshold = reader.ReadDouble();
            var count = reader.ReadInt32();
            if (count < 0 || count > 10_000_000)
            {
                throw new InvalidDataException($"Implausible feature count {count}.");
            }

            var features = new (string, float)[count];
            for (var i = 0; i < count; i++)
            {
                features[i] = (reader.ReadString(), reader.ReadSingle());
            }

            return new SentimentModel(features, bias, lexiconWeight, threshold);
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException)
        {
            throw new InvalidDataException("The sentiment model is truncated or corrupt.", e);
        }
    }

    private static SentimentModel LoadDefault()
    {
        using var stream = typeof(SentimentModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from DutyDesk.Text.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Deserialize(copy.ToArray());
    }
}
