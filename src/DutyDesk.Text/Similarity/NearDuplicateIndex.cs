using System.Numerics;
using System.Runtime.InteropServices;

namespace DutyDesk.Text.Similarity;

/// <summary>How <see cref="NearDuplicateIndex"/> finds candidates before checking them exactly.</summary>
public enum NearDuplicateMethod
{
    /// <summary>MinHash over character bigrams, LSH bands (Bands × Rows hashes); tracks the Jaccard target directly.</summary>
    MinHash,

    /// <summary>64-bit SimHash over 2- and 3-grams, candidates within <see cref="NearDuplicateOptions.SimHashMaxDistance"/> bits.</summary>
    SimHash,
}

/// <summary>Settings of a <see cref="NearDuplicateIndex"/>.</summary>
public sealed record NearDuplicateOptions
{
    /// <summary>Two posts are near duplicates when the Jaccard similarity of their character bigram sets is at least this.</summary>
    public double Threshold { get; init; } = 0.8;

    /// <summary>Most posts remembered; past it the oldest is forgotten (memory stays bounded on an endless stream).</summary>
    public int Capacity { get; init; } = 200_000;

    public NearDuplicateMethod Method { get; init; } = NearDuplicateMethod.MinHash;

    /// <summary>MinHash LSH bands; a pair with Jaccard J becomes a candidate with probability 1 − (1 − J^Rows)^Bands.</summary>
    public int Bands { get; init; } = 10;

    /// <summary>MinHash hashes per band.</summary>
    public int Rows { get; init; } = 3;

    /// <summary>SimHash candidates: at most this many differing bits.</summary>
    public int SimHashMaxDistance { get; init; } = 3;

    /// <summary>
    /// Verified matches gathered before choosing: the post joins the group most of them belong to. 1 takes the
    /// first match found; more keep reposts of one original together when chains of edits have split it.
    /// </summary>
    public int MatchesCompared { get; init; } = 1;

    /// <summary>
    /// When true, only the first post of each group is remembered and compared with, so every member is within the
    /// threshold of its group's first post (groups do not drift through chains of edits) and duplicates cost no memory;
    /// a post that resembles only a later member of a group is then not matched.
    /// </summary>
    public bool MatchFirstPostsOnly { get; init; }

    /// <summary>
    /// When set, a post that nearly duplicates a group member joins that group only if its Jaccard similarity with
    /// the group's first post (while remembered) is at least this; otherwise it starts its own group, still reported
    /// with the post it matched. This stops chains of small edits from drifting one group far from its first post.
    /// </summary>
    public double? MinSimilarityToFirstPost { get; init; }
}

/// <summary>The answer for one added post.</summary>
/// <param name="GroupId">The id of the first post of its group: its own id when no near duplicate was found (or, with
/// <see cref="NearDuplicateOptions.MinSimilarityToFirstPost"/>, when it drifted too far from that group's first post).</param>
/// <param name="MatchedPostId">The earlier post it was found to nearly duplicate, if any.</param>
/// <param name="Similarity">Exact bigram Jaccard similarity with <paramref name="MatchedPostId"/>; 0 without a match.</param>
public readonly record struct NearDuplicateMatch(long GroupId, long? MatchedPostId, double Similarity)
{
    public bool IsDuplicate => MatchedPostId is not null;
}

/// <summary>
/// Groups short posts as they arrive: each post joins the group of the first remembered post whose character
/// bigram Jaccard similarity with it reaches the threshold, or starts its own group.
/// </summary>
/// <remarks>
/// Candidates come from a fingerprint index (MinHash LSH bands or SimHash Hamming tables), never from all pairs;
/// each candidate is then checked with the exact Jaccard similarity, so a reported match always meets the
/// threshold and the fingerprint decides only what is found (recall) and how fast. Memory is bounded by
/// <see cref="NearDuplicateOptions.Capacity"/>: the bigram set and fingerprint of at most that many posts (oldest
/// forgotten first). Deterministic: fixed hash seeds and insertion-ordered candidates. Not thread-safe.
/// Posts with no letters or digits are never matched and not remembered.
/// </remarks>
public sealed class NearDuplicateIndex
{
    private readonly NearDuplicateOptions options;
    private readonly NearDuplicateSketcher sketcher;
    private readonly Dictionary<ulong, List<int>> bandTable = [];
    private readonly Dictionary<long, int> firstPostSlots = [];
    private readonly HammingIndex? hamming;
    private readonly long[] postIds;
    private readonly long[] groupIds;
    private readonly uint[][] sets;
    private readonly ulong[][] bandKeys;
    private readonly ulong[] fingerprints;
    private readonly int[] visitedStamp;
    private readonly List<int> candidates = [];
    private readonly List<int> verified = [];
    private ulong[]? pendingKeys;
    private int stamp;
    private long added;

