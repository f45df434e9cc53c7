namespace DutyDesk.Text.Sentiment;

/// <summary>Settings of <see cref="SentimentTrainer"/>; the defaults built the shipped model.</summary>
public sealed record SentimentTrainingOptions
{
    /// <summary>Passes over the examples.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>AdaGrad's base step.</summary>
    public double LearningRate { get; init; } = 0.2;

    /// <summary>L2 penalty on n-gram weights (the bias and the lexicon weight are not penalised).</summary>
    public double L2 { get; init; } = 1e-5;

    /// <summary>An n-gram must occur in this many examples to become a feature.</summary>
    public int MinDocumentCount { get; init; } = 3;

    /// <summary>Weights smaller than this are dropped after training, to keep the model compact.</summary>
    public double PruneBelow { get; init; } = 0.15;

    /// <summary>Below this |score| a text is neutral.</summary>
    public double NeutralThreshold { get; init; } = 0.2;

    /// <summary>Seed of the example order; the same examples and options give the same model, bit for bit.</summary>
    public int Seed { get; init; } = 4_2026;
}

/// <summary>
/// Trains a <see cref="SentimentModel"/>: logistic regression by AdaGrad over the features of
/// <see cref="SentimentFeaturizer"/>. Deterministic (seeded order, sequential arithmetic), so the shipped model can be
/// regenerated exactly, and small enough to retrain on one unit's corrected items in the app.
/// </summary>
public static class SentimentTrainer
{
    public static SentimentModel Train(IEnumerable<(string Text, bool Positive)> examples, SentimentTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        options ??= new SentimentTrainingOptions();
        var texts = examples.Select(e => (Text: SentimentFeaturizer.Normalize(e.Text), e.Positive)).ToList();
        if (texts.Count == 0 || texts.All(t => t.Positive) || texts.All(t => !t.Positive))
        {
            throw new ArgumentException("Training needs both positive and negative examples.", nameof(examples));
        }

        var vocabulary = BuildVocabulary(texts, options.MinDocumentCount);
        var rows = texts.Select(t => Vectorize(t.Text, t.Positive, vocabulary)).ToArray();

        var prior = new double[vocabulary.Count];
        var (weights, bias, lexiconWeight) = Descend(rows, prior, 0, 0, options);
        var kept = vocabulary.Where(v => Math.Abs(weights[v.Value]) >= options.PruneBelow).Select(v => (v.Key, (float)weights[v.Value])).ToList();
        return new SentimentModel(kept, (float)bias, (float)lexiconWeight, options.NeutralThreshold);
    }

    /// <summary>
    /// Adapts <paramref name="start"/> to a unit's own corrected examples: training begins at its weights, and L2 pulls
    /// towards them rather than towards zero, so a few dozen corrections shift the model where they disagree with it
    /// without forgetting what it learned elsewhere. New n-grams of the examples (seen once is enough) may join.
    /// </summary>
    public static SentimentModel Adapt(SentimentModel start, IEnumerable<(string Text, bool Positive)> examples, SentimentTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(examples);
        options ??= new SentimentTrainingOptions { Epochs = 20, LearningRate = 0.1, L2 = 1e-3 };
        var texts = examples.Select(e => (Text: SentimentFeaturizer.Normalize(e.Text), e.Positive)).ToList();
        if (texts.Count == 0)
        {
            throw new ArgumentException("Adapting needs at least one example.", nameof(examples));
        }

        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var f = 0; f < start.FeatureCount; f++)
        {
            vocabulary.Add(start.Gram(f), f);
        }

        foreach (var gram in BuildVocabulary(texts, 1).Keys.Where(g => !vocabulary.ContainsKey(g)).Order(StringComparer.Ordinal))
        {
            vocabulary.Add(gram, vocabulary.Count);
        }

        var prior = new double[vocabulary.Count];
        for (var f = 0; f < start.FeatureCount; f++)
        {
            prior[f] = start.Weight(f);
        }

