using System.Diagnostics;
using DutyDesk.Text.Segmentation;
using DutyDesk.Text.Tests.Similarity;
using JiebaNet.Segmenter;

namespace DutyDesk.Text.Benchmarks;

/// <summary>
/// Search segmentation on both Weibo days: <see cref="SearchSegmenter"/> (fold, jieba search mode, letters and digits
/// only) against jieba's plain accurate-mode cut of the same folded text, one thread, then on every core at once.
/// </summary>
internal sealed class SegmentBenchmark : ITextBenchmark
{
    public string Name => "segment";

    public string Description => "Weibo corpus: SearchSegmenter chars/s (1 thread and all cores) vs. jieba's accurate-mode Cut";

    public Task<int> RunAsync(string[] args, string dataDirectory)
    {
        var load = Stopwatch.StartNew();
        SearchSegmenter.Warm();
        Console.WriteLine($"jieba dictionary loaded in {load.Elapsed.TotalSeconds:F1} s");

        var posts = WeiboCorpus.ReadAll(dataDirectory).Select(TextNormalizer.Key).ToArray();
        long chars = posts.Sum(p => (long)p.Length);
        var jieba = new JiebaSegmenter();
        var words = posts.Sum(p => SearchSegmenter.Words(p).LongCount());
        Console.WriteLine($"{posts.Length:N0} posts, {chars:N0} chars, {words:N0} search words ({(double)words / chars:F2} per char)");

        var baseline = Rate(posts, chars, 1, p => jieba.Cut(p).Count());
        var search = Rate(posts, chars, 1, p => SearchSegmenter.Segment(p).Length);
        var cores = Environment.ProcessorCount;
        var parallel = Rate(posts, chars, cores, p => SearchSegmenter.Segment(p).Length);
        Console.WriteLine($"jieba Cut (accurate), 1 thread: {baseline:N0} chars/s");
        Console.WriteLine($"SearchSegmenter.Segment, 1 thread: {search:N0} chars/s ({search / baseline:F2}x baseline, {search / (chars / posts.Length):N0} posts/s)");
        Console.WriteLine($"SearchSegmenter.Segment, {cores} threads: {parallel:N0} chars/s ({parallel / search:F2}x one thread)");
        return Task.FromResult(0);
    }

    /// <summary>Best of three passes over the corpus, split over <paramref name="threads"/> threads.</summary>
    private static double Rate(string[] posts, long chars, int threads, Func<string, int> cut)
    {
        var best = double.MaxValue;
        for (var pass = 0; pass < 3; pass++)
        {
            var watch = Stopwatch.StartNew();
            var sink = 0L;
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                var local = 0L;
                for (var i = t; i < posts.Length; i += threads)
                {
                    local += cut(posts[i]);
                }

                Interlocked.Add(ref sink, local);
            });
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
            GC.KeepAlive(sink);
        }

        return chars / best;
    }
}
