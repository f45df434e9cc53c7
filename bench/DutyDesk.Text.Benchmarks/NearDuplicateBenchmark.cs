using System.Diagnostics;
using System.Globalization;
using DutyDesk.Text.Similarity;
using DutyDesk.Text.Tests.Similarity;

namespace DutyDesk.Text.Benchmarks;

/// <summary>
/// Near-duplicate detection on both Weibo days: throughput of <see cref="NearDuplicateIndex"/> (normalise,
/// fingerprint, query, insert; one thread) for each candidate method, precision and recall against the exact oracle,
/// and the ratio against a naive linear scan (exact Jaccard with every earlier post) measured in the same run.
/// Options: <c>--naive N</c> posts for the linear scan (default 4000).
/// </summary>
internal sealed class NearDuplicateBenchmark : ITextBenchmark
{
    public string Name => "neardup";

    public string Description => "near-duplicate Weibo posts: posts/s, precision/recall vs the exact bigram-Jaccard oracle, ratio vs a linear scan";

    public Task<int> RunAsync(string[] args, string dataDirectory)
    {
        var naiveCount = args.Length >= 2 && args[0] == "--naive" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4000;
        var posts = WeiboCorpus.ReadAll(dataDirectory);
        Console.WriteLine($"posts: {posts.Count:N0} (both days, file order); threshold: bigram Jaccard >= 0.8");

        var watch = Stopwatch.StartNew();
        var sets = posts.Select(p => Shingles.Bigrams(Shingles.Normalize(p))).ToList();
        var oracle = NearDuplicateOracle.Pairs(sets, 0.8);
        Console.WriteLine($"oracle (prefix filtering, exact): {oracle.Count:N0} pairs, {watch.Elapsed.TotalSeconds:F1} s");

        // Where the time goes: the features alone, without fingerprint or index.
        for (var pass = 0; pass < 2; pass++)
        {
            watch.Restart();
            var keyed = posts.Sum(p => TextNormalizer.Key(p).Length);
            var keySeconds = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var features = posts.Sum(p => Shingles.Bigrams(Shingles.Normalize(p)).Length);
            Console.WriteLine($"features alone: TextNormalizer.Key {posts.Count / keySeconds:N0} posts/s; Normalize + Bigrams {posts.Count / watch.Elapsed.TotalSeconds:N0} posts/s ({keyed + features} chars + bigrams)");
        }

        var configs = new (string Name, NearDuplicateOptions Options)[]
        {
            ("MinHash b=10 r=3", new NearDuplicateOptions { Method = NearDuplicateMethod.MinHash, Bands = 10, Rows = 3 }),
            ("MinHash b=10 r=3, 16 matches", new NearDuplicateOptions { Method = NearDuplicateMethod.MinHash, Bands = 10, Rows = 3, MatchesCompared = 16 }),
            ("MinHash b=10 r=3, 64 matches", new NearDuplicateOptions { Method = NearDuplicateMethod.MinHash, Bands = 10, Rows = 3, MatchesCompared = 64 }),
            ("MinHash b=8 r=4", new NearDuplicateOptions { Method = NearDuplicateMethod.MinHash, Bands = 8, Rows = 4 }),
            ("MinHash b=16 r=2", new NearDuplicateOptions { Method = NearDuplicateMethod.MinHash, Bands = 16, Rows = 2 }),
            ("MinHash b=10 r=3, first posts only", new NearDuplicateOptions { Method = NearDuplicateMethod.MinHash, Bands = 10, Rows = 3, MatchFirstPostsOnly = true }),
            ("MinHash b=10 r=3, >= 0.6 to first post", new NearDuplicateOptions { Method = NearDuplicateMethod.MinHash, Bands = 10, Rows = 3, MinSimilarityToFirstPost = 0.6 }),
            ("MinHash b=10 r=3, >= 0.7 to first post", new NearDuplicateOptions { Method = NearDuplicateMethod.MinHash, Bands = 10, Rows = 3, MinSimilarityToFirstPost = 0.7 }),
            ("MinHash b=10 r=3, >= 0.7 to first post, 16 matches", new NearDuplicateOptions { Method = NearDuplicateMethod.MinHash, Bands = 10, Rows = 3, MinSimilarityToFirstPost = 0.7, MatchesCompared = 16 }),
            ("SimHash k=3", new NearDuplicateOptions { Method = NearDuplicateMethod.SimHash, SimHashMaxDistance = 3 }),
            ("SimHash k=7", new NearDuplicateOptions { Method = NearDuplicateMethod.SimHash, SimHashMaxDistance = 7 }),
        };

        Console.WriteLine("| method | posts/s | flagged | post precision | post recall | pair precision | pair recall |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (name, options) in configs)
        {
            // The first pass warms the JIT; the figure is the faster of two timed passes.
            Run(posts, options, out _);
            var best = double.MaxValue;
            List<NearDuplicateMatch> matches = [];
            for (var pass = 0; pass < 2; pass++)
            {
                best = Math.Min(best, Run(posts, options, out matches));
            }

            var s = NearDuplicateScores.Score(matches, oracle);
            Console.WriteLine($"| {name} | {posts.Count / best:N0} | {s.FlaggedPosts:N0} / {s.OraclePosts:N0} | {s.PostPrecision:F4} | {s.PostRecall:F4} | {s.PairPrecision:F4} | {s.PairRecall:F4} |");
        }

        // Baseline: the same answer without an index, each post compared exactly with every earlier one.
        var subset = posts.Take(naiveCount).ToList();
        var naiveSeconds = Naive(subset);
        Run(subset, new NearDuplicateOptions(), out _);
        var indexSeconds = Run(subset, new NearDuplicateOptions(), out _);
        var fullSeconds = Run(posts, new NearDuplicateOptions(), out _);
        Console.WriteLine($"linear scan, first {subset.Count:N0} posts: {subset.Count / naiveSeconds:N0} posts/s; index (default) on the same posts: {subset.Count / indexSeconds:N0} posts/s; ratio {naiveSeconds / indexSeconds:F1}x");
        Console.WriteLine($"linear scan extrapolated to {posts.Count:N0} posts (quadratic): {naiveSeconds * Math.Pow((double)posts.Count / subset.Count, 2):F0} s vs index {fullSeconds:F2} s");

        // Memory: the default index holding the whole corpus (its capacity, 200,000 posts, is never reached here).
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var held = new NearDuplicateIndex();
        for (var i = 0; i < posts.Count; i++)
        {
            held.Add(i, posts[i]);
        }

        var bytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        Console.WriteLine($"memory of the default index holding {held.Count:N0} posts: {bytes / 1048576.0:F1} MiB ({bytes / held.Count:N0} bytes a post)");
        GC.KeepAlive(held);
        return Task.FromResult(0);
    }

    private static double Run(List<string> posts, NearDuplicateOptions options, out List<NearDuplicateMatch> matches)
    {
        matches = new List<NearDuplicateMatch>(posts.Count);
        var watch = Stopwatch.StartNew();
        var index = new NearDuplicateIndex(options);
        for (var i = 0; i < posts.Count; i++)
        {
            matches.Add(index.Add(i, posts[i]));
        }

        return watch.Elapsed.TotalSeconds;
    }

    private static double Naive(List<string> posts)
    {
        var watch = Stopwatch.StartNew();
        var seen = new List<uint[]>();
        var found = 0;
        foreach (var post in posts)
        {
            var set = Shingles.Bigrams(Shingles.Normalize(post));
            foreach (var earlier in seen)
            {
                if (Shingles.JaccardAtLeast(set, earlier, 0.8))
                {
                    found++;
                    break;
                }
            }

            seen.Add(set);
        }

        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"linear scan found {found:N0} posts with an earlier near duplicate among the first {posts.Count:N0}");
        return seconds;
    }
}
