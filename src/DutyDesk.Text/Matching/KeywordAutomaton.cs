using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DutyDesk.Text.Matching;

/// <summary>
/// Aho-Corasick automaton over UTF-16 chars that finds many keywords in one pass. Keywords are normalised with
/// <see cref="TextNormalizer.Fold"/> (so Traditional keywords work too); the text to scan must already be normalised
/// the same way.
/// </summary>
/// <remarks>
/// Layout, chosen for scan speed: every char maps through a 65,536-entry table to a class (0 = in no keyword). The
/// root's transitions are one dense row. Every other state keeps only the transitions that differ from that row,
/// packed into one double array: a state is its base offset, the slot at base + class holds (owner, target), and a
/// slot owned by another state means "not mine". Those transitions are the state's own trie edges plus those inherited
/// along its failure chain down to depth 2, so no failure loop is needed; depth 1 is left out, because the state of
/// depth 1 on the chain is always the root row's entry for the char just read, which the scan carries along. A step is
/// thus three independent loads (own slot, that depth-1 state's slot, root row) and two branch-free selects, over
/// tables of about 0.5 MB for 10,000 CJK keywords. The slot at base + 0 (class 0 never leaves the root row) holds the
/// state's output list. Bases of states with output are placed after all others, so "has output" is one compare.
/// Inherited transitions are bounded by a byte budget; states past it (in breadth-first order) keep only their own
/// edges and follow failure links. Immutable and thread-safe once built.
/// </remarks>
public sealed class KeywordAutomaton
{
    /// <summary>Default budget for the transitions inherited along failure chains (64 MB).</summary>
    public const long DefaultMaxDenseBytes = 64L * 1024 * 1024;

    // Longest lane of the two-lane walk (it sizes the event buffer), and the shortest text worth splitting.
    private const int MaxLane = 512;
    private const int MinPairedLength = 32;

    // Owner of free slots; the per-state slots have this bit set too (with the output count), and no base has it.
    private const uint NoOwner = uint.MaxValue;
    private const uint InfoSlot = 0x8000_0000;

    // The walk's event buffer, one per thread, reused across scans.
    [ThreadStatic]
    private static ulong[]? scratch;

    private readonly ushort[] classOf = new ushort[65536];
    private readonly int classCount;
    private readonly int stateCount;
    private readonly int resolvedCount;
    private readonly int rootBase;

    // Bases are grouped: resolved states without output, resolved states with output from outputBase, then the states
    // past the budget from slowBase (int.MaxValue if none), which keep only their own edges and follow failure links.
    // "Has output" is then a compare, not a flag to strip before the next step.
    private readonly int outputBase;
    private readonly int slowBase;
    private readonly int[] rootRow;
    private readonly ulong[] slots;
    private readonly int[] slowFail;
    private readonly int[] outputIds;
    private readonly int[] keywordLength;
    private readonly string[] keywords;

    // Chars a scan started mid-text must read before it can report: the longest keyword minus one.
    private readonly int overlap;

