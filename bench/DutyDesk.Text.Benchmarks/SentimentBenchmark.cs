using System.Diagnostics;
using System.Globalization;
using System.Text;
using DutyDesk.Text.Sentiment;

namespace DutyDesk.Text.Benchmarks;

/// <summary>
/// Sentiment on ChnSentiCorp: figures on dev (never trained on) for the shipped model and for the lexicon-only
/// baseline, with throughput of both in the same run. With <c>--write-model PATH</c> it first regenerates the shipped
/// model from the training split (deterministic) and evaluates that one.
/// </summary>
internal sealed class SentimentBenchmark : ITextBenchmark
{
    public string Name => "sentiment";

    public string Description => "ChnSentiCorp dev: model vs. lexicon-only baseline (accuracy, recall, texts/s); --write-model PATH retrains the shipped model; --explain TEXT… shows reasons";

    public Task<int> RunAsync(string[] args, string dataDirectory)
    {
        var sentiment = Path.Combine(dataDirectory, "sentiment");
        var writeAt = Array.IndexOf(args, "--write-model");
        SentimentModel model;
        if (writeAt < 0)
        {
            model = SentimentModel.Default;
        }
        else
        {
            var watch = Stopwatch.StartNew();
            model = SentimentTrainer.Train(SentimentData.Read(Path.Combine(sentiment, "chnsenticorp-train.tsv")));
            var bytes = model.Serialize();
            File.WriteAllBytes(args[writeAt + 1], bytes);
            Console.WriteLine($"trained on chnsenticorp-train.tsv in {watch.Elapsed.TotalSeconds:F1} s: {model.FeatureCount:N0} features, {bytes.Length:N0} bytes -> {args[writeAt + 1]}");
        }

        var analyzer = new SentimentAnalyzer(model);
        var explainAt = Array.IndexOf(args, "--explain");
        if (explainAt >= 0)
        {
            foreach (var text in args[(explainAt + 1)..])
            {
                var result = analyzer.Analyze(text);
                Console.WriteLine($"{text}: {result.Label} {result.Score:F3} lexicon {SentimentAnalyzer.LexiconOnlyScore(text):F2}; " +
                    string.Join(", ", result.Reasons.Select(r => $"{r.Text}[{r.Kind}] {r.Contribution:+0.00;-0.00}")));
            }

            return Task.FromResult(0);
        }

        var dev = SentimentData.Read(Path.Combine(sentiment, "chnsenticorp-dev.tsv"));
        var toSimplified = SentimentData.LoadTraditionalToSimplified(dataDirectory);
        var devSimplified = dev.Select(e => (toSimplified(e.Text), e.Positive)).ToList();
        Console.WriteLine($"dev: {dev.Count} texts ({dev.Count(e => !e.Positive)} negative), {dev.Count(e => e.Text != toSimplified(e.Text))} changed by OpenCC TSCharacters");

        Report("model, dev as given", SentimentEvaluation.Run(dev, analyzer.Score, model.NeutralThreshold));
        Report("model, dev Traditional->Simplified", SentimentEvaluation.Run(devSimplified, analyzer.Score, model.NeutralThreshold));
        Report("lexicon only, dev T->S (0 = neutral)", SentimentEvaluation.Run(devSimplified, SentimentAnalyzer.LexiconOnlyScore, 1e-9));

        var texts = devSimplified.Select(e => e.Item1).ToArray();
        var lexiconRate = Throughput(texts, t => SentimentAnalyzer.LexiconOnlyScore(t));
        var scoreRate = Throughput(texts, t => analyzer.Score(t));
        var analyzeRate = Throughput(texts, t => analyzer.Analyze(t).Score);
        Console.WriteLine($"throughput (1 thread, avg {texts.Average(t => t.Length):F0} chars): lexicon only {lexiconRate:N0} texts/s, model Score {scoreRate:N0} texts/s ({scoreRate / lexiconRate:F2}x baseline), Analyze with reasons {analyzeRate:N0} texts/s ({analyzeRate / lexiconRate:F2}x baseline)");
        return Task.FromResult(0);
    }

    private static void Report(string title, SentimentEvaluation e)
    {
        Console.WriteLine($"{title}: accuracy {e.Accuracy:F4}; positive P {e.PositivePrecision:F4} R {e.PositiveRecall:F4}; negative P {e.NegativePrecision:F4} R {e.NegativeRecall:F4}; neutral {e.Neutral} ({e.NeutralPositive} pos, {e.NeutralNegative} neg)");
        Console.WriteLine($"  confusion (rows actual, cols predicted neg/pos): neg [{e.TrueNegative}, {e.FalsePositive}]  pos [{e.FalseNegative}, {e.TruePositive}]");
    }

    private static double Throughput(string[] texts, Func<string, double> score)
    {
        var sink = 0.0;
        foreach (var t in texts)
        {
            sink += score(t); // warm-up
        }

        var rounds = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(2))
        {
            foreach (var t in texts)
            {
                sink += score(t);
            }

            rounds++;
        }

        GC.KeepAlive(sink);
        return rounds * texts.Length / watch.Elapsed.TotalSeconds;
    }
}

/// <summary>Reads ChnSentiCorp TSV (label, text) and OpenCC's character map; for the benchmark only.</summary>
internal static class SentimentData
{
    public static List<(string Text, bool Positive)> Read(string path) =>
        File.ReadLines(path, Encoding.UTF8).Skip(1)
            .Select(line => line.Split('\t', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => (parts[1], int.Parse(parts[0], CultureInfo.InvariantCulture) == 1))
            .ToList();

    public static Func<string, string> LoadTraditionalToSimplified(string dataDirectory)
    {
        var map = new Dictionary<int, string>();
        foreach (var line in File.ReadLines(Path.Combine(dataDirectory, "opencc", "dictionary", "TSCharacters.txt")))
        {
            var parts = line.Split('\t');
            if (parts.Length == 2 && !line.StartsWith('#') && Rune.TryGetRuneAt(parts[0], 0, out var rune))
            {
                map[rune.Value] = parts[1].Split(' ')[0];
            }
        }

        return text =>
        {
            var builder = new StringBuilder(text.Length);
            foreach (var rune in text.EnumerateRunes())
            {
                _ = map.TryGetValue(rune.Value, out var simplified) ? builder.Append(simplified) : builder.Append(rune.ToString());
            }

            return builder.ToString();
        };
    }
}
