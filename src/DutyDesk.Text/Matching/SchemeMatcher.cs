namespace DutyDesk.Text.Matching;

/// <summary>
/// Matches a text against many schemes at once: every word of every scheme is in one <see cref="KeywordAutomaton"/>,
/// the text is scanned once, and only the schemes that mention a word that occurred are evaluated (inverted index).
/// Scheme ids are indexes into the list given to the constructor. Immutable and thread-safe; results are per thread.
/// </summary>
public sealed class SchemeMatcher
{
    private readonly KeywordAutomaton automaton;
    private readonly Compiled[] rules;
    private readonly int[] schemesStart;
    private readonly int[] schemesOfWord;
    private readonly int[][] positiveWords;

    // Rules that hold when no word occurs (e.g. "NOT a") cannot be found through the inverted index.
    private readonly int[] alwaysEvaluated;

    /// <summary>Compiles the schemes' rules.</summary>
    public SchemeMatcher(IReadOnlyList<MatchRule> schemes, long maxDenseBytes = KeywordAutomaton.DefaultMaxDenseBytes)
    {
        ArgumentNullException.ThrowIfNull(schemes);
        var wordIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var words = new List<string>();
        int IdOf(string word)
        {
            if (!wordIds.TryGetValue(word, out var id))
            {
                id = words.Count;
                wordIds[word] = id;
                words.Add(word);
            }

            return id;
        }

        rules = new Compiled[schemes.Count];
        positiveWords = new int[schemes.Count][];
        var lists = new List<List<int>>();
        var always = new List<int>();
        for (var s = 0; s < schemes.Count; s++)
        {
            rules[s] = Compile(schemes[s].Root, IdOf);
            positiveWords[s] = schemes[s].PositiveWords.Select(IdOf).ToArray();
            while (lists.Count < words.Count)
            {
                lists.Add([]);
            }

            foreach (var id in schemes[s].Words.Select(IdOf))
            {
                lists[id].Add(s);
            }

            if (rules[s].Evaluate(EmptyContext.Instance))
            {
                always.Add(s);
            }
        }

        schemesStart = new int[words.Count + 1];
        var flat = new List<int>();
        for (var w = 0; w < words.Count; w++)
        {
            schemesStart[w] = flat.Count;
            flat.AddRange(lists[w]);
        }

        schemesStart[words.Count] = flat.Count;
        schemesOfWord = [.. flat];
        alwaysEvaluated = [.. always];
        automaton = new KeywordAutomaton(words, maxDenseBytes);
    }

    /// <summary>Number of schemes.</summary>
    public int SchemeCount => rules.Length;

    /// <summary>The automaton holding every distinct word; word ids in results are its keyword ids.</summary>
    public KeywordAutomaton Automaton => automaton;

    /// <summary>A result to reuse with <see cref="Match(ReadOnlySpan{char}, SchemeMatchResult)"/>.</summary>
    public SchemeMatchResult CreateResult() => new(automaton.KeywordCount, rules.Length, automaton.KeywordLength);

    /// <summary>Matches already-normalised text (<see cref="TextNormalizer.Fold"/>).</summary>
    public SchemeMatchResult Match(ReadOnlySpan<char> normalizedText)
    {
        var result = CreateResult();
        Match(normalizedText, result);
        return result;
    }

    /// <summary>Matches already-normalised text into a reused result; no allocation once its lists have grown.</summary>
    public void Match(ReadOnlySpan<char> normalizedText, SchemeMatchResult into)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (!into.BelongsTo(automaton.KeywordCount, rules.Length))
        {
            throw new ArgumentException("该结果属于另一个匹配器。", nameof(into));
        }

        into.Reset();
        var sink = new Sink(into);
        automaton.Scan(normalizedText, ref sink);
        foreach (var s in alwaysEvaluated)
        {
            Evaluate(s, into);
        }

        foreach (var w in into.DistinctWords)
        {
            for (var k = schemesStart[w]; k < schemesStart[w + 1]; k++)
            {
                Evaluate(schemesOfWord[k], into);
            }
        }

        into.SortSchemes();
        foreach (var s in into.SchemeIdList)
        {
            foreach (var w in positiveWords[s])
            {
                into.MarkHighlighted(w);
            }
        }

