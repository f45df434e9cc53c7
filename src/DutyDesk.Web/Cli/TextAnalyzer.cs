using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using DutyDesk.Documents;
using DutyDesk.Text;
using DutyDesk.Text.Matching;
using DutyDesk.Text.Sentiment;
using DutyDesk.Text.Similarity;

namespace DutyDesk.Web.Cli;

/// <summary>A monitoring scheme as given in a --schemes file: an advanced expression, or the four word groups.</summary>
internal sealed record SchemeSpec(
    string Id, string? Expression, string[]? Subjects, string[]? Regions, string[]? Events, string[]? Exclusions);

/// <summary>
/// `dutydesk text analyze`: runs the text pipeline on the reader's own data, one JSON object per input text —
/// normalised text, sentiment with its deciding words, matched scheme ids, 64-bit SimHash fingerprint and
/// near-duplicate group. Input is UTF-8 lines, or CSV whose header has a `text` column.
/// </summary>
internal static class TextAnalyzer
{
    /// <summary>UTF-8 JSON with Chinese unescaped and camelCase names; the other verbs print with it too.</summary>
    internal static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static async Task<int> RunAsync(TextReader input, TextWriter output, TextWriter error, string? schemesPath)
    {
        SchemeMatcher? matcher = null;
        string[] schemeIds = [];
        if (schemesPath is not null)
        {
            var (loaded, problem) = await LoadSchemesAsync(schemesPath);
            if (problem is not null)
            {
                await error.WriteLineAsync(problem);
                return 65;
            }

            schemeIds = loaded!.Select(s => s.Id).ToArray();
            matcher = new SchemeMatcher(loaded!.Select(s => s.Rule).ToList());
        }

        var texts = ReadTexts(await input.ReadToEndAsync());
        var duplicates = new NearDuplicateIndex();
        var sentiment = SentimentAnalyzer.Default;
        for (var i = 0; i < texts.Count; i++)
        {
            var normalized = TextNormalizer.Fold(texts[i]);
            var feeling = sentiment.Analyze(texts[i]);
            var group = duplicates.Add(i + 1, texts[i]);
            var matched = matcher?.Match(normalized);
            var line = new AnalyzedText(
                i + 1,
                normalized,
                new SentimentOut(feeling.Label, Math.Round(feeling.Score, 4), feeling.Reasons.Select(r => r.Text).ToArray()),
                matched is null ? [] : matched.SchemeIds.Select(id => schemeIds[id]).ToArray(),
                SimHash.Compute(texts[i]).ToString("x16", CultureInfo.InvariantCulture),
                group.GroupId,
                group.IsDuplicate ? Math.Round(group.Similarity, 4) : null);
            await output.WriteLineAsync(JsonSerializer.Serialize(line, Json));
        }

        return 0;
    }

    /// <summary>CSV when the first line names a `text` column, else one text per non-empty line.</summary>
    internal static List<string> ReadTexts(string input)
    {
        var firstLine = input.AsSpan().TrimStart('\uFEFF');
        var end = firstLine.IndexOfAny('\r', '\n');
        var header = (end < 0 ? firstLine : firstLine[..end]).ToString();
        if (CsvTable.Read(header).FirstOrDefault()?.Any(h => h.Trim().Equals("text", StringComparison.OrdinalIgnoreCase)) == true)
        {
            return CsvTable.ReadColumn(input, "text");
        }

        return input.Split('\n').Select(l => l.TrimEnd('\r').TrimStart('\uFEFF')).Where(l => l.Trim().Length > 0).ToList();
    }

    internal static async Task<(List<(string Id, MatchRule Rule)>? Schemes, string? Problem)> LoadSchemesAsync(string path)
    {
        SchemeSpec[]? specs;
        try
        {
            specs = JsonSerializer.Deserialize<SchemeSpec[]>(await File.ReadAllTextAsync(path, Encoding.UTF8), Json);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return (null, $"监测方案文件无法读取：{ex.Message}");
        }

        var schemes = new List<(string, MatchRule)>();
        foreach (var (spec, index) in (specs ?? []).Select((s, i) => (s, i + 1)))
        {
            var name = string.IsNullOrWhiteSpace(spec.Id) ? $"第 {index} 个方案" : $"方案“{spec.Id}”";
            try
            {
                var rule = !string.IsNullOrWhiteSpace(spec.Expression)
                    ? RuleParser.Parse(spec.Expression)
                    : MatchRule.FromGroups(spec.Subjects ?? [], spec.Regions, spec.Events, spec.Exclusions);
                schemes.Add((string.IsNullOrWhiteSpace(spec.Id) ? index.ToString(CultureInfo.InvariantCulture) : spec.Id, rule));
            }
            catch (Exception ex) when (ex is RuleSyntaxException or ArgumentException)
            {
                return (null, $"{name}有误：{ex.Message}");
            }
        }

        return schemes.Count == 0 ? (null, "监测方案文件中没有方案：应为 JSON 数组，每项含 id 和 expression，或 subjects/regions/events/exclusions。") : (schemes, null);
    }

    private sealed record SentimentOut(SentimentLabel Label, double Score, string[] Words);

    private sealed record AnalyzedText(int Line, string Normalized, SentimentOut Sentiment, string[] Schemes, string Fingerprint, long NearDuplicateGroup, double? Similarity);
}
