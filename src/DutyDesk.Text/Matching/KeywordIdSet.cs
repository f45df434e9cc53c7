namespace DutyDesk.Text.Matching;

/// <summary>
/// A reusable result of <see cref="KeywordAutomaton.FindDistinct(ReadOnlySpan{char}, KeywordIdSet)"/>: the keyword
/// ids that occurred, in order of first occurrence. Not thread-safe: one per thread.
/// </summary>
public sealed class KeywordIdSet
{
    private readonly List<int> ids = [];

    // Generation stamps instead of clearing: resetting between scans is O(1), not O(keywords + states).
    internal readonly int[] StateStamp;
    internal readonly int[] KeywordStamp;
    internal int Generation;

    // One state stamp per slot of the automaton's output lists (a state is stamped at the start of its list).
    internal KeywordIdSet(int outputSlots, int keywordCount)
    {
        StateStamp = new int[outputSlots];
        KeywordStamp = new int[keywordCount];
    }

    /// <summary>The ids found by the last scan.</summary>
    public IReadOnlyList<int> Ids => ids;

    public int Count => ids.Count;

    public bool Contains(int keywordId) => (uint)keywordId < (uint)KeywordStamp.Length && KeywordStamp[keywordId] == Generation;

    internal void Reset()
    {
        ids.Clear();
        if (++Generation == int.MaxValue)
        {
            Array.Clear(StateStamp);
            Array.Clear(KeywordStamp);
            Generation = 1;
        }
    }

    internal void Add(int keywordId)
    {
        if (KeywordStamp[keywordId] != Generation)
        {
            KeywordStamp[keywordId] = Generation;
            ids.Add(keywordId);
        }
    }
}
