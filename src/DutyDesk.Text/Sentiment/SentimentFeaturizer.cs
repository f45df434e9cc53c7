using System.Buffers;

namespace DutyDesk.Text.Sentiment;

/// <summary>Receives the n-grams of a text with their feature values.</summary>
internal interface IGramVisitor
{
    void Visit(ReadOnlySpan<char> gram, int start, float value);
}

/// <summary>
/// The features shared by training and analysis, so both see a text the same way: every character 1–3-gram of the
/// normalised text, valued 1/√(number of n-grams) (long reviews do not saturate the score), reversed inside a
/// negated phrase found by <see cref="SentimentLexicon"/>; plus the lexicon score as one dense feature.
/// </summary>
internal static class SentimentFeaturizer
{
    public const int MaxGram = 3;

    private const int StackLimit = 512;

    /// <summary>Normalises as training and analysis both must: NFKC, white space collapsed, case folded.</summary>
    public static string Normalize(string? text) => TextNormalizer.Key(text);

    /// <summary>Visits the n-grams of <paramref name="text"/> (normalised) and returns the lexicon feature's value.</summary>
    public static double Featurize<TVisitor>(ReadOnlySpan<char> text, ref TVisitor visitor, List<LexiconHit>? hits)
        where TVisitor : struct, IGramVisitor
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        float[]? rented = null;
        var flip = text.Length <= StackLimit
            ? stackalloc float[text.Length]
            : (rented = ArrayPool<float>.Shared.Rent(text.Length)).AsSpan(0, text.Length);
        try
        {
            flip.Fill(1f);
            var lexicon = SentimentLexicon.Scan(text, flip, hits);
            var scale = Scale(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                for (var n = 1; n <= MaxGram && i + n <= text.Length; n++)
                {
                    var factor = GramFactor(flip.Slice(i, n));
                    if (factor != 0f)
                    {
                        visitor.Visit(text.Slice(i, n), i, scale * factor);
                    }
                }
            }

            // Scaled like the n-grams, so the lexicon speaks as loudly in a short text as the n-grams do.
            return lexicon * scale;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    /// <summary>1/√(number of 1–3-grams) of a text of <paramref name="length"/> characters.</summary>
    public static float Scale(int length)
    {
        var grams = 0;
        for (var n = 1; n <= MaxGram; n++)
        {
            grams += Math.Max(0, length - n + 1);
        }

        return grams == 0 ? 0f : 1f / MathF.Sqrt(grams);
    }

    // An n-gram counts reversed only when it lies wholly inside one negated phrase, and not at all when it lies
    // wholly inside the negator that governs one: in 不干净, 干净 counts reversed, 不 not at all, 不干 as itself.
    private static float GramFactor(ReadOnlySpan<float> flip)
    {
        var first = flip[0];
        if (first == 1f)
        {
            return 1f;
        }

        foreach (var f in flip)
        {
            if (f != first)
            {
                return 1f;
            }
        }

        return first;
    }
}
