using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DutyDesk.Text.Matching;

/// <summary>
/// Aho-Corasick automaton over UTF-16 chars that finds many keywords in one pass. Keywords are normalised with
/// <see cref="TextNormalizer.Fold"/> (so Traditional keywords work too); the text to scan must already be normalised
/// the same way.
/// </summary>
/// <remarks>
/// Layout, chosen for scan speed: every char maps through a 65,536-entry table to a class (0 = in no keyword), and the
/// shallowest states — where a scan spends nearly all its time — get a full DFA row (failure links already folded in)
/// while memory allows. Deeper states keep only the transitions that differ from their nearest dense state on the
/// failure chain, so a step is one table read or a short search, never a failure loop. A target with output is
/// stored complemented (negative), so the hot loop tests one sign bit. Immutable and thread-safe once built.
/// </remarks>
public sealed class KeywordAutomaton
{
    /// <summary>Default budget for the dense transition rows (64 MB).</summary>
    public const long DefaultMaxDenseBytes = 64L * 1024 * 1024;

    private const int BlockBits = 8;
    private const int BlockMask = (1 << BlockBits) - 1;

    private readonly ushort[] classOf = new ushort[65536];
    private readonly int classCount;
    private readonly int denseCount;
    private readonly int[] dense;
    private readonly int[] sparseStart;
    private readonly int[] sparseClass;
    private readonly int[] sparseTarget;
    private readonly int[] sparseFallback;
    private readonly int[] outputStart;
    private readonly int[] outputIds;
    private readonly int[] keywordLength;
    private readonly string[] keywords;