        into.CollectHighlights();
    }

    private void Evaluate(int scheme, SchemeMatchResult into)
    {
        if (into.TryVisitScheme(scheme) && rules[scheme].Evaluate(into))
        {
            into.SchemeIdList.Add(scheme);
        }
    }

    private static Compiled Compile(RuleNode node, Func<string, int> idOf) => node switch
    {
        WordNode w => new WordRule(idOf(w.Word)),
        AndNode a => new AndRule(Compile(a.Left, idOf), Compile(a.Right, idOf)),
        OrNode o => new OrRule(Compile(o.Left, idOf), Compile(o.Right, idOf)),
        NotNode n => new NotRule(Compile(n.Operand, idOf)),
        NearNode n => new NearRule(idOf(n.Left), idOf(n.Right), n.Distance),
        _ => throw new ArgumentException("未知的规则节点。", nameof(node)),
    };

    private readonly struct Sink(SchemeMatchResult result) : IKeywordHitSink
    {
        public void OnHit(int keywordId, int end) => result.AddHit(keywordId, end);
    }

    internal interface IContext
    {
        bool Occurs(int word);

        bool Near(int left, int right, int distance);
    }

    private sealed class EmptyContext : IContext
    {
        public static readonly EmptyContext Instance = new();

        public bool Occurs(int word) => false;

        public bool Near(int left, int right, int distance) => false;
    }

    private abstract class Compiled
    {
        public abstract bool Evaluate(IContext context);
    }

    private sealed class WordRule(int word) : Compiled
    {
        public override bool Evaluate(IContext context) => context.Occurs(word);
    }

    private sealed class AndRule(Compiled left, Compiled right) : Compiled
    {
        public override bool Evaluate(IContext context) => left.Evaluate(context) && right.Evaluate(context);
    }

    private sealed class OrRule(Compiled left, Compiled right) : Compiled
    {
        public override bool Evaluate(IContext context) => left.Evaluate(context) || right.Evaluate(context);
    }

    private sealed class NotRule(Compiled operand) : Compiled
    {
        public override bool Evaluate(IContext context) => !operand.Evaluate(context);
    }

    private sealed class NearRule(int left, int right, int distance) : Compiled
    {
        public override bool Evaluate(IContext context) => context.Near(left, right, distance);
    }
}

/// <summary>
/// What <see cref="SchemeMatcher"/> found in one text: matching scheme ids (ascending) and the occurrences of their
/// words outside NOT, for highlighting. Reusable, not thread-safe.
/// </summary>
public sealed class SchemeMatchResult : SchemeMatcher.IContext
{
    private readonly int[] wordStamp;
    private readonly int[] highlightStamp;
    private readonly int[] schemeStamp;
    private readonly Func<int, int> lengthOf;
    private readonly List<KeywordHit> hits = [];
    private readonly List<KeywordHit> highlights = [];
    private int generation;

    internal SchemeMatchResult(int wordCount, int schemeCount, Func<int, int> lengthOf)
    {
        wordStamp = new int[wordCount];
        highlightStamp = new int[wordCount];
        schemeStamp = new int[schemeCount];
        this.lengthOf = lengthOf;
    }

    /// <summary>Ids of the schemes that match, ascending.</summary>
    public IReadOnlyList<int> SchemeIds => SchemeIdList;

    /// <summary>Occurrences of the matching schemes' words (not the excluded ones), in order of end index.</summary>
    public IReadOnlyList<KeywordHit> Highlights => highlights;

    /// <summary>Every word occurrence found by the scan.</summary>
    public IReadOnlyList<KeywordHit> Hits => hits;

    internal List<int> SchemeIdList { get; } = [];

    internal List<int> DistinctWords { get; } = [];

    bool SchemeMatcher.IContext.Occurs(int word) => wordStamp[word] == generation;

    bool SchemeMatcher.IContext.Near(int left, int right, int distance)
    {
        if (wordStamp[left] != generation || wordStamp[right] != generation)
        {
            return false;
        }

        // Hits per text are few; a quadratic pass over them is cheaper than keeping per-word position lists.
        for (var i = 0; i < hits.Count; i++)
        {
            if (hits[i].KeywordId != left)
            {
                continue;
            }

            for (var j = 0; j < hits.Count; j++)
            {
                if (j != i && hits[j].KeywordId == right && Gap(hits[i], hits[j]) <= distance)
                {
                    return true;
                }
            }
        }

        return false;
    }

    internal static int Gap(KeywordHit a, KeywordHit b) => Math.Max(b.Start - a.End, a.Start - b.End);

    internal bool BelongsTo(int wordCount, int schemeCount) => wordStamp.Length == wordCount && schemeStamp.Length == schemeCount;

    internal void Reset()
    {
        hits.Clear();
        highlights.Clear();
        SchemeIdList.Clear();
        DistinctWords.Clear();
        if (++generation == int.MaxValue)
        {
            Array.Clear(wordStamp);
            Array.Clear(highlightStamp);
            Array.Clear(schemeStamp);
            generation = 1;
        }
    }

    internal void AddHit(int word, int end)
    {
        hits.Add(new KeywordHit(word, end - lengthOf(word), end));
        if (wordStamp[word] != generation)
        {
            wordStamp[word] = generation;
            DistinctWords.Add(word);
        }
    }

    internal bool TryVisitScheme(int scheme)
    {
        if (schemeStamp[scheme] == generation)
        {
            return false;
        }

        schemeStamp[scheme] = generation;
        return true;
    }

    internal void SortSchemes() => SchemeIdList.Sort();

    internal void MarkHighlighted(int word) => highlightStamp[word] = generation;

    internal void CollectHighlights()
    {
        foreach (var hit in hits)
        {
            if (highlightStamp[hit.KeywordId] == generation)
            {
                highlights.Add(hit);
            }
        }
    }
}
