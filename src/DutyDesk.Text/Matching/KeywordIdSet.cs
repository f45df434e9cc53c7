using System.Collections;

namespace DutyDesk.Text.Matching;

/// <summary>
/// A reusable result of <see cref="KeywordAutomaton.FindDistinct(ReadOnlySpan{char}, KeywordIdSet)"/>: the keyword
/// ids that occurred, in order of first occurrence. Not thread-safe: one per thread.
/// </summary>
public sealed class KeywordIdSet
{
    // Generation stamps instead of clearing: resetting between scans is O(1), not O(keywords + states).
    internal readonly int[] StateStamp;
    internal readonly int[] KeywordStamp;
    internal int Generation;

    // One spare slot: an add writes before it knows whether the id is new (see KeywordAutomaton.ReportDistinct).
    internal readonly int[] Items;
    internal int ItemCount;

    private readonly IdList ids;

    // One state stamp per slot of the automaton's output lists (a state is stamped at the start of its list).
    internal KeywordIdSet(int outputSlots, int keywordCount)
    {
        StateStamp = new int[outputSlots];
        KeywordStamp = new int[keywordCount];
        Items = new int[keywordCount + 1];
        ids = new IdList(this);
    }

    /// <summary>The ids found by the last scan.</summary>
    public IReadOnlyList<int> Ids => ids;

    public int Count => ItemCount;

    public bool Contains(int keywordId) => (uint)keywordId < (uint)KeywordStamp.Length && KeywordStamp[keywordId] == Generation;

    internal void Reset()
    {
        ItemCount = 0;
        if (++Generation == int.MaxValue)
        {
            Array.Clear(StateStamp);
            Array.Clear(KeywordStamp);
            Generation = 1;
        }
    }

    private sealed class IdList(KeywordIdSet set) : IReadOnlyList<int>
    {
        public int Count => set.ItemCount;

        public int this[int index] => (uint)index < (uint)set.ItemCount ? set.Items[index] : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<int> GetEnumerator()
        {
            for (var i = 0; i < set.ItemCount; i++)
            {
                yield return set.Items[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
