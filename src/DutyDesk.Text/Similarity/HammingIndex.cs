namespace DutyDesk.Text.Similarity;

/// <summary>
/// Finds the stored 64-bit fingerprints within Hamming distance k of a query without scanning them all.
/// </summary>
/// <remarks>
/// Pigeonhole: the 64 bits are cut into k + 1 blocks; two fingerprints differing in at most k bits agree exactly on
/// at least one block, so one exact-match table per block yields every answer, and each candidate is checked on all
/// 64 bits. An item matching several blocks is reported once, from the first block it agrees on. Results come in a
/// deterministic order (block, then insertion order).
/// </remarks>
public sealed class HammingIndex
{
    private readonly int maxDistance;
    private readonly int[] blockStart;
    private readonly int[] blockLength;
    private readonly Dictionary<ulong, List<(ulong Fingerprint, int Value)>>[] tables;

    /// <param name="maxDistance">k, from 0 to 31 (at least two bits a block).</param>
    public HammingIndex(int maxDistance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistance);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDistance, 31);
        this.maxDistance = maxDistance;
        var blocks = maxDistance + 1;
        blockStart = new int[blocks];
        blockLength = new int[blocks];
        tables = new Dictionary<ulong, List<(ulong, int)>>[blocks];
        var start = 0;
        for (var b = 0; b < blocks; b++)
        {
            // Spread the remainder over the first blocks so lengths differ by at most one bit.
            blockLength[b] = (64 / blocks) + (b < 64 % blocks ? 1 : 0);
            blockStart[b] = start;
            start += blockLength[b];
            tables[b] = [];
        }
    }

    public int MaxDistance => maxDistance;

    public int Count { get; private set; }

    public void Add(ulong fingerprint, int value)
    {
        for (var b = 0; b < tables.Length; b++)
        {
            var key = Block(fingerprint, b);
            if (!tables[b].TryGetValue(key, out var list))
            {
                list = [];
                tables[b].Add(key, list);
            }

            list.Add((fingerprint, value));
        }

        Count++;
    }

    /// <summary>Removes one stored (fingerprint, value) pair; returns false if it was not stored.</summary>
    public bool Remove(ulong fingerprint, int value)
    {
        var removed = false;
        for (var b = 0; b < tables.Length; b++)
        {
            var key = Block(fingerprint, b);
            if (tables[b].TryGetValue(key, out var list))
            {
                var at = list.IndexOf((fingerprint, value));
                if (at >= 0)
                {
                    list.RemoveAt(at);
                    removed = true;
                    if (list.Count == 0)
                    {
                        tables[b].Remove(key);
                    }
                }
            }
        }

        if (removed)
        {
            Count--;
        }

        return removed;
    }

    /// <summary>Appends to <paramref name="results"/> every stored value whose fingerprint is within k bits.</summary>
    public void Query(ulong fingerprint, List<int> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        for (var b = 0; b < tables.Length; b++)
        {
            if (!tables[b].TryGetValue(Block(fingerprint, b), out var list))
            {
                continue;
            }

            foreach (var (stored, value) in list)
            {
                if (SimHash.Distance(stored, fingerprint) <= maxDistance && FirstAgreeingBlock(stored, fingerprint) == b)
                {
                    results.Add(value);
                }
            }
        }
    }

    private int FirstAgreeingBlock(ulong a, ulong b)
    {
        for (var i = 0; i < tables.Length; i++)
        {
            if (Block(a, i) == Block(b, i))
            {
                return i;
            }
        }

        return -1;
    }

    private ulong Block(ulong fingerprint, int block)
        => (fingerprint >> blockStart[block]) & ((1UL << blockLength[block]) - 1);
}
