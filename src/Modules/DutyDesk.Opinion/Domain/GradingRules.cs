using DutyDesk.Platform.Results;
using DutyDesk.Text;

namespace DutyDesk.Opinion.Domain;

/// <summary>What an administrator types for a unit's grading: four thresholds and three lists, one entry a line.</summary>
public sealed record GradingInput(
    int GeneralUpTo, int LargerFrom, int DozensOfComments, int FastSpreadItemsPerHour,
    IReadOnlyList<string>? KeyAreaWords, IReadOnlyList<string>? SevereWords, IReadOnlyList<string>? MainstreamDomains);

/// <summary>
/// Checks and tidies grading settings: thresholds are whole numbers from 1 with 一般 below 较大, lists are trimmed and
/// deduplicated (words by their folded form, the form matching uses), and mainstream entries are bare host names.
/// </summary>
public static class GradingRules
{
    public const string GeneralUpToName = "一般（Ⅳ级）上限";
    public const string LargerFromName = "较大（Ⅲ级）起点";
    public const string DozensOfCommentsName = "数十条评论";
    public const string FastSpreadName = "快速传播（条/小时）";
    public const string KeyAreaWordsName = "重点领域词";
    public const string SevereWordsName = "特别重大事件词";
    public const string MainstreamDomainsName = "主流媒体域名";

    public static Result<GradingOptions> Validate(GradingInput input)
    {
        foreach (var (field, name, value) in new[]
                 {
                     ("generalUpTo", GeneralUpToName, input.GeneralUpTo), ("largerFrom", LargerFromName, input.LargerFrom),
                     ("dozensOfComments", DozensOfCommentsName, input.DozensOfComments), ("fastSpreadItemsPerHour", FastSpreadName, input.FastSpreadItemsPerHour),
                 })
        {
            if (value < 1)
            {
                return Error.Validation(field, $"“{name}”须为不小于 1 的整数（现为 {value}）。");
            }
        }

        if (input.GeneralUpTo >= input.LargerFrom)
        {
            return Error.Validation("largerFrom", $"“{LargerFromName}”（{input.LargerFrom}）须大于“{GeneralUpToName}”（{input.GeneralUpTo}）。");
        }

        var keyArea = Words(input.KeyAreaWords, "keyAreaWords", KeyAreaWordsName);
        if (keyArea.Error is { } keyAreaError)
        {
            return keyAreaError;
        }

        var severe = Words(input.SevereWords, "severeWords", SevereWordsName);
        if (severe.Error is { } severeError)
        {
            return severeError;
        }

        var domains = Domains(input.MainstreamDomains);
        if (domains.Error is { } domainError)
        {
            return domainError;
        }

        return new GradingOptions
        {
            GeneralUpTo = input.GeneralUpTo,
            LargerFrom = input.LargerFrom,
            DozensOfComments = input.DozensOfComments,
            FastSpreadItemsPerHour = input.FastSpreadItemsPerHour,
            KeyAreaWords = keyArea.Value,
            SevereWords = severe.Value,
            MainstreamDomains = domains.Value,
        };
    }

    /// <summary>The gap PRODUCT.md 4.2 leaves between 一般 and 较大, or null when the thresholds close it.</summary>
    public static string? Gap(GradingOptions o)
    {
        var (first, last) = (o.GeneralUpTo + 1, o.LargerFrom - 1);
        return first > last ? null : $"一般与较大之间留有 {(first == last ? $"{first}" : $"{first}–{last}")} 的空档，介于其间的事件按一般提出并提示人工确认。";
    }

    /// <summary>The entries of a text area, one a line; blank lines kept so that line numbers in messages match.</summary>
    public static IReadOnlyList<string> Lines(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    public static bool IsHostName(string host)
    {
        var labels = host.Split('.');
        return labels.Length >= 2
            && labels.All(l => l.Length is >= 1 and <= 63 && l[0] != '-' && l[^1] != '-' && l.All(c => char.IsLetterOrDigit(c) || c == '-'))
            && !labels[^1].All(char.IsAsciiDigit);
    }

    private static Result<string[]> Words(IReadOnlyList<string>? lines, string field, string name)
    {
        var kept = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (lines?.Count ?? 0); i++)
        {
            var word = lines![i].Trim();
            if (word.Length == 0)
            {
                continue;
            }

            if (word.Length > GradingSettings.WordMaxLength)
            {
                return Error.Validation(field, $"“{name}”第 {i + 1} 行 “{Shorten(word)}” 超过 {GradingSettings.WordMaxLength} 个字。");
            }

            var folded = TextNormalizer.Fold(word);
            if (folded.Length == 0)
            {
                return Error.Validation(field, $"“{name}”第 {i + 1} 行 “{word}” 没有可匹配的文字。");
            }

            if (seen.Add(folded))
            {
                kept.Add(word);
            }
        }

        return kept.Count > GradingSettings.ListMaxEntries
            ? Error.Validation(field, $"“{name}”有 {kept.Count} 个，最多 {GradingSettings.ListMaxEntries} 个。")
            : kept.ToArray();
    }

    private static Result<string[]> Domains(IReadOnlyList<string>? lines)
    {
        var kept = new List<string>();
        for (var i = 0; i < (lines?.Count ?? 0); i++)
        {
            var entry = lines![i].Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            var host = entry.ToLowerInvariant();
            if (host.Length > GradingSettings.DomainMaxLength || !IsHostName(host))
            {
                return Error.Validation("mainstreamDomains", $"“{MainstreamDomainsName}”第 {i + 1} 行 “{Shorten(entry)}” 不是域名：只写域名，如 people.com.cn，不带 http:// 和路径。");
            }

            if (!kept.Contains(host, StringComparer.Ordinal))
            {
                kept.Add(host);
            }
        }

        return kept.Count > GradingSettings.ListMaxEntries
            ? Error.Validation("mainstreamDomains", $"“{MainstreamDomainsName}”有 {kept.Count} 个，最多 {GradingSettings.ListMaxEntries} 个。")
            : kept.ToArray();
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
