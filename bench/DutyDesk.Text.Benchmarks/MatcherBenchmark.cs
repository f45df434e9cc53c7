using DutyDesk.Documents;
using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using DutyDesk.Text.Matching;

namespace DutyDesk.Text.Benchmarks;

/// <summary>
/// Keyword and scheme matching on the Weibo posts: the Aho-Corasick automaton against .NET's
/// SearchValues&lt;string&gt; (IndexOfAny in a loop) and against string.Contains per keyword, single thread.
/// Options: --passes n (timed passes per measure, best is reported; default 5), --dense-kb n (budget for resolved
/// transitions), --keywords n (only this keyword count: 100, 1000 or 10000), --automaton-only (skip the baselines and
/// the scheme matcher, for profiling), --contains-stride n (for 10,000
/// keywords Contains runs on every n-th post and is extrapolated; default 10).
/// </summary>
internal sealed class MatcherBenchmark : ITextBenchmark
{
    public string Name => "matcher";

    public string Description => "keyword automaton and scheme matcher vs SearchValues and string.Contains";

    public async Task<int> RunAsync(string[] args, string dataDirectory)
    {
        var passes = Option(args, "--passes", 5);
        var stride = Option(args, "--contains-stride", 10);
        var denseKb = Option(args, "--dense-kb", (int)(KeywordAutomaton.DefaultMaxDenseBytes / 1024));
        var only = Option(args, "--keywords", 0);
        int[] sizes = only > 0 ? [only] : [100, 1_000, 10_000];
        var automatonOnly = args.Contains("--automaton-only");
        var posts = new List<string>();
        foreach (var file in new[] { "weibo-2020-02-01.csv", "weibo-2020-02-10.csv" })
        {
            var text = await File.ReadAllTextAsync(Path.Combine(dataDirectory, "corpora", file));
            posts.AddRange(CsvTable.ReadColumn(text, "text").Select(TextNormalizer.Fold).Where(p => p.Length > 0));
        }

        var corpus = posts.ToArray();
        var chars = corpus.Sum(p => (long)p.Length);
        Console.WriteLine($"posts: {corpus.Length:N0}, chars after normalising: {chars:N0}, passes: {passes} (best reported), single thread");

        var all = DrawKeywords(corpus, 10_000, absent: 1_000, seed: 42);
        var failures = 0;
        foreach (var n in sizes)
        {
            var drawn = all.Take(n).ToArray();
            Console.WriteLine();
            Console.WriteLine($"== {n:N0} keywords (drawn from frequent 2–4 char substrings; ~10 % occur nowhere) ==");
            var build = Stopwatch.StartNew();
            var automaton = new KeywordAutomaton(drawn, denseKb * 1024L);
            build.Stop();

            // The baselines search for the keywords as the automaton normalised them (TextNormalizer.Fold).
            var keywords = Enumerable.Range(0, n).Select(automaton.Keyword).ToArray();
            Console.WriteLine($"automaton: build {build.Elapsed.TotalMilliseconds:N0} ms, {automaton.StateCount:N0} states ({automaton.DenseStateCount:N0} resolved), {automaton.CharClassCount:N0} char classes, tables {automaton.TableBytes / 1048576.0:N1} MB");

            var set = automaton.CreateIdSet();
            long acDistinct = 0;
            var acTime = Best(passes, () =>
            {
                acDistinct = 0;
                foreach (var post in corpus)
                {
                    automaton.FindDistinct(post, set);
                    acDistinct += set.Count;
                }
            });
            long acAll = 0;
            var acScanTime = Best(passes, () =>
            {
                var counter = new Counter();
                foreach (var post in corpus)
                {
                    automaton.Scan(post, ref counter);
                }

                acAll = counter.Count;
            });
            if (automatonOnly)
            {
                Console.WriteLine($"(a) automaton FindDistinct : {acTime.Rate(chars)}  ({acDistinct:N0} distinct post×keyword hits)");
                Console.WriteLine($"(a) automaton Scan (all)   : {acScanTime.Rate(chars)}  ({acAll:N0} occurrences)");
                continue;
            }

            var searchValues = SearchValues.Create(keywords, StringComparison.Ordinal);
            var byFirst = keywords.Select((k, id) => (k, id)).GroupBy(p => p.k[0]).ToDictionary(g => g.Key, g => g.ToArray());
            var stamp = new int[n];
            var generation = 0;
            long svDistinct = 0;
            long svAll = 0;
            var svTime = Best(passes, () =>
            {
                svDistinct = 0;
                svAll = 0;
                foreach (var post in corpus)
                {
                    generation++;
                    var span = post.AsSpan();
                    var at = 0;
                    while (true)
                    {
                        var found = span[at..].IndexOfAny(searchValues);
                        if (found < 0)
                        {
                            break;
                        }

                        at += found;
                        foreach (var (keyword, id) in byFirst[span[at]])
                        {
                            if (span[at..].StartsWith(keyword, StringComparison.Ordinal))
                            {
                                svAll++;
                                if (stamp[id] != generation)
                                {
                                    stamp[id] = generation;
                                    svDistinct++;
                                }
                            }
                        }

                        at++;
                    }
                }
            });

            var containsStride = n >= 10_000 ? stride : 1;
            var sample = corpus.Where((_, i) => i % containsStride == 0).ToArray();
            var sampleChars = sample.Sum(p => (long)p.Length);
            long containsDistinct = 0;
            var containsTime = Best(1, () =>
            {
                containsDistinct = 0;
                foreach (var post in sample)
                {
                    foreach (var keyword in keywords)
                    {
                        if (post.Contains(keyword, StringComparison.Ordinal))
                        {
                            containsDistinct++;
                        }
                    }
                }
            });

            long acSampleDistinct = 0;
            foreach (var post in sample)
            {
                automaton.FindDistinct(post, set);
                acSampleDistinct += set.Count;
            }

            Console.WriteLine($"(a) automaton FindDistinct : {acTime.Rate(chars)}  ({acDistinct:N0} distinct post×keyword hits)");
            Console.WriteLine($"(a) automaton Scan (all)   : {acScanTime.Rate(chars)}  ({acAll:N0} occurrences)");
            Console.WriteLine($"(b) SearchValues IndexOfAny: {svTime.Rate(chars)}  ({svDistinct:N0} distinct, {svAll:N0} occurrences)");
            Console.WriteLine($"(c) string.Contains each   : {containsTime.Rate(sampleChars)}  ({containsDistinct:N0} distinct{(containsStride > 1 ? $"; every {containsStride}th post, {sample.Length:N0} posts / {sampleChars:N0} chars, rate extrapolated to the corpus" : "")})");
            Console.WriteLine($"ratio automaton FindDistinct / SearchValues: {svTime.Wall / acTime.Wall:N1}× wall, {svTime.Cpu / acTime.Cpu:N1}× CPU;   / Contains: {containsTime.Wall / sampleChars / (acTime.Wall / chars):N1}× wall, {containsTime.Cpu / sampleChars / (acTime.Cpu / chars):N1}× CPU");
            if (acDistinct != svDistinct || acAll != svAll || acSampleDistinct != containsDistinct)
            {
                Console.WriteLine("MISMATCH: the methods disagree on the hits");
                failures++;
            }
        }

        if (automatonOnly)
        {
            return 0;
        }

        var schemes = BuildSchemes(all, 10_000, seed: 7);
        var schemeBuild = Stopwatch.StartNew();
        var matcher = new SchemeMatcher(schemes, denseKb * 1024L);
        schemeBuild.Stop();
        var result = matcher.CreateResult();
        long matches = 0;
        long highlights = 0;
        var matchTime = Best(passes, () =>
        {
            matches = 0;
            highlights = 0;
            foreach (var post in corpus)
            {
                matcher.Match(post, result);
                matches += result.SchemeIds.Count;
                highlights += result.Highlights.Count;
            }
        });
        Console.WriteLine();
        Console.WriteLine($"== SchemeMatcher: {schemes.Count:N0} schemes over {matcher.Automaton.KeywordCount:N0} words (2/3 group form, 1/3 expressions with NEAR) ==");
        Console.WriteLine($"build {schemeBuild.Elapsed.TotalMilliseconds:N0} ms; match end to end: {matchTime.Rate(chars)}, {corpus.Length / matchTime.Wall:N0} posts/s wall; {matches:N0} post×scheme matches, {highlights:N0} highlighted occurrences");
        return failures == 0 ? 0 : 1;
    }