    public NearDuplicateIndex(NearDuplicateOptions? options = null)
    {
        this.options = options ?? new NearDuplicateOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(this.options.Capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(this.options.Bands, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(this.options.Rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(this.options.MatchesCompared, 1);
        if (this.options.Threshold is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The threshold must be in (0, 1].");
        }

        sketcher = new NearDuplicateSketcher(this.options);
        var capacity = this.options.Capacity;
        postIds = new long[capacity];
        groupIds = new long[capacity];
        sets = new uint[capacity][];
        bandKeys = new ulong[capacity][];
        fingerprints = new ulong[capacity];
        visitedStamp = new int[capacity];
        if (this.options.Method == NearDuplicateMethod.SimHash)
        {
            hamming = new HammingIndex(this.options.SimHashMaxDistance);
        }
    }

    /// <summary>Posts remembered now (at most the capacity).</summary>
    public int Count { get; private set; }

    /// <summary>Makes the sketches this index takes (thread-safe, so a batch can be sketched on every core).</summary>
    public NearDuplicateSketcher Sketcher => sketcher;

    /// <summary>Finds the post's group among the remembered posts, then remembers the post.</summary>
    public NearDuplicateMatch Add(long postId, string? text) => Add(postId, sketcher.Sketch(text));

    /// <summary>As <see cref="Add(long, string?)"/>, with the post sketched beforehand by a matching sketcher.</summary>
    public NearDuplicateMatch Add(long postId, NearDuplicateSketch sketch)
    {
        ArgumentNullException.ThrowIfNull(sketch);
        if (!sketch.MadeBy.SameAs(sketcher))
        {
            throw new ArgumentException("The sketch was made with other near-duplicate options.", nameof(sketch));
        }

        var set = sketch.Set;
        if (set.Length == 0)
        {
            return new NearDuplicateMatch(postId, null, 0);
        }

        var fingerprint = sketch.Fingerprint;
        var found = options.Method == NearDuplicateMethod.SimHash ? FindBySimHash(set, fingerprint) : FindByMinHash(set, sketch.BandKeys);
        var match = found < 0
            ? new NearDuplicateMatch(postId, null, 0)
            : new NearDuplicateMatch(groupIds[found], postIds[found], Shingles.Jaccard(set, sets[found]));
        if (found >= 0
            && options.MinSimilarityToFirstPost is { } limit
            && firstPostSlots.TryGetValue(match.GroupId, out var first)
            && !Shingles.JaccardAtLeast(set, sets[first], limit))
        {
            match = match with { GroupId = postId };
        }
        if (found < 0 || !options.MatchFirstPostsOnly)
        {
            Remember(postId, match.GroupId, set, fingerprint);
        }

        return match;
    }

    private int FindByMinHash(uint[] set, ulong[] keys)
    {
        pendingKeys = keys;
        NextStamp();
        foreach (var key in keys)
        {
            if (!bandTable.TryGetValue(key, out var list))
            {
                continue;
            }

            foreach (var slot in list)
            {
                if (Verify(slot, set) && verified.Count == options.MatchesCompared)
                {
                    return ChooseGroup();
                }
            }
        }

        return ChooseGroup();
    }

    private int FindBySimHash(uint[] set, ulong fingerprint)
    {
        candidates.Clear();
        hamming!.Query(fingerprint, candidates);
        NextStamp();
        foreach (var slot in candidates)
        {
            if (Verify(slot, set) && verified.Count == options.MatchesCompared)
            {
                break;
            }
        }

        return ChooseGroup();
    }

    /// <summary>The first verified match of the group most verified matches belong to (ties: the group met first).</summary>
    private int ChooseGroup()
    {
        var best = -1;
        var bestVotes = 0;
        for (var i = 0; i < verified.Count; i++)
        {
            var group = groupIds[verified[i]];
            var seenBefore = false;
            for (var j = 0; j < i && !seenBefore; j++)
            {
                seenBefore = groupIds[verified[j]] == group;
            }

            if (seenBefore)
            {
                continue;
            }

            var votes = 1;
            for (var j = i + 1; j < verified.Count; j++)
            {
                votes += groupIds[verified[j]] == group ? 1 : 0;
            }

            if (votes > bestVotes)
            {
                (best, bestVotes) = (verified[i], votes);
            }
        }

        return best;
    }

    private bool Verify(int slot, uint[] set)
    {
        if (visitedStamp[slot] == stamp)
        {
            return false;
        }

        visitedStamp[slot] = stamp;
        if (!Shingles.JaccardAtLeast(set, sets[slot], options.Threshold))
        {
            return false;
        }

        verified.Add(slot);
        return true;
    }

    private void NextStamp()
    {
        verified.Clear();
        if (++stamp == int.MaxValue)
        {
            Array.Clear(visitedStamp);
            stamp = 1;
        }
    }

    private void Remember(long postId, long groupId, uint[] set, ulong fingerprint)
    {
        var slot = (int)(added % options.Capacity);
        if (added >= options.Capacity)
        {
            Forget(slot);
        }

        postIds[slot] = postId;
        groupIds[slot] = groupId;
        if (groupId == postId && options.MinSimilarityToFirstPost is not null)
        {
            firstPostSlots[groupId] = slot;
        }
        sets[slot] = set;
        fingerprints[slot] = fingerprint;
        if (hamming is not null)
        {
            hamming.Add(fingerprint, slot);
        }
        else
        {
            bandKeys[slot] = pendingKeys!;
            foreach (var key in pendingKeys!)
            {
                if (!bandTable.TryGetValue(key, out var list))
                {
                    list = [];
                    bandTable.Add(key, list);
                }

                // Two bands of one post can share a key only by a 64-bit collision; listing it once is enough.
                if (list.Count == 0 || list[^1] != slot)
                {
                    list.Add(slot);
                }
            }
        }

        added++;
        Count = (int)Math.Min(added, options.Capacity);
    }

    private void Forget(int slot)
    {
        if (groupIds[slot] == postIds[slot])
        {
            firstPostSlots.Remove(groupIds[slot]);
        }

        if (hamming is not null)
        {
            hamming.Remove(fingerprints[slot], slot);
        }
        else
        {
            foreach (var key in bandKeys[slot])
            {
                if (bandTable.TryGetValue(key, out var list))
                {
                    // The oldest post is forgotten first, so it is at the head of each of its lists.
                    var at = list.IndexOf(slot);
                    if (at >= 0)
                    {
                        list.RemoveAt(at);
                    }

                    if (list.Count == 0)
                    {
                        bandTable.Remove(key);
                    }
                }
            }
        }

        sets[slot] = [];
    }
}

/// <summary>
/// What <see cref="NearDuplicateIndex"/> compares of a post — its character bigrams and their MinHash band keys
/// (or SimHash fingerprint) — computed apart from the index. Immutable and thread-safe.
/// </summary>
public sealed class NearDuplicateSketcher
{
    private readonly NearDuplicateMethod method;
    private readonly int bands;
    private readonly int rows;
    private readonly uint[] multipliers;
    private readonly uint[] offsets;

    public NearDuplicateSketcher(NearDuplicateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        (method, bands, rows) = (options.Method, options.Bands, options.Rows);

        // Padded to whole vectors; the padding hashes are computed and never used, so the result does not depend
        // on the vector width of the machine.
        var padded = ((bands * rows) + Vector<uint>.Count - 1) / Vector<uint>.Count * Vector<uint>.Count;
        multipliers = new uint[padded];
        offsets = new uint[padded];
        for (var i = 0; i < padded; i++)
        {
            // Fixed seeds: the same posts give the same groups on every run and machine.
            multipliers[i] = (uint)Shingles.Mix((ulong)(2 * i)) | 1U;
            offsets[i] = (uint)Shingles.Mix((ulong)(2 * i) + 1);
        }
    }

    public NearDuplicateSketch Sketch(string? text)
    {
        var normalized = Shingles.Normalize(text);
        var set = Shingles.Bigrams(normalized);
        if (set.Length == 0)
        {
            return new NearDuplicateSketch(this, set, [], 0);
        }

        if (method == NearDuplicateMethod.SimHash)
        {
            var hashes = new List<ulong>();
            Shingles.GramHashes(normalized, hashes);
            return new NearDuplicateSketch(this, set, [], SimHash.Compute(hashes));
        }

        var signature = new uint[multipliers.Length];
        Array.Fill(signature, uint.MaxValue);
        var mins = MemoryMarshal.Cast<uint, Vector<uint>>(signature.AsSpan());
        var a = MemoryMarshal.Cast<uint, Vector<uint>>(multipliers.AsSpan());
        var b = MemoryMarshal.Cast<uint, Vector<uint>>(offsets.AsSpan());
        foreach (var code in set)
        {
            // An odd multiply-add is a permutation of 32-bit values; applied to an already mixed value it is
            // cheap, vectorises, and is good enough for minwise hashing.
            var h = new Vector<uint>((uint)Shingles.Mix(code));
            for (var i = 0; i < mins.Length; i++)
            {
                mins[i] = Vector.Min(mins[i], (a[i] * h) + b[i]);
            }
        }

        var keys = new ulong[bands];
        for (var band = 0; band < bands; band++)
        {
            var key = Shingles.Mix((ulong)band);
            for (var r = 0; r < rows; r++)
            {
                key = Shingles.Mix(key ^ signature[(band * rows) + r]);
            }

            keys[band] = key;
        }

        return new NearDuplicateSketch(this, set, keys, 0);
    }

    internal bool SameAs(NearDuplicateSketcher other) => method == other.method && bands == other.bands && rows == other.rows;
}

/// <summary>A post as <see cref="NearDuplicateIndex"/> compares it; made by <see cref="NearDuplicateSketcher.Sketch"/>.</summary>
public sealed class NearDuplicateSketch
{
    internal NearDuplicateSketch(NearDuplicateSketcher madeBy, uint[] set, ulong[] bandKeys, ulong fingerprint)
        => (MadeBy, Set, BandKeys, Fingerprint) = (madeBy, set, bandKeys, fingerprint);

    internal NearDuplicateSketcher MadeBy { get; }

    internal uint[] Set { get; }

    internal ulong[] BandKeys { get; }

    internal ulong Fingerprint { get; }
}
