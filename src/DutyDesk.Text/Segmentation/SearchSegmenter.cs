using System.Globalization;
using System.Text;
using JiebaNet.Segmenter;

namespace DutyDesk.Text.Segmentation;

/// <summary>
/// Cuts Chinese text into the words a full-text index stores and a search looks for: jieba's search mode (each
/// word plus the dictionary words of two and three characters inside it, so 食堂 is found in 学校食堂), case-folded,
/// with punctuation, symbols and white space dropped. Indexed text and typed queries go through the same cut.
/// </summary>
/// <remarks>
/// Thread-safe: jieba keeps its dictionary and HMM model in static tables that cutting only reads (they are filled
/// once, inside this class's lazy initialiser; nothing here adds words at run time), and every cut works in its own locals;
/// <c>SearchSegmenterTests.Segment_ManyThreads_SameAsOneThread</c> checks it. jieba.NET reads its dictionary from
/// files, not from the assembly: the build copies them to <c>jieba/</c> beside the binaries (DutyDesk.Text.csproj).
/// </remarks>
public static class SearchSegmenter
{
    /// <summary>Folder, under the application's base directory, that holds jieba's dictionary and model.</summary>
    public const string ResourceFolder = "jieba";

    private static readonly Lazy<JiebaSegmenter> Jieba = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The words of <paramref name="text"/>, space-separated, in order of appearance (repeats kept).</summary>
    public static string Segment(string? text) => string.Join(' ', Words(text));

    /// <summary>The distinct words of a query, in order: what every matching text must contain.</summary>
    public static IReadOnlyList<string> QueryTerms(string? query) => Words(query).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The words of <paramref name="text"/>. Each is a run of letters and digits only — the one shape that SQLite's
    /// unicode61 tokenizer and PostgreSQL's parser both keep whole — so an index never splits a word differently
    /// from the query, and no word can carry full-text query syntax.
    /// </summary>
    public static IEnumerable<string> Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }

        var folded = TextNormalizer.Key(text);
        foreach (var token in Jieba.Value.CutForSearch(folded))
        {
            foreach (var word in LettersAndDigits(token))
            {
                yield return word;
            }
        }
    }

    /// <summary>Loads the dictionary now (about a second) rather than inside the first search.</summary>
    public static void Warm() => _ = Jieba.Value.CutForSearch("预热");

    private static IEnumerable<string> LettersAndDigits(string token)
    {
        StringBuilder? run = null;
        foreach (var c in token)
        {
            if (IsWordChar(c))
            {
                (run ??= new StringBuilder(token.Length)).Append(c);
            }
            else if (run is { Length: > 0 })
            {
                yield return run.ToString();
                run.Clear();
            }
        }

        if (run is { Length: > 0 })
        {
            yield return run.ToString();
        }
    }

    private static bool IsWordChar(char c) => char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
            or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber => true,
        _ => false,
    };

    private static JiebaSegmenter Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, ResourceFolder);
        if (!File.Exists(Path.Combine(folder, "dict.txt")))
        {
            throw new FileNotFoundException(
                $"jieba's dictionary is missing: {Path.Combine(folder, "dict.txt")}. The build copies it beside the binaries; publish the whole output folder.");
        }

        // jieba reads this process-wide setting when its static tables first load, which happens on first use below.
        ConfigManager.ConfigFileBaseDir = folder;
        return new JiebaSegmenter();
    }
}