    /// <summary>Builds the automaton; keyword ids are indexes into <paramref name="keywords"/>.</summary>
    /// <param name="keywords">The keywords, normalised here.</param>
    /// <param name="maxDenseBytes">
    /// Budget for the transitions that states inherit along their failure chains (8 bytes each). Within it, a step is
    /// one lookup; past it, the deeper states follow failure links. The root row and the trie edges always count extra.
    /// </param>
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
            overlap = Math.Max(overlap, key.Length - 1);
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
        var ownOld = new List<List<int>?> { null };
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
                    ownOld.Add(null);
                    go[edge] = next;
                    children[state].Add((cls, next));
                }

                state = next;
            }

            (ownOld[state] ??= []).Add(id);
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

        // Everything from here on uses the breadth-first ids.
        stateCount = count;
        var edges = new (int Class, int Child)[count][];
        var failOf = new int[count];
        var own = new List<int>?[count];
        for (var s = 0; s < count; s++)
        {
            var old = order[s];
            edges[s] = [.. children[old].Select(e => (e.Class, newId[e.Child])).OrderBy(e => e.Item1)];
            failOf[s] = newId[fail[old]];
            own[s] = ownOld[old];
        }

        // Outputs: a state's own keywords plus everything its failure state reports.
        var outputStart = new int[count + 1];
        var outputs = new List<int>();
        for (var s = 0; s < count; s++)
        {
            outputStart[s] = outputs.Count;
            if (own[s] is { } mine)
            {
                outputs.AddRange(mine);
            }

            if (s != 0)
            {
                for (var k = outputStart[failOf[s]]; k < outputStart[failOf[s] + 1]; k++)
                {
                    outputs.Add(outputs[k]);
                }
            }
        }

        outputStart[count] = outputs.Count;
        outputIds = [.. outputs];

        // Transitions that differ from the root row, minus those of the depth-1 state of the last char read (the scan
        // knows that state: the root row's entry for the previous char). A state's own edges override those of its
        // failure state, which already hold everything further down the chain above depth 1. Breadth-first order
        // builds the failure state first.
        var depth = new int[count];
        foreach (var (_, child) in edges[0])
        {
            depth[child] = 1;
        }

        var budget = Math.Max(0, maxDenseBytes) / sizeof(ulong);
        var rows = new (int Class, int Target)[count][];
        rows[0] = [];
        resolvedCount = count;
        long inherited = 0;
        for (var s = 1; s < count; s++)
        {
            foreach (var (_, child) in edges[s])
            {
                depth[child] = depth[s] + 1;
            }

            var f = failOf[s];
            if (depth[f] < 2 || s >= resolvedCount)
            {
                rows[s] = edges[s];
                continue;
            }

            var merged = Merge(edges[s], rows[f]);
            inherited += merged.Length - edges[s].Length;
            if (inherited > budget)
            {
                resolvedCount = s;
                rows[s] = edges[s];
                continue;
            }

            rows[s] = merged;
        }

        var hasOutput = new bool[count];
        for (var st = 0; st < count; st++)
        {
            hasOutput[st] = outputStart[st + 1] > outputStart[st];
        }

        var bases = Place(rows, resolvedCount, hasOutput, out outputBase, out slowBase, out var length);
        length = Math.Max(length, bases.Max() + classCount);
        slots = new ulong[length];
        Array.Fill(slots, NoOwner);
        slowFail = new int[slowBase == int.MaxValue ? 0 : length - slowBase];
        rootRow = new int[classCount];
        rootBase = bases[0];
        for (var st = 0; st < count; st++)
        {
            // The state's own slot: where its output list starts, and how long it is.
            slots[bases[st]] = ((ulong)(uint)outputStart[st] << 32) | InfoSlot | (uint)(outputStart[st + 1] - outputStart[st]);
            if (bases[st] >= slowBase)
            {
                slowFail[bases[st] - slowBase] = bases[failOf[st]];
            }

            foreach (var (cls, target) in rows[st])
            {
                slots[bases[st] + cls] = ((ulong)(uint)bases[target] << 32) | (uint)bases[st];
            }
        }

        Array.Fill(rootRow, rootBase);
        foreach (var (cls, child) in edges[0])
        {
            rootRow[cls] = bases[child];
        }
    }

    /// <summary>Number of keywords (ids run from 0 to this minus one).</summary>
    public int KeywordCount => keywords.Length;

    /// <summary>Number of automaton states, including the root.</summary>
    public int StateCount => stateCount;

    /// <summary>States whose every transition is one lookup (failure chains resolved within the budget).</summary>
    public int DenseStateCount => resolvedCount;

    /// <summary>Distinct chars used by the keywords, plus one class for every other char.</summary>
    public int CharClassCount => classCount;

    /// <summary>Bytes held by the transition tables.</summary>
    public long TableBytes => (sizeof(ushort) * 65536L) + (sizeof(ulong) * (long)slots.Length) + (sizeof(int) * ((long)rootRow.Length + slowFail.Length));

    /// <summary>The normalised keyword with this id.</summary>
    public string Keyword(int keywordId) => keywords[keywordId];

    /// <summary>Length in chars of the normalised keyword, to turn a hit's end into its start.</summary>
    public int KeywordLength(int keywordId) => keywordLength[keywordId];

    /// <summary>
    /// Reports every occurrence (overlapping ones too) to <paramref name="sink"/>, in order of end; allocates only an
    /// 8 KB buffer on a thread's first scan.
    /// </summary>
    public void Scan<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : IKeywordHitSink, allows ref struct
    {
        Walk(text, ref sink, null, 0);
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
    public KeywordIdSet CreateIdSet() => new(outputIds.Length, KeywordCount);

    /// <summary>Fills <paramref name="into"/> with the ids of the keywords that occur; no allocation once warm.</summary>
    public void FindDistinct(ReadOnlySpan<char> text, KeywordIdSet into)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (into.StateStamp.Length != outputIds.Length || into.KeywordStamp.Length != KeywordCount)
        {
            throw new ArgumentException("该集合属于另一个自动机。", nameof(into));
        }

        into.Reset();
        var sink = new IdSetSink(into);
        Walk(text, ref sink, into, into.Generation);
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

    // The scan proper. One Aho-Corasick walk is a chain of dependent loads (each step needs the state the last one
    // produced), so it waits on the cache at every char. Two walks over the two halves of the text (of each block of
    // 2 × MaxLane chars), interleaved, keep two such chains in flight; the second starts `overlap` chars before the
    // first ends, so it sees every keyword that ends in its half. Each step is branch-free: the selects are masks, and
    // output states are appended to a buffer whose index advances by 0 or 1 — a branch on "has output" would be
    // mispredicted at nearly every third char of a post with 10,000 keywords. The buffered states are then reported
    // half by half, so in order of end.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Walk<TSink>(ReadOnlySpan<char> text, ref TSink sink, KeywordIdSet? distinct, int generation)
        where TSink : IKeywordHitSink, allows ref struct
    {
        if (slowBase != int.MaxValue || overlap > MaxLane / 4)
        {
            WalkStreaming(text, ref sink, distinct, generation);
            return;
        }

        // Taken, not shared: a sink that scans again on this thread gets a buffer of its own.
        var events = scratch ?? new ulong[2 * MaxLane];
        scratch = null;
        var reported = 0;
        while (reported < text.Length)
        {
            var from = Math.Max(0, reported - overlap);
            var remaining = text.Length - from;
            if (remaining < (2 * overlap) + MinPairedLength)
            {
                var count = WalkLane(text.Slice(from, remaining), events);
                if (distinct is null)
                {
                    Report(events.AsSpan(0, count), from, reported, ref sink);
                }
                else
                {
                    ReportDistinct(events.AsSpan(0, count), from, reported, distinct);
                }

                break;
            }

            // Two lanes of equal length `lane`, `step` apart, the second ending the text unless the text is longer
            // than two lanes hold (then lane = MaxLane). The second reports the ends after the first one ends.
            var step = Math.Min(MaxLane - overlap, (remaining - overlap) / 2);
            var lane = step == MaxLane - overlap ? MaxLane : remaining - step;
            var (first, second) = WalkPair(text.Slice(from, step + lane), lane, step, events);
            if (distinct is null)
            {
                Report(events.AsSpan(0, first), from, reported, ref sink);
                Report(events.AsSpan(MaxLane, second), from + step, from + lane, ref sink);
            }
            else
            {
                ReportDistinct(events.AsSpan(0, first), from, reported, distinct);
                ReportDistinct(events.AsSpan(MaxLane, second), from + step, from + lane, distinct);
            }

            reported = from + step + lane;
        }

        scratch = events;
    }

    // Automata past their budget and those with very long keywords: the plain walk with failure links where needed.
    private void WalkStreaming<TSink>(ReadOnlySpan<char> text, ref TSink sink, KeywordIdSet? distinct, int generation)
        where TSink : IKeywordHitSink, allows ref struct
    {
        var state = rootBase;
        var last = rootBase;
        for (var i = 0; i < text.Length; i++)
        {
            int cls = classOf[text[i]];
            state = state < slowBase ? Resolved(state, last, cls) : SlowStep(state, last, cls);
            last = rootRow[cls];
            if (state >= outputBase && (state < slowBase || (uint)slots[state] != InfoSlot))
            {
                Visit(state, i + 1, ref sink, distinct, generation);
            }
        }
    }

    private int Resolved(int state, int last, int cls)
    {
        var own = slots[state + cls];
        if ((uint)own == (uint)state)
        {
            return (int)(own >> 32);
        }

        var viaLast = slots[last + cls];
        return (uint)viaLast == (uint)last ? (int)(viaLast >> 32) : rootRow[cls];
    }

    // Walks one lane from the root; records (state, end within the lane) for every output state. Returns the count.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int WalkLane(ReadOnlySpan<char> lane, ulong[] events)
    {
        ref var slot0 = ref MemoryMarshal.GetArrayDataReference(slots);
        ref var root0 = ref MemoryMarshal.GetArrayDataReference(rootRow);
        ref var class0 = ref MemoryMarshal.GetArrayDataReference(classOf);
        ref var e = ref MemoryMarshal.GetArrayDataReference(events);
        var outputFrom = outputBase;
        var count = 0;
        var state = rootBase;
        var last = rootBase;
        for (var i = 0; i < lane.Length; i++)
        {
            state = Step(ref slot0, ref root0, ref class0, state, ref last, lane[i]);

            // At most one event per char, so the store is inside the buffer even when it is not kept.
            Unsafe.Add(ref e, (nint)(uint)count) = ((ulong)(uint)state << 32) | (uint)(i + 1);
            count += (int)((uint)(outputFrom - 1 - state) >> 31);
        }

        return count;
    }

    // Two lanes of `lane` chars, `step` apart, in lockstep: two independent dependency chains for the out-of-order
    // core. The second lane's events go from index MaxLane. (Four lanes measured no faster: the JIT then spills the
    // chains' temporaries to the stack.)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (int First, int Second) WalkPair(ReadOnlySpan<char> piece, int lane, int step, ulong[] events)
    {
        ref var slot0 = ref MemoryMarshal.GetArrayDataReference(slots);
        ref var root0 = ref MemoryMarshal.GetArrayDataReference(rootRow);
        ref var class0 = ref MemoryMarshal.GetArrayDataReference(classOf);
        ref var e = ref MemoryMarshal.GetArrayDataReference(events);
        ref var c = ref MemoryMarshal.GetReference(piece);
        var outputFrom = outputBase;
        var countA = 0;
        var countB = MaxLane;
        int stateA = rootBase, lastA = rootBase, stateB = rootBase, lastB = rootBase;
        for (var i = 0; i < lane; i++)
        {
            stateA = Step(ref slot0, ref root0, ref class0, stateA, ref lastA, Unsafe.Add(ref c, (nint)(uint)i));
            stateB = Step(ref slot0, ref root0, ref class0, stateB, ref lastB, Unsafe.Add(ref c, (nint)(uint)(i + step)));

            // At most one event per char, so the stores are inside the buffer even when they are not kept.
            Unsafe.Add(ref e, (nint)(uint)countA) = ((ulong)(uint)stateA << 32) | (uint)(i + 1);
            Unsafe.Add(ref e, (nint)(uint)countB) = ((ulong)(uint)stateB << 32) | (uint)(i + 1);
            countA += (int)((uint)(outputFrom - 1 - stateA) >> 31);
            countB += (int)((uint)(outputFrom - 1 - stateB) >> 31);
        }

        return (countA, countB - MaxLane);
    }

    // One step of a resolved state, without branches. `last` is the depth-1 state of the char before (the root row's
    // entry for it, the root if none): the fallback for classes the state's own slots do not hold. In range by
    // construction: every base plus every class is inside the slots, every class inside the root row.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(ref ulong slot0, ref int root0, ref ushort class0, int state, ref int last, char c)
    {
        int cls = Unsafe.Add(ref class0, (nint)c);
        var own = Unsafe.Add(ref slot0, (nint)(uint)(state + cls));
        var viaLast = Unsafe.Add(ref slot0, (nint)(uint)(last + cls));
        var root = Unsafe.Add(ref root0, (nint)(uint)cls);

        // All ones when the slot's owner is the state asked about, else zero.
        var lastOwns = (int)(((long)((uint)viaLast ^ (uint)last) - 1) >> 63);
        var stateOwns = (int)(((long)((uint)own ^ (uint)state) - 1) >> 63);
        var next = root ^ ((root ^ (int)(viaLast >> 32)) & lastOwns);
        last = root;
        return next ^ ((next ^ (int)(own >> 32)) & stateOwns);
    }

    // Reports the recorded output states that end after `after` (earlier ends belong to the previous lane).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Report<TSink>(scoped ReadOnlySpan<ulong> events, int offset, int after, ref TSink sink)
        where TSink : IKeywordHitSink, allows ref struct
    {
        foreach (var e in events)
        {
            var end = offset + (int)(uint)e;
            if (end > after)
            {
                Visit((int)(e >> 32), end, ref sink, null, 0);
            }
        }
    }

    // As Report, into a distinct set, without data-dependent branches: whether a state was seen before and whether a
    // keyword is new are each right or wrong about as often as a coin, so both become arithmetic. A seen state's list
    // counts as empty; an id is always written and the count advances only if it is new.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReportDistinct(ReadOnlySpan<ulong> events, int offset, int after, KeywordIdSet into)
    {
        var generation = into.Generation;
        var stateStamps = into.StateStamp;
        var keywordStamps = into.KeywordStamp;
        var items = into.Items;
        var count = into.ItemCount;
        foreach (var e in events)
        {
            if (offset + (int)(uint)e <= after)
            {
                continue;
            }

            var info = slots[(int)(e >> 32)];
            var start = (int)(info >> 32);
            var fresh = (stateStamps[start] ^ generation) != 0 ? 1 : 0;
            stateStamps[start] = generation;
            var stop = start + ((int)((uint)info & ~InfoSlot) & -fresh);
            for (var k = start; k < stop; k++)
            {
                var id = outputIds[k];
                items[count] = id;
                count += (int)((uint)(keywordStamps[id] ^ generation) | (uint)-(keywordStamps[id] ^ generation)) >>> 31;
                keywordStamps[id] = generation;
            }
        }

        into.ItemCount = count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Visit<TSink>(int state, int end, ref TSink sink, KeywordIdSet? distinct, int generation)
        where TSink : IKeywordHitSink, allows ref struct
    {
        // The state's own slot holds its output list: no lookup by state id.
        var info = slots[state];
        var start = (int)(info >> 32);
        if (distinct is not null)
        {
            // Stamped by the list's start, unique per output state.
            if (distinct.StateStamp[start] == generation)
            {
                return;
            }

            distinct.StateStamp[start] = generation;
        }

        var stop = start + (int)((uint)info & ~InfoSlot);
        for (var k = start; k < stop; k++)
        {
            sink.OnHit(outputIds[k], end);
        }
    }

    // States past the budget hold only their own edges: follow failure links until a state has the class or is
    // resolved. Every state on the chain is a suffix of the first, so `last` is the same for all of them.
    private int SlowStep(int state, int last, int cls)
    {
        while (state >= slowBase)
        {
            var slot = slots[state + cls];
            if ((uint)slot == (uint)state)
            {
                return (int)(slot >> 32);
            }

            state = slowFail[state - slowBase];
        }

        return Resolved(state, last, cls);
    }

    // A state's own edges plus those of its failure state's row that it does not override; both sorted by class.
    private static (int Class, int Target)[] Merge((int Class, int Target)[] mine, (int Class, int Target)[] inherited)
    {
        var merged = new List<(int Class, int Target)>(mine.Length + inherited.Length);
        int a = 0, b = 0;
        while (a < mine.Length || b < inherited.Length)
        {
            if (b == inherited.Length || (a < mine.Length && mine[a].Class <= inherited[b].Class))
            {
                if (b < inherited.Length && mine[a].Class == inherited[b].Class)
                {
                    b++;
                }

                merged.Add(mine[a++]);
            }
            else
            {
                merged.Add(inherited[b++]);
            }
        }

        return [.. merged];
    }

    // First-fit double-array placement: a base b fits a row when slot b (the state's id slot) and b + every class are
    // free. Large rows go first, while the table is empty enough for them. Each group of states (see outputBase) is
    // placed after the one before, so a base's group is a compare.
    private static int[] Place((int Class, int Target)[][] rows, int resolvedCount, bool[] hasOutput, out int outputBase, out int slowBase, out int length)
    {
        var bases = new int[rows.Length];
        var used = new bool[1024];

        // Union-find over the slots: Free(i) is the first free slot at or after i, so candidate bases skip the
        // packed part of the table instead of testing it slot by slot.
        var nextFree = new int[1024];
        for (var i = 0; i < nextFree.Length; i++)
        {
            nextFree[i] = i;
        }

        void Grow(int size)
        {
            var old = used.Length;
            var grown = Math.Max(size, old * 2);
            Array.Resize(ref used, grown);
            Array.Resize(ref nextFree, grown + 1);
            for (var i = old; i < nextFree.Length; i++)
            {
                nextFree[i] = i;
            }
        }

        int Free(int i)
        {
            var root = i;
            while (nextFree[root] != root)
            {
                root = nextFree[root];
            }

            while (nextFree[i] != root)
            {
                (i, nextFree[i]) = (nextFree[i], root);
            }

            return root;
        }

        var end = 0;
        int PlaceRow((int Class, int Target)[] row, int minBase)
        {
            var span = row.Length > 0 ? row[^1].Class : 0;
            if (minBase + 1 >= used.Length)
            {
                Grow(minBase + 2);
            }

            for (var b = Free(minBase); ; b = Free(b + 1))
            {
                if (b + span + 1 >= used.Length)
                {
                    Grow(b + span + 2);
                }

                var fits = true;
                foreach (var (cls, _) in row)
                {
                    if (used[b + cls])
                    {
                        fits = false;
                        break;
                    }
                }

                if (!fits)
                {
                    continue;
                }

                used[b] = true;
                nextFree[b] = b + 1;
                foreach (var (cls, _) in row)
                {
                    used[b + cls] = true;
                    nextFree[b + cls] = b + cls + 1;
                }

                end = Math.Max(end, b + span + 1);
                return b;
            }
        }

        void PlaceGroup(IEnumerable<int> states, int minBase)
        {
            foreach (var s in states.OrderByDescending(s => rows[s].Length).ThenBy(s => s))
            {
                bases[s] = PlaceRow(rows[s], minBase);
            }
        }

        var resolved = Enumerable.Range(0, resolvedCount);
        PlaceGroup(resolved.Where(s => !hasOutput[s]), 0);
        outputBase = end;
        PlaceGroup(resolved.Where(s => hasOutput[s]), outputBase);
        slowBase = resolvedCount == rows.Length ? int.MaxValue : end;
        PlaceGroup(Enumerable.Range(resolvedCount, rows.Length - resolvedCount), end);
        length = end;
        return bases;
    }

    // Used by the plain walk only; the lanes add to the set in ReportDistinct.
    private readonly struct IdSetSink(KeywordIdSet into) : IKeywordHitSink
    {
        public void OnHit(int keywordId, int end)
        {
            if (into.KeywordStamp[keywordId] != into.Generation)
            {
                into.KeywordStamp[keywordId] = into.Generation;
                into.Items[into.ItemCount++] = keywordId;
            }
        }
    }

    private struct ListSink(List<KeywordHit> hits, int[] lengths) : IKeywordHitSink
    {
        public readonly void OnHit(int keywordId, int end) => hits.Add(new KeywordHit(keywordId, end - lengths[keywordId], end));
    }
}