    /// <summary>Builds the automaton; keyword ids are indexes into <paramref name="keywords"/>.</summary>
    /// <exception cref="ArgumentException">A keyword is empty after normalisation.</exception>
    public KeywordAutomaton(IReadOnlyList<string> keywords, long maxDenseBytes = DefaultMaxDenseBytes)
    {
        ArgumentNullException.ThrowIfNull(keywords);
        this.keywords = new string[keywords.Count];
        keywordLength = new int[keywords.Count];
        for (var i = 0; i < keywords.Count; i++)
        {
            var key = TextNormalizer.Fold(keywords[i]);
            if (key.Length == 0)
            {
                throw new ArgumentException($"第 {i + 1} 个关键词规范化后为空。", nameof(keywords));
            }

            this.keywords[i] = key;
            keywordLength[i] = key.Length;
        }

        // Classes numbered by how often a char appears in the keywords: the columns a scan reads most sit together at
        // the start of every row, so fewer cache lines and pages of a large table are hot.
        var frequency = new Dictionary<char, int>();
        foreach (var key in this.keywords)
        {
            foreach (var c in key)
            {
                frequency[c] = frequency.GetValueOrDefault(c) + 1;
            }
        }

        if (frequency.Count >= ushort.MaxValue)
        {
            throw new ArgumentException("关键词用到的不同字符过多。", nameof(keywords));
        }

        var classes = 1;
        foreach (var c in frequency.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Select(p => p.Key))
        {
            classOf[c] = (ushort)classes++;
        }

        classCount = classes;

        // Trie in insertion order, then renumbered breadth-first so that states are ordered by depth: a failure
        // target is then always built before the state that points to it, and "the first N states" are the shallowest.
        var go = new Dictionary<long, int>();
        var children = new List<List<(int Class, int Child)>> { new() };
        var own = new List<List<int>?> { null };
        for (var id = 0; id < this.keywords.Length; id++)
        {
            var state = 0;
            foreach (var c in this.keywords[id])
            {
                var cls = classOf[c];
                var edge = ((long)state << 17) | cls;
                if (!go.TryGetValue(edge, out var next))
                {
                    next = children.Count;
                    children.Add([]);
                    own.Add(null);
                    go[edge] = next;
                    children[state].Add((cls, next));
                }

                state = next;
            }

            (own[state] ??= []).Add(id);
        }

        var count = children.Count;
        var order = new int[count];
        var newId = new int[count];
        var fail = new int[count];
        var head = 0;
        var tail = 1;
        while (head < tail)
        {
            var u = order[head];
            newId[u] = head++;
            foreach (var (cls, v) in children[u])
            {
                var f = fail[u];
                var target = 0;
                if (u != 0)
                {
                    while (true)
                    {
                        if (go.TryGetValue(((long)f << 17) | (uint)cls, out var t))
                        {
                            target = t;
                            break;
                        }

                        if (f == 0)
                        {
                            break;
                        }

                        f = fail[f];
                    }
                }

                fail[v] = target;
                order[tail++] = v;
            }
        }

        // Outputs: a state's own keywords plus everything its failure state reports.
        outputStart = new int[count + 1];
        var outputs = new List<int>();
        var outRanges = new (int Start, int Length)[count];
        for (var s = 0; s < count; s++)
        {
            var old = order[s];
            var start = outputs.Count;
            if (own[old] is { } mine)
            {
                outputs.AddRange(mine);
            }

            if (s != 0)
            {
                var (fs, fl) = outRanges[newId[fail[old]]];
                for (var k = 0; k < fl; k++)
                {
                    outputs.Add(outputs[fs + k]);
                }
            }

            outRanges[s] = (start, outputs.Count - start);
            outputStart[s] = start;
        }

        outputStart[count] = outputs.Count;
        outputIds = [.. outputs];

        int Encode(int oldState)
        {
            var s = newId[oldState];
            return outRanges[s].Length > 0 ? ~s : s;
        }

        var paddedClasses = (classCount + BlockMask) & ~BlockMask;
        var rowsAllowed = Math.Max(1, maxDenseBytes / sizeof(int) / paddedClasses);
        rowsAllowed = Math.Min(rowsAllowed, int.MaxValue / paddedClasses);
        denseCount = (int)Math.Min(count, rowsAllowed);
        dense = new int[(long)denseCount * paddedClasses];
        var sparseCount = count - denseCount;
        sparseStart = new int[sparseCount + 1];
        sparseFallback = new int[sparseCount];
        var explicitSets = new (int Class, int Target)[sparseCount][];
        var sparseClasses = new List<int>();
        var sparseTargets = new List<int>();
        for (var s = 0; s < count; s++)
        {
            var old = order[s];
            var f = newId[fail[old]];
            if (s < denseCount)
            {
                if (s != 0)
                {
                    for (var cls = 0; cls < classCount; cls++)
                    {
                        dense[DenseIndex(s, cls)] = dense[DenseIndex(f, cls)];
                    }
                }

                foreach (var (cls, child) in children[old])
                {
                    dense[DenseIndex(s, cls)] = Encode(child);
                }

                continue;
            }

            var map = new Dictionary<int, int>();
            foreach (var (cls, child) in children[old])
            {
                map[cls] = Encode(child);
            }

            if (f < denseCount)
            {
                sparseFallback[s - denseCount] = f;
            }
            else
            {
                sparseFallback[s - denseCount] = sparseFallback[f - denseCount];
                foreach (var (cls, target) in explicitSets[f - denseCount])
                {
                    map.TryAdd(cls, target);
                }
            }

            var set = map.Select(p => (p.Key, p.Value)).OrderBy(p => p.Key).ToArray();
            explicitSets[s - denseCount] = set;
            sparseStart[s - denseCount] = sparseClasses.Count;
            foreach (var (cls, target) in set)
            {
                sparseClasses.Add(cls);
                sparseTargets.Add(target);
            }
        }

        sparseStart[sparseCount] = sparseClasses.Count;
        sparseClass = [.. sparseClasses];
        sparseTarget = [.. sparseTargets];
    }

    /// <summary>Number of keywords (ids run from 0 to this minus one).</summary>
    public int KeywordCount => keywords.Length;

    /// <summary>Number of automaton states, including the root.</summary>
    public int StateCount => outputStart.Length - 1;

    /// <summary>States with a full transition row; the others are searched sparsely.</summary>
    public int DenseStateCount => denseCount;

    /// <summary>Distinct chars used by the keywords, plus one class for every other char.</summary>
    public int CharClassCount => classCount;

    /// <summary>Bytes held by the transition tables.</summary>
    public long TableBytes => (sizeof(ushort) * 65536L) + (sizeof(int) * ((long)dense.Length + sparseClass.Length + sparseTarget.Length + sparseStart.Length + sparseFallback.Length));

    /// <summary>The normalised keyword with this id.</summary>
    public string Keyword(int keywordId) => keywords[keywordId];

