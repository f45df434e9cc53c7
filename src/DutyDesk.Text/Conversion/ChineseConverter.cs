using System.Buffers;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DutyDesk.Text.Conversion;

/// <summary>
/// Traditional → Simplified Chinese with OpenCC's own t2s tables (TSPhrases, TSCharacters; vendored from the npm
/// package opencc 1.4.2, see <c>Conversion/OpenCC/NOTICE.md</c> and decision 0008). At each position the longest
/// phrase of TSPhrases wins, else the character is looked up in TSCharacters and its first candidate taken, as
/// OpenCC's <c>t2s.json</c> does. So 乾燥 → 干燥 but 乾隆 stays 乾隆, and Simplified text such as 皇后 is left alone.
/// </summary>
/// <remarks>
/// Not an exact copy of OpenCC in three places: its CJK compatibility ideograph step (here <see cref="TextNormalizer"/>'s
/// NFKC does that), its TSCharactersExt table (not in the package as text) and its handling of ideographic
/// description sequences (⿰…, converted here char by char) are left out. Like OpenCC, a second pass can change a
/// few outputs again (乾斷 → 乾断 → 干断, 薴 → 苧 → 苎): the tables are not closed under their own output.
/// Code points are preserved one for one, but a BMP char can become a supplementary one (two UTF-16 chars), so
/// the output is at most twice as long in chars. Static, thread-safe; the tables load on first use (about 0.2 MB).
/// </remarks>
public static class ChineseConverter
{
    /// <summary>
    /// The Simplified form of <paramref name="text"/>; the same instance when nothing changes, so plain Simplified or
    /// Latin text costs one scan and no allocation.
    /// </summary>
    public static string ToSimplified(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tables = Tables.Instance;
        var first = tables.FirstChange(text);
        if (first < 0)
        {
            return text;
        }

        var rented = ArrayPool<char>.Shared.Rent(checked(text.Length * 2));
        try
        {
            text.AsSpan(0, first).CopyTo(rented);
            var written = first + tables.Convert(text.AsSpan(first), rented.AsSpan(first));
            return new string(rented, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Writes the Simplified form of <paramref name="source"/> to <paramref name="destination"/>; false (and nothing
    /// usable written) when <paramref name="destination"/> is too short. Twice the source length always suffices.
    /// </summary>
    public static bool TryToSimplified(ReadOnlySpan<char> source, Span<char> destination, out int charsWritten)
    {
        var tables = Tables.Instance;
        if (destination.Length >= source.Length * 2L)
        {
            charsWritten = tables.Convert(source, destination);
            return true;
        }

        var rented = ArrayPool<char>.Shared.Rent(checked(source.Length * 2));
        try
        {
            var written = tables.Convert(source, rented);
            if (written > destination.Length)
            {
                charsWritten = 0;
                return false;
            }

            rented.AsSpan(0, written).CopyTo(destination);
            charsWritten = written;
            return true;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>True when <see cref="ToSimplified"/> would change <paramref name="text"/>.</summary>
    public static bool ChangesText(ReadOnlySpan<char> text) => Tables.Instance.FirstChange(text) >= 0;

    /// <summary>
    /// The parsed tables. Every char a scan must stop at has a non-zero entry in <see cref="single"/>, so text that
    /// needs nothing costs one table read per char: the BMP replacement itself, or a marker sending the scan to the
    /// phrase table (<see cref="phraseMax"/>) or the supplementary-plane maps.
    /// </summary>
    private sealed class Tables
    {
        private const string CharactersResource = "DutyDesk.Text.Conversion.TSCharacters.txt";
        private const string PhrasesResource = "DutyDesk.Text.Conversion.TSPhrases.txt";

        // Neither is ever a replacement: U+FFFE and U+FFFF are noncharacters, and surrogates only mark pair starts.
        private const char PhraseStartOnly = '\uFFFE';
        private const char SupplementaryValue = '\uFFFF';

        private static readonly Lazy<Tables> Loaded = new(() => new Tables(Read(CharactersResource), Read(PhrasesResource)), LazyThreadSafetyMode.ExecutionAndPublication);

        private readonly char[] single = new char[65536];
        private readonly byte[] phraseMax = new byte[65536];

        // A bit per hash of a phrase's first two chars. Phrase-starting chars are common in Simplified text (一, 不,
        // 有 start phrases: 8 % of Weibo chars); this rejects nearly all of them before any phrase lookup.
        private readonly ulong[] pairBits = new ulong[65536 / 64];
        private readonly Dictionary<char, string> supplementaryValues = [];
        private readonly FrozenDictionary<int, string> supplementaryKeys;
        private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> phrases;

        private Tables(List<(string Key, string Value)> characters, List<(string Key, string Value)> phraseEntries)
        {
            var astral = new Dictionary<int, string>();
            foreach (var (key, value) in characters)
            {
                if (key == value)
                {
                    continue;
                }

                if (key.Length == 1)
                {
                    if (value.Length == 1)
                    {
                        single[key[0]] = value[0];
                    }
                    else
                    {
                        single[key[0]] = SupplementaryValue;
                        supplementaryValues[key[0]] = value;
                    }
                }
                else if (key.Length == 2 && char.IsSurrogatePair(key[0], key[1]))
                {
                    astral[char.ConvertToUtf32(key[0], key[1])] = value;
                    single[key[0]] = key[0];
                }
                else
                {
                    throw new InvalidDataException($"TSCharacters has a key of more than one character: {key}");
                }
            }

            var phraseMap = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in phraseEntries)
            {
                if (key.Length < 2 || key.Length > byte.MaxValue)
                {
                    throw new InvalidDataException($"TSPhrases has a key of unexpected length: {key}");
                }

                // Kept even when key == value: such a phrase (乾隆) is what stops its chars being converted one by one.
                phraseMap[key] = value;
                phraseMax[key[0]] = Math.Max(phraseMax[key[0]], (byte)key.Length);
                var pair = PairHash(key[0], key[1]);
                pairBits[pair >> 6] |= 1UL << pair;
                if (single[key[0]] == 0)
                {
                    single[key[0]] = PhraseStartOnly;
                }
            }

            supplementaryKeys = astral.ToFrozenDictionary();
            phrases = phraseMap.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public static Tables Instance => Loaded.Value;

        /// <summary>Index of the first segment that converts to something else, or -1.</summary>
        public int FirstChange(ReadOnlySpan<char> text)
        {
            ref var table = ref MemoryMarshal.GetArrayDataReference(single);
            var i = 0;
            while (i < text.Length)
            {
                // The table has 65,536 entries, so any char indexes it.
                var mapped = Unsafe.Add(ref table, text[i]);
                if (mapped == 0 || (mapped == PhraseStartOnly && !MayStartPhrase(text, i)))
                {
                    i++;
                    continue;
                }

                if (Step(text, i, out var consumed, out _))
                {
                    return i;
                }

                i += consumed;
            }

            return -1;
        }

        /// <summary>Converts all of <paramref name="text"/>; <paramref name="destination"/> holds twice its length.</summary>
        public int Convert(ReadOnlySpan<char> text, Span<char> destination)
        {
            ref var table = ref MemoryMarshal.GetArrayDataReference(single);
            var written = 0;
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                var mapped = Unsafe.Add(ref table, c);
                if (mapped == 0 || (mapped == PhraseStartOnly && !MayStartPhrase(text, i)))
                {
                    destination[written++] = c;
                    i++;
                    continue;
                }

                if (Step(text, i, out var consumed, out var replacement))
                {
                    replacement.CopyTo(destination[written..]);
                    written += replacement.Length;
                }
                else
                {
                    text.Slice(i, consumed).CopyTo(destination[written..]);
                    written += consumed;
                }

                i += consumed;
            }

            return written;
        }

        /// <summary>
        /// The segment at <paramref name="i"/> (whose table entry is non-zero): true with its replacement when that
        /// differs from the text; <paramref name="consumed"/> is the segment's length either way.
        /// </summary>
        private bool Step(ReadOnlySpan<char> text, int i, out int consumed, out ReadOnlySpan<char> replacement)
        {
            var c = text[i];
            var longest = MayStartPhrase(text, i) ? phraseMax[c] : 0;
            for (var length = Math.Min(longest, text.Length - i); length >= 2; length--)
            {
                var candidate = text.Slice(i, length);
                if (phrases.TryGetValue(candidate, out var value))
                {
                    consumed = length;
                    replacement = value;
                    return !candidate.SequenceEqual(value);
                }
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    consumed = 2;
                    if (supplementaryKeys.TryGetValue(char.ConvertToUtf32(c, text[i + 1]), out var value))
                    {
                        replacement = value;
                        return true;
                    }
                }
                else
                {
                    consumed = 1;
                }

                replacement = default;
                return false;
            }

            consumed = 1;
            var mapped = single[c];
            switch (mapped)
            {
                case PhraseStartOnly:
                    replacement = default;
                    return false;
                case SupplementaryValue:
                    replacement = supplementaryValues[c];
                    return true;
                default:
                    replacement = new ReadOnlySpan<char>(in single[c]);
                    return true;
            }
        }

        private static int PairHash(char first, char second) => (first ^ (second * 40503)) & 0xFFFF;

        /// <summary>False when no phrase starts with the two chars at <paramref name="i"/> (true may be a false alarm).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool MayStartPhrase(ReadOnlySpan<char> text, int i)
        {
            if (i + 1 >= text.Length)
            {
                return false;
            }

            var pair = PairHash(text[i], text[i + 1]);
            return (pairBits[pair >> 6] & (1UL << pair)) != 0;
        }

        private static List<(string Key, string Value)> Read(string resource)
        {
            using var stream = typeof(Tables).Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The embedded resource {resource} is missing from DutyDesk.Text.");
            using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
            var entries = new List<(string Key, string Value)>();
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                var tab = line.IndexOf('\t', StringComparison.Ordinal);
                if (tab <= 0)
                {
                    throw new InvalidDataException($"{resource}: a line without a key and a tab: {line}");
                }

                // OpenCC's first candidate is the conversion; the others are alternatives it does not apply.
                var values = line.AsSpan(tab + 1);
                var space = values.IndexOf(' ');
                entries.Add((line[..tab], (space < 0 ? values : values[..space]).ToString()));
            }

            return entries;
        }
    }
}
