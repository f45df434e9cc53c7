using System.Globalization;
using System.Text.Json;

namespace DutyDesk.Documents.Feeds;

/// <summary>JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1).</summary>
internal static class JsonFeedReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static FeedParseResult Read(string text, string encoding, Uri? address, FeedWarnings warnings, FeedParserOptions options)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text.TrimStart('\uFEFF'), Options);
        }
        catch (JsonException ex)
        {
            return FeedParseResult.Fail(ex.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $"JSON 第 {line + 1} 行第 {ex.BytePositionInLine + 1} 字节：格式错误")
                : "JSON 格式错误");
        }

        using (document)
        {
            var root = document.RootElement;
            var version = root.ValueKind == JsonValueKind.Object ? String(root, "version") : null;
            if (version is null || !version.StartsWith("https://jsonfeed.org/version/", StringComparison.OrdinalIgnoreCase))
            {
                return FeedParseResult.Fail("不是可识别的订阅：JSON 内容不是 JSON Feed（没有 version \"https://jsonfeed.org/version/1.1\"）");
            }

            var number = version["https://jsonfeed.org/version/".Length..].Trim('/');
            var format = "JSON Feed " + (number == "1" ? "1.0" : number);
            var home = String(root, "home_page_url") ?? (address is { IsAbsoluteUri: true } ? address.AbsoluteUri : null);
            var feedAuthor = Author(root);
            var entries = new List<FeedEntry>();
            if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
                {
                    if (entries.Count == options.MaxEntries)
                    {
                        warnings.Add(string.Create(CultureInfo.InvariantCulture, $"条目超过 {options.MaxEntries} 条，其余未读取"));
                        break;
                    }

                    var html = String(item, "content_html");
                    entries.Add(new FeedEntry(
                        Id: item.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number ? id.ToString() : null,
                        Title: String(item, "title") is { } title ? FeedText.Collapse(title) : null,
                        Link: Resolve(String(item, "url") ?? String(item, "external_url"), home),
                        Summary: String(item, "summary") is { } summary ? FeedText.Collapse(summary) : null,
                        Content: html is not null ? FeedText.HtmlToText(html) : String(item, "content_text") is { } plain ? FeedText.Collapse(plain) : null,
                        Published: FeedDates.Parse(String(item, "date_published"), options.DefaultOffset),
                        Updated: FeedDates.Parse(String(item, "date_modified"), options.DefaultOffset),
                        Author: Author(item) ?? feedAuthor,
                        Categories: item.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
                            ? tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).Distinct(StringComparer.Ordinal).ToList()
                            : []));
                }
            }

            var feed = new ParsedFeed(format, String(root, "title"), home, encoding, false, warnings.ToList(), entries);
            return new FeedParseResult(feed, null);
        }
    }

    private static string? String(JsonElement e, string name)
        => e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()) ? value.GetString()!.Trim() : null;

    /// <summary>1.1 has an authors array; 1.0 had one author object.</summary>
    private static string? Author(JsonElement e)
    {
        if (e.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array)
        {
            var names = authors.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object).Select(a => String(a, "name")).OfType<string>().ToList();
            if (names.Count > 0)
            {
                return string.Join(", ", names);
            }
        }

        return e.TryGetProperty("author", out var author) && author.ValueKind == JsonValueKind.Object ? String(author, "name") : null;
    }

    private static string? Resolve(string? url, string? home)
    {
        if (url is null || home is null || url.Contains("://", StringComparison.Ordinal) || !Uri.TryCreate(home, UriKind.Absolute, out var baseUri))
        {
            return url;
        }

        return Uri.TryCreate(baseUri, url, out var resolved) ? resolved.AbsoluteUri : url;
    }
}