        var rows = texts.Select(t => Vectorize(t.Text, t.Positive, vocabulary)).ToArray();
        var (weights, bias, lexiconWeight) = Descend(rows, prior, start.Bias, start.LexiconWeight, options);
        var kept = vocabulary
            .Where(v => v.Value < start.FeatureCount || Math.Abs(weights[v.Value]) >= options.PruneBelow)
            .Select(v => (v.Key, (float)weights[v.Value]))
            .ToList();

        return new SentimentModel(kept, (float)bias, (float)lexiconWeight, start.NeutralThreshold);
    }

    /// <summary>
    /// AdaGrad over the rows in seeded order, starting at <paramref name="prior"/> (and the given bias and lexicon
    /// weight), with L2 pulling each weight back towards its prior: zeros for a new model, the start for adapting.
    /// </summary>
    private static (double[] Weights, double Bias, double LexiconWeight) Descend(
        Row[] rows, double[] prior, double bias, double lexiconWeight, SentimentTrainingOptions options)
    {
        var weights = (double[])prior.Clone();
        var squares = new double[prior.Length];
        double biasSquares = 0, lexiconSquares = 0;
        const double Epsilon = 1e-8;
        var order = Enumerable.Range(0, rows.Length).ToArray();
        var random = new Random(options.Seed);
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var r in order)
            {
                var row = rows[r];
                var z = bias + (lexiconWeight * row.Lexicon);
                for (var k = 0; k < row.Features.Length; k++)
                {
                    z += weights[row.Features[k]] * row.Values[k];
                }

                var gradient = Sigmoid(z) - (row.Positive ? 1.0 : 0.0);
                for (var k = 0; k < row.Features.Length; k++)
                {
                    var j = row.Features[k];
                    var g = (gradient * row.Values[k]) + (options.L2 * (weights[j] - prior[j]));
                    squares[j] += g * g;
                    weights[j] -= options.LearningRate * g / Math.Sqrt(squares[j] + Epsilon);
                }

                biasSquares += gradient * gradient;
                bias -= options.LearningRate * gradient / Math.Sqrt(biasSquares + Epsilon);
                var gl = gradient * row.Lexicon;
                lexiconSquares += gl * gl;
                lexiconWeight -= options.LearningRate * gl / Math.Sqrt(lexiconSquares + Epsilon);
            }
        }

        return (weights, bias, lexiconWeight);
    }

    internal static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    private static Dictionary<string, int> BuildVocabulary(List<(string Text, bool Positive)> texts, int minCount)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (text, _) in texts)
        {
            seen.Clear();
            for (var i = 0; i < text.Length; i++)
            {
                for (var n = 1; n <= SentimentFeaturizer.MaxGram && i + n <= text.Length; n++)
                {
                    var gram = text.Substring(i, n);
                    if (seen.Add(gram))
                    {
                        counts[gram] = counts.GetValueOrDefault(gram) + 1;
                    }
                }
            }
        }

        // Ordinal order of the kept grams makes feature numbers, and so the arithmetic, independent of hashing.
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var gram in counts.Where(c => c.Value >= minCount).Select(c => c.Key).Order(StringComparer.Ordinal))
        {
            vocabulary.Add(gram, vocabulary.Count);
        }

        return vocabulary;
    }

    private static Row Vectorize(string text, bool positive, Dictionary<string, int> vocabulary)
    {
        var collector = new Collector(vocabulary.GetAlternateLookup<ReadOnlySpan<char>>());
        var lexicon = SentimentFeaturizer.Featurize(text, ref collector, hits: null);
        var merged = collector.Values.OrderBy(kv => kv.Key).ToArray();
        return new Row(merged.Select(kv => kv.Key).ToArray(), merged.Select(kv => kv.Value).ToArray(), lexicon, positive);
    }

    private sealed record Row(int[] Features, double[] Values, double Lexicon, bool Positive);

    private readonly struct Collector(Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup) : IGramVisitor
    {
        public Dictionary<int, double> Values { get; } = [];

        public void Visit(ReadOnlySpan<char> gram, int start, float value)
        {
            if (lookup.TryGetValue(gram, out var j))
            {
                Values[j] = Values.GetValueOrDefault(j) + value;
            }
        }
    }
}
