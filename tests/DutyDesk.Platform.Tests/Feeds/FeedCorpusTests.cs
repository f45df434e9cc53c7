using System.Diagnostics;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using DutyDesk.Documents.Feeds;
using Xunit.Abstractions;

namespace DutyDesk.Platform.Tests.Feeds;

/// <summary>
/// Every file of the shared feed corpora (feedparser's test suite and FeedReader's real-world feeds): each parses
/// within a time bound without an exception, and well-formed feeds yield their entries with titles and links.
/// </summary>
public sealed class FeedCorpusTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PerFile = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Parse_EveryCorpusFile_NoExceptionNoHangAndWellFormedFeedsYieldTheirEntries()
    {
        var root = FeedTestData.FeedsDirectory();
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".xml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(files.Count >= 2100, $"expected the 2,155 corpus files under {root}, found {files.Count}");

        var total = Stopwatch.StartNew();
        int parsed = 0, bestEffort = 0, errors = 0, entries = 0, wellFormedChecked = 0;
        var slowest = (File: "", Elapsed: TimeSpan.Zero);
        var failures = new List<string>();
        var problems = new Dictionary<string, int>(StringComparer.Ordinal);
        var expectations = new ExpectationTally();
        var bestEffortOutsideEntities = new List<string>();
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            var bytes = await File.ReadAllBytesAsync(file);
            var watch = Stopwatch.StartNew();
            FeedParseResult result;
            try
            {
                result = await Task.Run(() => FeedParser.Parse(bytes, FeedTestData.ContentTypeHeader(bytes), FeedTestData.Address(relative, bytes))).WaitAsync(PerFile);
            }
            catch (TimeoutException)
            {
                failures.Add($"{relative}: no result within {PerFile.TotalSeconds} s");
                continue;
            }
#pragma warning disable CA1031 // the point of this test is that nothing escapes; whatever does is reported by file
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Add($"{relative}: {ex.GetType().Name}: {ex.Message}");
                continue;
            }

            if (watch.Elapsed > slowest.Elapsed)
            {
                slowest = (relative, watch.Elapsed);
            }

            if (result.Feed is { } feed)
            {
                parsed++;
                entries += feed.Entries.Count;
                bestEffort += feed.IsBestEffort ? 1 : 0;
                if (feed.IsBestEffort && !relative.StartsWith("feedparser/tests/entities/", StringComparison.Ordinal))
                {
                    bestEffortOutsideEntities.Add(relative);
                }
            }
            else
            {
                errors++;
                var kind = result.Problem!.Split('：')[^1];
                problems[kind] = problems.GetValueOrDefault(kind) + 1;
            }

            expectations.Check(relative, bytes, result);
            if (relative.StartsWith("feedparser/tests/wellformed/", StringComparison.Ordinal) && CheckWellFormed(relative, bytes, result, failures))
            {
                wellFormedChecked++;
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"files {files.Count}, parsed {parsed} (best-effort {bestEffort}), errors {errors}, entries {entries}, well-formed feeds with entries checked {wellFormedChecked}, total {total.Elapsed.TotalSeconds:0.0} s, slowest {slowest.File} {slowest.Elapsed.TotalMilliseconds:0} ms"));
        foreach (var (problem, count) in problems.OrderByDescending(p => p.Value))
        {
            output.WriteLine($"  error ×{count}: {problem}");
        }

        output.WriteLine($"best-effort outside entities/ (HTML entities without a DTD): {string.Join(", ", bestEffortOutsideEntities)}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"feedparser Expect: title/link/id clauses {expectations.Total}, agreeing {expectations.Agreeing} ({expectations.Share:P1})"));
        foreach (var miss in expectations.Misses.Take(60))
        {
            output.WriteLine("  " + miss);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} corpus failures:\n" + string.Join('\n', failures.Take(40)));
        Assert.True(total.Elapsed < TimeSpan.FromSeconds(60), $"the corpus took {total.Elapsed}");
        Assert.True(expectations.Total > 300 && expectations.Share >= 0.9, $"feedparser's title/link/id expectations: {expectations.Agreeing} of {expectations.Total} agree");
        Assert.True(wellFormedChecked > 400, $"only {wellFormedChecked} well-formed feeds with entries were checked");
    }

    [Fact]
    public void Parse_RealWorldFeeds_EveryOneYieldsEntriesWithTitlesAndLinks()
    {
        var folder = Path.GetDirectoryName(FeedTestData.FeedReaderFeed("x"))!;
        var files = Directory.GetFiles(folder, "*.xml").Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 49, $"expected FeedReader's 49 feeds in {folder}, found {files.Count}");
        var failures = new List<string>();
        int all = 0, linked = 0;
        foreach (var file in files)
        {
            var result = FeedParser.Parse(File.ReadAllBytes(file));
            var name = Path.GetFileName(file);
            if (result.Feed is not { } feed)
            {
                failures.Add($"{name}: {result.Problem}");
                continue;
            }

            output.WriteLine($"{name}: {feed.Format}, {feed.Encoding}, {feed.Entries.Count} entries{(feed.IsBestEffort ? ", best-effort" : "")}, “{feed.Title}”");
            // Daily Mail's file is a channel without a single <item>; every other feed has items.
            if (feed.Entries.Count == 0 && name != "Rss20DailyMail.xml")
            {
                failures.Add($"{name}: no entries");
            }

            all += feed.Entries.Count;
            linked += feed.Entries.Count(e => e.Link is not null);
            failures.AddRange(feed.Entries.Select((e, i) => (e, i))
                .Where(x => (string.IsNullOrWhiteSpace(x.e.Title) && string.IsNullOrWhiteSpace(x.e.Summary)) || (x.e.Link is not null && !x.e.Link.StartsWith("http", StringComparison.Ordinal)))
                .Select(x => $"{name}: entry {x.i} title “{x.e.Title}” link {x.e.Link}"));
        }

        output.WriteLine($"{files.Count} feeds, {all} entries, {linked} with a link");
        Assert.True(linked >= all * 0.95, $"only {linked} of {all} entries have a link");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(40)));
    }

    /// <summary>
    /// An independent reading of the file with the framework's XML reader is the oracle: every item/entry it finds
    /// must be an entry, and an entry whose source has a title or a link must have one. Returns whether it had entries.
    /// </summary>
    private static bool CheckWellFormed(string relative, byte[] bytes, FeedParseResult result, List<string> failures)
    {
        XElement? source;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            source = XDocument.Load(reader).Root;
        }
        catch (XmlException)
        {
            return false; // the framework rejects it (e.g. entities from a DTD); the no-crash check above still applies
        }

        if (source is null || source.Name.LocalName is not ("rss" or "RDF" or "feed"))
        {
            return false;
        }

        var items = source.Descendants()
            .Where(e => e.Name.LocalName is "item" or "entry" && (e.Parent == source || e.Parent!.Name.LocalName == "channel"))
            .ToList();
        if (items.Count == 0)
        {
            return false;
        }

        if (result.Feed is not { } feed)
        {
            failures.Add($"{relative}: {items.Count} item(s) in the source but no feed: {result.Problem}");
            return true;
        }

        if (feed.Entries.Count != items.Count)
        {
            failures.Add($"{relative}: {items.Count} item(s) in the source, {feed.Entries.Count} entries parsed");
            return true;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var own = items[i].Elements().Where(e => e.Name.Namespace == items[i].Name.Namespace || e.Name.Namespace == XNamespace.None).ToList();
            if (own.Any(e => e.Name.LocalName == "title") && feed.Entries[i].Title is null)
            {
                failures.Add($"{relative}: entry {i} has a <title> in the source but no title parsed");
            }

            var hasLink = own.Any(e => e.Name.LocalName == "link"
                && (e.Value.Trim().Length > 0 || (e.Attribute("href")?.Value.Trim().Length > 0 && (e.Attribute("rel")?.Value ?? "alternate") == "alternate")));
            if (hasLink && feed.Entries[i].Link is null)
            {
                failures.Add($"{relative}: entry {i} has a <link> in the source but no link parsed");
            }
        }

        return true;
    }
}