    internal static string Rate(double charsPerSecond) => $"{charsPerSecond / 1e6,9:N1} M chars/s";

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    // Best of several passes after three warm-ups (tiered compilation replaces the first code of the hot methods in
    // the background, which on a loaded machine takes more than one pass): the machine is shared, and the best pass is
    // the least disturbed one. Wall time counts the time other processes hold the core; the process's CPU time
    // (getrusage, microseconds) does not, so it gives the rate per core even on a loaded machine. Both are reported.
    private static Timing Best(int passes, Action pass)
    {
        for (var i = 0; i < 3; i++)
        {
            pass();
        }

        var wall = double.MaxValue;
        var cpu = double.MaxValue;
        for (var i = 0; i < passes; i++)
        {
            var cpuStart = Environment.CpuUsage.TotalTime;
            var watch = Stopwatch.StartNew();
            pass();
            wall = Math.Min(wall, watch.Elapsed.TotalSeconds);
            cpu = Math.Min(cpu, (Environment.CpuUsage.TotalTime - cpuStart).TotalSeconds);
        }

        return new Timing(wall, Math.Max(cpu, 1e-6));
    }

    private readonly record struct Timing(double Wall, double Cpu)
    {
        public string Rate(long chars) => $"{MatcherBenchmark.Rate(chars / Wall)} wall, {MatcherBenchmark.Rate(chars / Cpu)} per CPU second";
    }

