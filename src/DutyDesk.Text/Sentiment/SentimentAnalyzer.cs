namespace DutyDesk.Text.Sentiment;

/// <summary>
/// Labels short Chinese texts negative / neutral / positive with a score and the features that decided it.
/// Immutable and thread-safe: one instance serves every caller.
/// </summary>
public sealed class SentimentAnalyzer
{
    private static readonly Lazy<SentimentAnalyzer> DefaultAnalyzer = new(() => new SentimentAnalyzer(SentimentModel.Default));

    private readonly SentimentModel model;
    private readonly int maxReasons;

    public SentimentAnalyzer(SentimentModel model, int maxReasons = 6)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReasons, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxReasons, 32);
        this.model = model;
        this.maxReasons = maxReasons;
    }

    /// <summary>An analyzer over <see cref="SentimentModel.Default"/>.</summary>
    public static SentimentAnalyzer Default => DefaultAnalyzer.Value;

    public SentimentModel Model => model;

    /// <summary>
    /// Analyses <paramref name="text"/> as given (normalised inside; Traditional characters are not converted, so
    /// convert first if the source uses them). An empty text is neutral with score 0.
    /// </summary>
    public SentimentResult Analyze(string? text)
    {
        var normalized = SentimentFeaturizer.Normalize(text);
        if (normalized.Length == 0)
        {
            return new SentimentResult(SentimentLabel.Neutral, 0, []);
        }

        var hits = new List<LexiconHit>();
        var top = new TopContributions(model, maxReasons);
        var lexicon = SentimentFeaturizer.Featurize(normalized, ref top, hits);
        var z = model.Bias + top.Sum + (model.LexiconWeight * lexicon);
        var score = Math.Tanh(z / 2); // = 2·σ(z) − 1

        var reasons = top.ToFeatures();
        var scale = SentimentFeaturizer.Scale(normalized.Length);
        foreach (var hit in hits)
        {
            reasons.Add(new SentimentFeature(normalized[hit.Start..hit.End], model.LexiconWeight * hit.Value * scale, SentimentFeatureKind.Lexicon));
        }

        reasons.Sort((a, b) => Math.Abs(b.Contribution).CompareTo(Math.Abs(a.Contribution)));
        if (reasons.Count > maxReasons)
        {
            reasons.RemoveRange(maxReasons, reasons.Count - maxReasons);
        }

        var label = Math.Abs(score) < model.NeutralThreshold ? SentimentLabel.Neutral
            : score > 0 ? SentimentLabel.Positive : SentimentLabel.Negative;
        return new SentimentResult(label, score, reasons);
    }

    /// <summary>Only the score (no reasons): for bulk scoring and the benchmark's throughput.</summary>
    public double Score(string? text)
    {
        var normalized = SentimentFeaturizer.Normalize(text);
        if (normalized.Length == 0)
        {
            return 0;
        }

        var sum = new ScoreOnly(model);
        var lexicon = SentimentFeaturizer.Featurize(normalized, ref sum, hits: null);
        return Math.Tanh((model.Bias + sum.Sum + (model.LexiconWeight * lexicon)) / 2);
    }

    /// <summary>
    /// The lexicon layer alone (sentiment words with negation and degree, no model): the baseline the model is
    /// measured against. Positive above 0, negative below, 0 when no sentiment word is found.
    /// </summary>
    public static double LexiconOnlyScore(string? text)
    {
        var normalized = SentimentFeaturizer.Normalize(text);
        if (normalized.Length == 0)
        {
            return 0;
        }

        var flip = new float[normalized.Length];
        return SentimentLexicon.Scan(normalized, flip, hits: null);
    }

    private struct ScoreOnly(SentimentModel model) : IGramVisitor
    {
        public double Sum { get; private set; }

        public void Visit(ReadOnlySpan<char> gram, int start, float value)
        {
            if (model.Lookup.TryGetValue(gram, out var j))
            {
                Sum += model.Weight(j) * value;
            }
        }
    }

    // Keeps the largest contributions in a small fixed buffer; repeats of a feature are added together.
    private struct TopContributions(SentimentModel model, int capacity) : IGramVisitor
    {
        private readonly (int Feature, bool Negated, double Contribution)[] entries = new (int, bool, double)[capacity];
        private int count;

        public double Sum { get; private set; }

        public void Visit(ReadOnlySpan<char> gram, int start, float value)
        {
            if (!model.Lookup.TryGetValue(gram, out var j))
            {
                return;
            }

            var contribution = model.Weight(j) * value;
            Sum += contribution;
            var negated = value < 0;
            var weakest = 0;
            for (var k = 0; k < count; k++)
            {
                if (entries[k].Feature == j && entries[k].Negated == negated)
                {
                    entries[k].Contribution += contribution;
                    return;
                }

                if (Math.Abs(entries[k].Contribution) < Math.Abs(entries[weakest].Contribution))
                {
                    weakest = k;
                }
            }

            if (count < entries.Length)
            {
                entries[count++] = (j, negated, contribution);
            }
            else if (Math.Abs(contribution) > Math.Abs(entries[weakest].Contribution))
            {
                entries[weakest] = (j, negated, contribution);
            }
        }

        public readonly List<SentimentFeature> ToFeatures()
        {
            var list = new List<SentimentFeature>(count + 4);
            for (var k = 0; k < count; k++)
            {
                var (feature, negated, contribution) = entries[k];
                list.Add(new SentimentFeature(model.Gram(feature), contribution,
                    negated ? SentimentFeatureKind.NegatedNGram : SentimentFeatureKind.NGram));
            }

            return list;
        }
    }
}
