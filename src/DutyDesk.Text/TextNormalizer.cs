using System.Text;
using DutyDesk.Text.Conversion;

namespace DutyDesk.Text;

/// <summary>
/// Normalises text typed by people and found online: Unicode NFKC (full-width Latin letters,
/// digits and the ideographic space become their ordinary forms), control characters dropped,
/// runs of white space collapsed; for matching also Traditional Chinese folded to Simplified.
/// </summary>
public static class TextNormalizer
{
    /// <summary>For names and titles: NFKC, no control characters, single spaces, trimmed.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var normalized = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        var pendingSpace = false;
        foreach (var c in normalized)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (char.IsControl(c) || c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF')
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>For comparing: <see cref="Clean"/> and case-folded, so "ＡＢＣ" and "abc" are the same key.</summary>
    public static string Key(string? text) => Clean(text).ToLowerInvariant();

    /// <summary>
    /// For monitoring: <see cref="Key"/> and then Traditional → Simplified (<see cref="ChineseConverter.ToSimplified"/>),
    /// so 臺灣 in a post and 台湾 in a keyword meet. Keywords and texts must both be folded; names keep <see cref="Key"/>.
    /// </summary>
    public static string Fold(string? text) => ChineseConverter.ToSimplified(Key(text));
}
