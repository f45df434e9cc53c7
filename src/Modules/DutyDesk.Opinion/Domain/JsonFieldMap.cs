using System.Globalization;
using System.Text.Json;
using DutyDesk.Opinion.Ingest;
using DutyDesk.Platform.Results;

namespace DutyDesk.Opinion.Domain;

/// <summary>
/// Where a JSON source keeps its posts and their fields, as dotted paths set in the UI, e.g.
/// {"items":"data.list","id":"id","title":"title","text":"content","url":"link","published":"pub_time"}.
/// Only "items" and one of "title"/"text" are required.
/// </summary>
public sealed record JsonFieldMap(
    string Items, string? Id, string? Title, string? Text, string? Url, string? Published, string? Site, string? Reads, string? Comments, string? Reposts)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    public static Result<JsonFieldMap> Parse(string? settings)
    {
        if (string.IsNullOrWhiteSpace(settings))
        {
            return Error.Validation("settings", "“字段映射”为空：至少写明 items（文章列表的位置）和 title 或 text，例如 {\"items\":\"data.list\",\"title\":\"title\",\"url\":\"link\"}。");
        }

        try
        {
            var map = JsonSerializer.Deserialize<JsonFieldMap>(settings, Options);
            if (map is null || map.Items is null)
            {
                return Error.Validation("settings", "“字段映射”缺少 items：文章列表在 JSON 中的位置（如 data.list；根就是数组时写 $）。");
            }

            return map.Title is null && map.Text is null
                ? Error.Validation("settings", "“字段映射”至少需要 title 或 text 之一。")
                : map;
        }
        catch (JsonException e)
        {
            return Error.Validation("settings", $"“字段映射”不是有效的 JSON：第 {(e.LineNumber ?? 0) + 1} 行附近 — 请检查引号和逗号。");
        }
    }

    /// <summary>The posts of a document; an item without title and text is kept for the pipeline to refuse.</summary>
    public Result<List<IncomingItem>> Extract(JsonElement root)
    {
        if (Find(root, Items) is not { ValueKind: JsonValueKind.Array } list)
        {
            return Error.Validation("items", $"JSON 中“{Items}”处不是文章列表（数组）。");
        }

        var items = new List<IncomingItem>();
        foreach (var e in list.EnumerateArray())
        {
            items.Add(new IncomingItem(
                StringAt(e, Id), StringAt(e, Url), StringAt(e, Title), StringAt(e, Text), Date(StringAt(e, Published)), StringAt(e, Site),
                Number(e, Reads), Number(e, Comments), Number(e, Reposts)));
        }

        return items;
    }

    private static JsonElement? Find(JsonElement root, string? path)
    {
        if (path is null)
        {
            return null;
        }

        var current = root;
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "$")
            {
                continue;
            }

            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }

        return current;
    }

    private static string? StringAt(JsonElement e, string? path) => Find(e, path) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    private static long Number(JsonElement e, string? path) => Find(e, path) switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var v) => v,
        { ValueKind: JsonValueKind.String } s when long.TryParse(s.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) => v,
        _ => 0,
    };

    /// <summary>ISO 8601, "yyyy-MM-dd HH:mm[:ss]" in China time, or Unix seconds/milliseconds.</summary>
    public static DateTimeOffset? Date(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var unix))
        {
            return unix > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(unix) : DateTimeOffset.FromUnixTimeSeconds(unix);
        }

        if (DateTimeOffset.TryParseExact(value.Trim(), ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local.DateTime, TimeSpan.FromHours(8));
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
    }
}
