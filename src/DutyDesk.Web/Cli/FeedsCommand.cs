using System.Text.Json;
using DutyDesk.Documents.Feeds;

namespace DutyDesk.Web.Cli;

/// <summary>
/// `dutydesk feeds parse FILE [--content-type "text/xml; charset=gbk"] [--address URL]`: reads a saved feed
/// response body and prints what DutyDesk makes of it as indented JSON — the check an administrator runs on a
/// source that ingests nothing. Exit 0 parsed, 65 not a feed (the reason in Chinese on stderr), 66 no such file,
/// 64 wrong usage.
/// </summary>
internal static class FeedsCommand
{
    private static readonly JsonSerializerOptions Json = new(TextAnalyzer.Json) { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var file = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !IsOptionValue(args, a));
        var contentType = Option(args, "--content-type");
        var address = Option(args, "--address");
        if (file is null || (address is not null && !Uri.TryCreate(address, UriKind.Absolute, out _)))
        {
            await error.WriteLineAsync("用法：feeds parse 文件 [--content-type \"text/xml; charset=gbk\"] [--address 订阅地址]");
            return 64;
        }

        if (!File.Exists(file))
        {
            await error.WriteLineAsync($"文件不存在：{file}");
            return 66;
        }

        var result = FeedParser.Parse(await File.ReadAllBytesAsync(file), contentType, address is null ? null : new Uri(address));
        if (result.Feed is null)
        {
            await error.WriteLineAsync(result.Problem);
            return 65;
        }

        await output.WriteLineAsync(JsonSerializer.Serialize(result.Feed, Json));
        return 0;
    }

    private static string? Option(string[] args, string name)
        => Array.FindIndex(args, a => a.Equals(name, StringComparison.OrdinalIgnoreCase)) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;

    private static bool IsOptionValue(string[] args, string value)
    {
        var at = Array.IndexOf(args, value);
        return at > 0 && args[at - 1].StartsWith("--", StringComparison.Ordinal);
    }
}
