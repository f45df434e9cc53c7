using System.IO.Compression;

namespace DutyDesk.Documents.Feeds;

/// <summary>
/// Reads the body of a feed response — RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0, CDF and JSON Feed — into
/// plain-text entries. Pure: no network, no files, no clock. Never throws on bad input: a body that is not a
/// feed gets a Chinese reason, one that is almost a feed is read by a forgiving path and marked best-effort.
/// DTDs are never processed, so external entities (XXE) and entity bombs have nothing to work with.
/// </summary>
public static class FeedParser
{
    public static FeedParseResult Parse(byte[] body, string? contentType = null, Uri? address = null, FeedParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Parse(body.AsSpan(), contentType, address, options);
    }

    /// <param name="body">The response body as received (gzip is undone here when the server sent it compressed anyway).</param>
    /// <param name="contentType">The HTTP Content-Type value, for its charset; null when unknown.</param>
    /// <param name="address">Where the feed was fetched from: relative links without an xml:base resolve against it.</param>
    /// <param name="options">Limits and the offset for zone-less times; <see cref="FeedParserOptions.Default"/> when null.</param>
    public static FeedParseResult Parse(ReadOnlySpan<byte> body, string? contentType = null, Uri? address = null, FeedParserOptions? options = null)
    {
        options ??= FeedParserOptions.Default;
        var warnings = new FeedWarnings();
        if (body.Length >= 2 && body[0] == 0x1F && body[1] == 0x8B)
        {
            var (unzipped, problem) = Gunzip(body, options.MaxBytes);
            if (problem is not null)
            {
                return FeedParseResult.Fail(problem);
            }

            body = unzipped;
        }

        if (body.Length > options.MaxBytes)
        {
            return FeedParseResult.Fail($"内容过大：{Megabytes(body.Length)}，上限 {Megabytes(options.MaxBytes)}");
        }

        if (body.IsEmpty)
        {
            return FeedParseResult.Fail("内容为空");
        }

        var decoded = FeedEncoding.Decode(body, contentType);
        warnings.Add(decoded.Warning);
        var start = decoded.Text.AsSpan().TrimStart("\uFEFF \t\r\n\0");
        if (start.IsEmpty)
        {
            return FeedParseResult.Fail("内容为空");
        }

        return start[0] is '{' or '['
            ? JsonFeedReader.Read(decoded.Text, decoded.Name, address, warnings, options)
            : XmlFeedReader.Read(decoded.Text, decoded.Name, address is { IsAbsoluteUri: true, Scheme: "http" or "https" } ? address : null, warnings, options);
    }

    private static (byte[] Body, string? Problem) Gunzip(ReadOnlySpan<byte> body, long maxBytes)
    {
        try
        {
            using var input = new GZipStream(new MemoryStream(body.ToArray()), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > maxBytes)
                {
                    return ([], $"gzip 解压后超过 {Megabytes(maxBytes)} 上限，不再读取");
                }

                output.Write(buffer, 0, read);
            }

            return output.Length == 0 ? ([], "gzip 压缩数据不完整，解压后没有内容") : (output.ToArray(), null);
        }
        catch (InvalidDataException ex)
        {
            return ([], $"gzip 压缩数据已损坏：{ex.Message}");
        }
    }

    private static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.#} MB";
}

/// <summary>Warnings of one parse: each once, and not so many that a broken feed floods the log.</summary>
internal sealed class FeedWarnings
{
    private const int Max = 20;

    private readonly List<string> items = [];

    private int dropped;

    public void Add(string? warning)
    {
        if (warning is null || items.Contains(warning))
        {
            return;
        }

        if (items.Count < Max)
        {
            items.Add(warning);
        }
        else
        {
            dropped++;
        }
    }

    public IReadOnlyList<string> ToList() => dropped == 0 ? items.ToArray() : [.. items, $"另有 {dropped} 条警告未列出"];
}
