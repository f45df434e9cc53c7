using DutyDesk.Documents;
using System.Text;
using DutyDesk.Text.Similarity;

// Shared by the tests and the "neardup" benchmark (linked there): reading the Weibo corpus, the exact oracle and
// the precision/recall definitions, so both report the same thing.
namespace DutyDesk.Text.Tests.Similarity;

/// <summary>Reads the shared Weibo corpus (CSV, one quoted, possibly multi-line <c>text</c> column).</summary>
internal static class WeiboCorpus
{
    public static readonly string[] Files = ["weibo-2020-02-01.csv", "weibo-2020-02-10.csv"];

    public static string DataDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DutyDesk.slnx")))
            {
                var data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                return Directory.Exists(data)
                    ? data
                    : throw new DirectoryNotFoundException($"The shared test data is missing: {data} (expected ../shared/data beside the repository).");
            }
        }

        throw new DirectoryNotFoundException("DutyDesk.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The posts of both days, in file order.</summary>
    public static List<string> ReadAll(string dataDirectory)
    {
        var posts = new List<string>();
        foreach (var file in Files)
        {
            var path = Path.Combine(dataDirectory, "corpora", file);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The Weibo corpus file is missing: {path}", path);
            }

            posts.AddRange(ReadTextColumn(File.ReadAllText(path, Encoding.UTF8)));
        }

        return posts;
    }

    /// <summary>The `text` column of a corpus file (RFC 4180, quoted multi-line fields), header skipped.</summary>
    public static List<string> ReadTextColumn(string csv) => CsvTable.ReadColumn(csv, "text");
}

/// <summary>
/// The exact oracle: every pair (earlier j, later i) whose character bigram sets (<see cref="Shingles.Bigrams"/> of
/// <see cref="Shingles.Normalize"/>) have Jaccard ≥ t. All-pairs prefix filtering: with tokens ordered rarest
/// first, two sets reaching t share a token within each one's first |x| − ⌈t·|x|⌉ + 1 tokens, so only those are indexed.
/// </summary>
internal static class NearDuplicateOracle
{
    public static List<(int Earlier, int Later)> Pairs(IReadOnlyList<uint[]> sets, double threshold)
    {
        var frequency = new Dictionary<uint, int>();
        foreach (var set in sets)
        {
            foreach (var token in set)
            {
                frequency[token] = frequency.GetValueOrDefault(token) + 1;
            }
        }

        var index = new Dictionary<uint, List<int>>();
        var stamp = new int[sets.Count];
        var pairs = new List<(int, int)>();
        var ordered = new List<uint>();
        for (var i = 0; i < sets.Count; i++)
        {
            var set = sets[i];
            if (set.Length == 0)
            {
                continue;
            }

            ordered.Clear();
            ordered.AddRange(set);
            ordered.Sort((a, b) => frequency[a] != frequency[b] ? frequency[a].CompareTo(frequency[b]) : a.CompareTo(b));

            // The epsilon can only lengthen the prefix, which is safe.
            var prefix = set.Length - (int)Math.Ceiling((threshold * set.Length) - 1e-9) + 1;
            for (var p = 0; p < prefix; p++)
            {
                if (!index.TryGetValue(ordered[p], out var list))
                {
                    continue;
                }

                foreach (var j in list)
                {
                    if (stamp[j] == i + 1)
                    {
                        continue;
                    }

                    stamp[j] = i + 1;
                    if (Shingles.JaccardAtLeast(sets[j], set, threshold))
                    {
                        pairs.Add((j, i));
                    }
                }
            }

            for (var p = 0; p < prefix; p++)
            {
                if (!index.TryGetValue(ordered[p], out var list))
                {
                    list = [];
                    index.Add(ordered[p], list);
                }

                list.Add(i);
            }
        }

        return pairs;
    }

    /// <summary>The naive oracle, for checking the fast one on small inputs.</summary>
    public static List<(int Earlier, int Later)> NaivePairs(IReadOnlyList<uint[]> sets, double threshold)
    {
        var pairs = new List<(int, int)>();
        for (var i = 0; i < sets.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (Shingles.JaccardAtLeast(sets[j], sets[i], threshold))
                {
                    pairs.Add((j, i));
                }
            }
        }

        return pairs;
    }
}

/// <summary>Precision and recall of an index's groups against the oracle, in two definitions (see docs/benchmarks.md).</summary>
/// <param name="Posts">Posts scored.</param>
/// <param name="OraclePairs">Pairs (earlier, later) with bigram Jaccard at or above the threshold.</param>
/// <param name="OraclePosts">Posts with at least one earlier near duplicate.</param>
/// <param name="FlaggedPosts">Posts the index matched to an earlier post.</param>
/// <param name="GroupPairs">Pairs of posts that share a group.</param>
/// <param name="PostPrecision">Of the posts flagged as a near duplicate of an earlier post, the share that truly have one (oracle).</param>
/// <param name="PostRecall">Of the posts that have an earlier near duplicate (oracle), the share flagged.</param>
/// <param name="PairPrecision">Of all pairs of posts put in the same group, the share that are oracle pairs (chains lower it).</param>
/// <param name="PairRecall">Of all oracle pairs, the share whose two posts ended up in the same group.</param>
internal sealed record NearDuplicateScores(
    int Posts,
    int OraclePairs,
    int OraclePosts,
    int FlaggedPosts,
    long GroupPairs,
    double PostPrecision,
    double PostRecall,
    double PairPrecision,
    double PairRecall)
{
    public static NearDuplicateScores Score(IReadOnlyList<NearDuplicateMatch> matches, IReadOnlyList<(int Earlier, int Later)> oraclePairs)
    {
        var n = matches.Count;
        var hasEarlier = new bool[n];
        foreach (var (_, later) in oraclePairs)
        {
            hasEarlier[later] = true;
        }

        int flagged = 0, oraclePosts = 0, flaggedTrue = 0;
        var groupSizes = new Dictionary<long, long>();
        for (var i = 0; i < n; i++)
        {
            var isFlagged = matches[i].IsDuplicate;
            flagged += isFlagged ? 1 : 0;
            oraclePosts += hasEarlier[i] ? 1 : 0;
            flaggedTrue += isFlagged && hasEarlier[i] ? 1 : 0;
            groupSizes[matches[i].GroupId] = groupSizes.GetValueOrDefault(matches[i].GroupId) + 1;
        }

        var groupPairs = groupSizes.Values.Sum(s => s * (s - 1) / 2);
        var pairsTogether = oraclePairs.Count(p => matches[p.Earlier].GroupId == matches[p.Later].GroupId);
        return new NearDuplicateScores(
            n,
            oraclePairs.Count,
            oraclePosts,
            flagged,
            groupPairs,
            Ratio(flaggedTrue, flagged),
            Ratio(flaggedTrue, oraclePosts),
            Ratio(pairsTogether, groupPairs),
            Ratio(pairsTogether, oraclePairs.Count));
    }

    private static double Ratio(long part, long whole) => whole == 0 ? 1 : (double)part / whole;
}
