using System.Text;
using System.Text.RegularExpressions;

namespace DutyDesk.Platform.Tests.Feeds;

/// <summary>The feed corpora under ../shared/data/feeds (relative to the folder holding DutyDesk.slnx); fails if they are missing.</summary>
internal static partial class FeedTestData
{
    public static string FeedsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DutyDesk.slnx")))
            {
                var feeds = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "feeds"));
                Assert.True(Directory.Exists(feeds), $"The shared feed corpus is missing: expected it at {feeds}.");
                return feeds;
            }
        }

        Assert.Fail("DutyDesk.slnx not found above the test binaries, so ../shared/data/feeds cannot be located.");
        return "";
    }

    public static string PathOf(params string[] parts) => Path.Combine([FeedsDirectory(), .. parts]);

    public static string FeedParserTests(params string[] parts) => PathOf(["feedparser", "tests", .. parts]);

    public static string FeedReaderFeed(string name) => PathOf("feedreader", "FeedReader.Tests", "Feeds", name);

    /// <summary>The Content-Type a feedparser test file says its server sent ("Header: Content-type: …"), if any.</summary>
    public static string? ContentTypeHeader(byte[] body)
    {
        var match = ContentTypeLine().Match(Encoding.Latin1.GetString(body, 0, Math.Min(body.Length, 2048)));
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }

    /// <summary>
    /// The address feedparser's test server served a file from (its tests expect links relative to it), or the
    /// Content-Location the file says was sent.
    /// </summary>
    public static Uri? Address(string relative, byte[] body)
    {
        if (!relative.StartsWith("feedparser/", StringComparison.Ordinal))
        {
            return null;
        }

        var served = new Uri("http://127.0.0.1:8097/" + relative["feedparser/".Length..]);
        var match = ContentLocationLine().Match(Encoding.Latin1.GetString(body, 0, Math.Min(body.Length, 2048)));
        return match.Success && Uri.TryCreate(served, match.Groups[1].Value.Trim(), out var location) ? location : served;
    }

    [GeneratedRegex(@"Header:\s*Content-Location:\s*([^\r\n]*)", RegexOptions.IgnoreCase)]
    private static partial Regex ContentLocationLine();

    [GeneratedRegex(@"Header:\s*Content-type:\s*([^\r\n]*)", RegexOptions.IgnoreCase)]
    private static partial Regex ContentTypeLine();
}
