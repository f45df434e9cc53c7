using System.Numerics;
using System.Text;

namespace DutyDesk.Text.Similarity;

/// <summary>
/// Turns a short post into the features near-duplicate detection compares: a normalised letter/digit string,
/// its set of character bigrams, and the 64-bit hashes of its 2- and 3-grams.
/// </summary>
/// <remarks>
/// Normalisation: NFKC and case-folded as <see cref="TextNormalizer.Key"/>, then URLs (<c>http://…</c>, <c>https://…</c>
/// up to white space or a non-ASCII character) are removed because reposts carry different short links, and only
/// letters and digits are kept. Hashtag words stay (only the <c>#</c> signs go): the topic is part of what a post says.
/// Punctuation, white space and emoji are dropped, so reposts that differ only in those are identical.
/// </remarks>
public static class Shingles
{
    /// <summary>The text that is compared: case-folded letters and digits, without URLs.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        // The same result as filtering TextNormalizer.Key, in one pass: white space and control characters are
        // dropped with the rest of the non-letters, and lower-casing a kept char alone equals lower-casing the string.
        var key = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var result = key.Length <= 512 ? stackalloc char[key.Length] : new char[key.Length];
        var length = 0;
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c is 'h' or 'H' && IsUrlStart(key, i))
            {
                while (i < key.Length && key[i] < 0x80 && !char.IsWhiteSpace(key[i]))
                {
                    i++;
                }

                i--;
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                result[length++] = char.ToLowerInvariant(c);
            }
        }

        return new string(result[..length]);
    }

    /// <summary>
    /// The distinct character bigrams of normalised text, sorted, each as <c>first &lt;&lt; 16 | second</c> (exact, no
    /// hashing). Text of one character is the set of that character; empty text is the empty set.
    /// </summary>
    public static uint[] Bigrams(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        if (normalized.Length == 0)
        {
            return [];
        }

        if (normalized.Length == 1)
        {
            return [normalized[0]];
        }

        var codes = new uint[normalized.Length - 1];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = ((uint)normalized[i] << 16) | normalized[i + 1];
        }

        Array.Sort(codes);
        var distinct = 1;
        for (var i = 1; i < codes.Length; i++)
        {
            if (codes[i] != codes[distinct - 1])
            {
                codes[distinct++] = codes[i];
            }
        }

        return distinct == codes.Length ? codes : codes[..distinct];
    }

    /// <summary>Exact Jaccard similarity of two sorted distinct sets; two empty sets are 0 (nothing to compare).</summary>
    public static double Jaccard(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        var common = Intersection(a, b);
        return (double)common / (a.Length + b.Length - common);
    }

    /// <summary>Whether Jaccard(a, b) ≥ <paramref name="threshold"/>, rejecting by size first.</summary>
    public static bool JaccardAtLeast(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, double threshold)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return false;
        }

        var (small, large) = a.Length <= b.Length ? (a.Length, b.Length) : (b.Length, a.Length);
        if (small < threshold * large)
        {
            return false;
        }

        var common = Intersection(a, b);
        return common >= threshold * (a.Length + b.Length - common);
    }

    /// <summary>Stable 64-bit feature hashes of the 2-grams and 3-grams of normalised text (one per position).</summary>
    public static void GramHashes(string normalized, List<ulong> hashes)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        ArgumentNullException.ThrowIfNull(hashes);
        hashes.Clear();
        if (normalized.Length == 1)
        {
            hashes.Add(Mix(normalized[0]));
        }

        for (var i = 0; i + 1 < normalized.Length; i++)
        {
            // The top bits tell 2-grams and 3-grams apart before mixing, so they never share a hash by construction.
            hashes.Add(Mix((1UL << 48) | ((ulong)normalized[i] << 16) | normalized[i + 1]));
            if (i + 2 < normalized.Length)
            {
                hashes.Add(Mix((2UL << 48) | ((ulong)normalized[i] << 32) | ((ulong)normalized[i + 1] << 16) | normalized[i + 2]));
            }
        }
    }

    /// <summary>SplitMix64's finaliser: a fast, well-distributed, platform-independent 64-bit mix.</summary>
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static int Intersection(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            var x = a[i];
            var y = b[j];
            if (x == y)
            {
                common++;
                i++;
                j++;
            }
            else if (x < y)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return common;
    }

    private static bool IsUrlStart(string text, int i)
        => text.AsSpan(i).StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.AsSpan(i).StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}

/// <summary>SimHash: a 64-bit fingerprint whose Hamming distance tracks how different two texts' n-gram multisets are.</summary>
public static class SimHash
{
    /// <summary>The fingerprint of raw text (normalised with <see cref="Shingles.Normalize"/>); 0 for empty text.</summary>
    public static ulong Compute(string? text)
    {
        var hashes = new List<ulong>();
        Shingles.GramHashes(Shingles.Normalize(text), hashes);
        return Compute(hashes);
    }

    /// <summary>The fingerprint of feature hashes, each weighted 1.</summary>
    public static ulong Compute(List<ulong> featureHashes)
    {
        ArgumentNullException.ThrowIfNull(featureHashes);
        Span<int> votes = stackalloc int[64];
        foreach (var h in featureHashes)
        {
            for (var bit = 0; bit < 64; bit++)
            {
                // Branch-free ±1 vote: the bit becomes 0 or 1, doubled and shifted to -1 or +1.
                votes[bit] += (int)(((h >> bit) & 1UL) << 1) - 1;
            }
        }

        var fingerprint = 0UL;
        for (var bit = 0; bit < 64; bit++)
        {
            if (votes[bit] > 0)
            {
                fingerprint |= 1UL << bit;
            }
        }

        return fingerprint;
    }

    /// <summary>Number of differing bits.</summary>
    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);
}
