using System.Text;
using DutyDesk.Text;

namespace DutyDesk.Opinion.Features.Ui;

/// <summary>A run of text, marked when it is one of the words a scheme matched.</summary>
public readonly record struct TextSegment(string Text, bool Marked);

/// <summary>
/// Splits original text into plain and marked runs by the matched words. The words come from the folded text
/// (NFKC, lower case), so each character of the original is folded the same way before comparing; positions stay
/// those of the original, which is what is shown.
/// </summary>
public static class Highlight
{
    public static IReadOnlyList<TextSegment> Split(string? text, IEnumerable<string>? words)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var needles = (words ?? []).Select(Fold).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal)
            .OrderByDescending(w => w.Length).ToList();
        if (needles.Count == 0)
        {
            return [new TextSegment(text, false)];
        }

        var folded = Fold(text);
        var segments = new List<TextSegment>();
        var plainFrom = 0;
        var i = 0;
        while (i < folded.Length)
        {
            // Longest word first, so "第一中学食堂" wins over "第一中学" at the same place.
            var hit = needles.FirstOrDefault(w => i + w.Length <= folded.Length && string.CompareOrdinal(folded, i, w, 0, w.Length) == 0);
            if (hit is null)
            {
                i++;
                continue;
            }

            if (i > plainFrom)
            {
                segments.Add(new TextSegment(text[plainFrom..i], false));
            }

            segments.Add(new TextSegment(text.Substring(i, hit.Length), true));
            i += hit.Length;
            plainFrom = i;
        }

        if (plainFrom < text.Length)
        {
            segments.Add(new TextSegment(text[plainFrom..], false));
        }

        return segments;
    }

    /// <summary>Folds character by character, keeping one character for one, so positions map back to the original.</summary>
    private static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            // A lone surrogate cannot be normalised; white space and control characters fold to nothing, so stay as they are.
            var key = char.IsAscii(c) || char.IsSurrogate(c) ? "" : TextNormalizer.Key(c.ToString());
            builder.Append(key.Length == 1 ? key[0] : char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