    /// <summary>Length in chars of the normalised keyword, to turn a hit's end into its start.</summary>
    public int KeywordLength(int keywordId) => keywordLength[keywordId];

    /// <summary>Reports every occurrence (overlapping ones too) to <paramref name="sink"/>, without allocating.</summary>
    public void Scan<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : IKeywordHitSink, allows ref struct
    {
        var state = 0;
        for (var i = 0; i < text.Length; i++)
        {
            state = Step(state, text[i]);
            if (state < 0)
            {
                state = ~state;
                for (var k = outputStart[state]; k < outputStart[state + 1]; k++)
                {
                    sink.OnHit(outputIds[k], i + 1);
                }
            }
        }
    }

    /// <summary>Appends every occurrence to <paramref name="hits"/>.</summary>
    public void Scan(ReadOnlySpan<char> text, List<KeywordHit> hits)
    {
        ArgumentNullException.ThrowIfNull(hits);
        var sink = new ListSink(hits, keywordLength);
        Scan(text, ref sink);
    }

    /// <summary>Every occurrence, in order of end index.</summary>
    public IReadOnlyList<KeywordHit> Scan(ReadOnlySpan<char> text)
    {
        var hits = new List<KeywordHit>();
        Scan(text, hits);
        return hits;
    }

    /// <summary>A set to reuse with <see cref="FindDistinct(ReadOnlySpan{char}, KeywordIdSet)"/>.</summary>
    public KeywordIdSet CreateIdSet() => new(StateCount, KeywordCount);

    /// <summary>Fills <paramref name="into"/> with the ids of the keywords that occur; no allocation once warm.</summary>
    public void FindDistinct(ReadOnlySpan<char> text, KeywordIdSet into)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (into.StateStamp.Length != StateCount || into.KeywordStamp.Length != KeywordCount)
        {
            throw new ArgumentException("该集合属于另一个自动机。", nameof(into));
        }

        into.Reset();
        var generation = into.Generation;
        var stamps = into.StateStamp;
        var state = 0;
        for (var i = 0; i < text.Length; i++)
        {
            state = Step(state, text[i]);
            if (state < 0)
            {
                state = ~state;

                // A state reports the same keywords every time; after its first visit it adds nothing.
                if (stamps[state] != generation)
                {
                    stamps[state] = generation;
                    for (var k = outputStart[state]; k < outputStart[state + 1]; k++)
                    {
                        into.Add(outputIds[k]);
                    }
                }
            }
        }
    }

    /// <summary>The ids of the keywords that occur, ascending.</summary>
    public int[] FindDistinct(ReadOnlySpan<char> text)
    {
        var set = CreateIdSet();
        FindDistinct(text, set);
        var ids = set.Ids.ToArray();
        Array.Sort(ids);
        return ids;
    }

    // Returns the next state, complemented when it has output.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Step(int state, char c)
    {
        int cls = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(classOf), (nint)c);
        if (state < denseCount)
        {
            // In range by construction: state < denseCount and cls < classCount.
            return Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(dense), (nint)DenseIndex(state, cls));
        }

        return SparseStep(state, cls);
    }

    private int SparseStep(int state, int cls)
    {
        var s = state - denseCount;
        if (cls != 0)
        {
            var from = sparseStart[s];
            var to = sparseStart[s + 1];
            if (to - from <= 8)
            {
                for (var k = from; k < to; k++)
                {
                    if (sparseClass[k] == cls)
                    {
                        return sparseTarget[k];
                    }
                }
            }
            else
            {
                var k = Array.BinarySearch(sparseClass, from, to - from, cls);
                if (k >= 0)
                {
                    return sparseTarget[k];
                }
            }
        }

        return dense[DenseIndex(sparseFallback[s], cls)];
    }

    // Dense rows are stored in blocks of 256 classes: block b of every row, then block b + 1. With classes numbered by
    // frequency, block 0 of all rows is one contiguous hot region instead of a slice of every 16 KB row.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int DenseIndex(int state, int cls) => ((((cls >> BlockBits) * denseCount) + state) << BlockBits) + (cls & BlockMask);

    private struct ListSink(List<KeywordHit> hits, int[] lengths) : IKeywordHitSink
    {
        public readonly void OnHit(int keywordId, int end) => hits.Add(new KeywordHit(keywordId, end - lengths[keywordId], end));
    }
}
