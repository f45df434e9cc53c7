using System.Text;

namespace DutyDesk.Text.Tests.Conversion;

/// <summary>
/// A naive reading of OpenCC's t2s straight from the vendored text files in src/DutyDesk.Text/Conversion/OpenCC:
/// code point by code point, the longest TSPhrases key first, else TSCharacters' first candidate. Slow and obvious,
/// to check the converter against.
/// </summary>
internal sealed class OpenCcOracle
{
    private static readonly Lazy<OpenCcOracle> Loaded = new(Load);

    private OpenCcOracle(Dictionary<string, string[]> characters, Dictionary<string, string[]> phrases)
    {
        Characters = characters;
        Phrases = phrases;
        MaxPhraseRunes = phrases.Keys.Max(k => k.EnumerateRunes().Count());
    }

    public static OpenCcOracle Instance => Loaded.Value;

    /// <summary>TSCharacters: key → candidates, first is the conversion.</summary>
    public Dictionary<string, string[]> Characters { get; }

    /// <summary>TSPhrases: key → candidates, first is the conversion.</summary>
    public Dictionary<string, string[]> Phrases { get; }

    public int MaxPhraseRunes { get; }

    /// <summary>True for a TSCharacters key whose conversion is another character (瞭 → 瞭 first is not one).</summary>
    public bool IsChangingKey(Rune rune) => Characters.TryGetValue(rune.ToString(), out var values) && values[0] != rune.ToString();

    public string Convert(string text)
    {
        var runes = new List<string>();
        for (var i = 0; i < text.Length; i++)
        {
            // Lone surrogates stay single units, as the converter leaves them.
            var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            runes.Add(text.Substring(i, pair ? 2 : 1));
            i += pair ? 1 : 0;
        }

        var output = new StringBuilder();
        for (var i = 0; i < runes.Count;)
        {
            var matched = false;
            for (var length = Math.Min(MaxPhraseRunes, runes.Count - i); length >= 2 && !matched; length--)
            {
                if (Phrases.TryGetValue(string.Concat(runes.Skip(i).Take(length)), out var values))
                {
                    output.Append(values[0]);
                    i += length;
                    matched = true;
                }
            }

            if (!matched)
            {
                output.Append(Characters.TryGetValue(runes[i], out var values) ? values[0] : runes[i]);
                i++;
            }
        }

        return output.ToString();
    }

    private static OpenCcOracle Load()
    {
        var folder = Path.Combine(RepositoryRoot(), "src", "DutyDesk.Text", "Conversion", "OpenCC");
        Assert.True(Directory.Exists(folder), $"The vendored OpenCC tables are missing: {folder}.");
        return new OpenCcOracle(Read(Path.Combine(folder, "TSCharacters.txt")), Read(Path.Combine(folder, "TSPhrases.txt")));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DutyDesk.slnx")))
            {
                return dir.FullName;
            }
        }

        Assert.Fail("DutyDesk.slnx not found above the test binaries.");
        return "";
    }

    private static Dictionary<string, string[]> Read(string path)
        => File.ReadLines(path, Encoding.UTF8)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .ToDictionary(parts => parts[0], parts => parts[1].Split(' '), StringComparer.Ordinal);
}