    private static string[] DrawKeywords(string[] corpus, int count, int absent, int seed)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = frequency.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var post in corpus)
        {
            for (var i = 0; i < post.Length; i++)
            {
                for (var length = 2; length <= 4 && i + length <= post.Length; length++)
                {
                    var piece = post.AsSpan(i, length);
                    if (!char.IsLetterOrDigit(piece[^1]) || !char.IsLetterOrDigit(piece[0]) || piece.ContainsAny(' ', '#', '@'))
                    {
                        break;
                    }

                    lookup[piece] = lookup.TryGetValue(piece, out var seen) ? seen + 1 : 1;
                }
            }
        }

        var random = new Random(seed);
        var frequent = frequency.Where(p => p.Value >= 2).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(count * 3).Select(p => p.Key).ToArray();
        random.Shuffle(frequent);
        var keywords = frequent.Take(count - absent).ToList();
        var missing = new HashSet<string>(StringComparer.Ordinal);
        while (missing.Count < absent)
        {
            var word = new string([.. Enumerable.Range(0, random.Next(2, 5)).Select(_ => (char)random.Next(0x4E00, 0x9FA5))]);
            if (!frequency.ContainsKey(word))
            {
                missing.Add(word);
            }
        }

        keywords.AddRange(missing);
        var shuffled = keywords.ToArray();
        random.Shuffle(shuffled);
        return shuffled;
    }

    private static List<MatchRule> BuildSchemes(string[] words, int count, int seed)
    {
        var random = new Random(seed);

        // Expressions are built by pasting words: one that reads as an operator or syntax (a drawn "or", a quote
        // inside) would break them, so only words that parse as a plain word are used.
        var plain = words.Where(w => RuleParser.TryParse(w, out var rule, out _) && rule!.Root is WordNode).ToArray();
        string Word() => plain[random.Next(plain.Length)];
        string[] Words(int min, int max) => [.. Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => Word())];
        var schemes = new List<MatchRule>(count);
        for (var i = 0; i < count; i++)
        {
            schemes.Add(random.Next(3) < 2
                ? MatchRule.FromGroups(Words(1, 4), Words(0, 3), Words(0, 3), Words(0, 2))
                : RuleParser.Parse(random.Next(3) switch
                {
                    0 => $"({Word()} OR {Word()} OR {Word()}) AND {Word()} AND NOT {Word()}",
                    1 => $"{Word()} NEAR/{random.Next(1, 30)} {Word()} OR ({Word()} AND {Word()})",
                    _ => $"\"{Word()}\" AND ({Word()} OR {Word()}) AND NOT ({Word()} OR {Word()})",
                }));
        }

        return schemes;
    }

    private struct Counter : IKeywordHitSink
    {
        public long Count;

        public void OnHit(int keywordId, int end) => Count++;
    }
}
