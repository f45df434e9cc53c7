using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DutyDesk.Documents.Feeds;

namespace DutyDesk.Platform.Tests.Feeds;

/// <summary>
/// The simplest of feedparser's "Expect:" clauses — feed or entry title, link or id equals a string literal — checked
/// against our result. Clauses whose expected value keeps markup or entities are left out: we return plain text.
/// </summary>
internal sealed partial class ExpectationTally
{
    public int Total { get; private set; }

    public int Agreeing { get; private set; }

    public double Share => Total == 0 ? 0 : (double)Agreeing / Total;

    public List<string> Misses { get; } = [];

    public void Check(string relative, byte[] bytes, FeedParseResult result)
    {
        var head = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
        var expect = ExpectLine().Match(head);
        if (!expect.Success)
        {
            return;
        }

        foreach (Match clause in Clause().Matches(expect.Groups[1].Value))
        {
            var expected = Unescape(clause.Groups["value"].Value);
            if (expected.IndexOfAny(['<', '&', '>']) >= 0 || expected != expected.Trim() || expected.Contains("  ", StringComparison.Ordinal) || expected.Contains('\n', StringComparison.Ordinal))
            {
                continue;
            }

            var field = clause.Groups["field"].Success ? clause.Groups["field"].Value : clause.Groups["attr"].Value;
            string? actual;
            if (clause.Groups["index"].Success)
            {
                var index = int.Parse(clause.Groups["index"].Value, CultureInfo.InvariantCulture);
                var entry = result.Feed is { } f && index < f.Entries.Count ? f.Entries[index] : null;
                actual = field switch { "title" => entry?.Title, "link" => entry?.Link, _ => entry?.Id };
            }
            else
            {
                if (field == "id")
                {
                    continue;
                }

                actual = field == "title" ? result.Feed?.Title : result.Feed?.Link;
            }

            Total++;
            if (actual == expected)
            {
                Agreeing++;
            }
            else
            {
                Misses.Add($"{relative}: {clause.Value} → got {(actual is null ? "null" : "'" + actual + "'")}{(result.Problem is null ? "" : " / " + result.Problem)}");
            }
        }
    }

    private static string Unescape(string python)
    {
        var text = new StringBuilder();
        for (var i = 0; i < python.Length; i++)
        {
            if (python[i] != '\\' || i + 1 == python.Length)
            {
                text.Append(python[i]);
                continue;
            }

            var c = python[++i];
            switch (c)
            {
                case 'x' when i + 2 < python.Length:
                    text.Append((char)int.Parse(python.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                    break;
                case 'u' when i + 4 < python.Length:
                    text.Append((char)int.Parse(python.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                case 'n':
                    text.Append('\n');
                    break;
                case 't':
                    text.Append('\t');
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        return text.ToString();
    }

    [GeneratedRegex(@"Expect:\s*([^\r\n]*)")]
    private static partial Regex ExpectLine();

    [GeneratedRegex(@"(?:feed|entries\[(?<index>\d+)\])(?:\[u?'(?<field>title|link|id)'\]|\.(?<attr>title|link|id))\s*==\s*u?(?<q>['""])(?<value>(?:\\.|(?!\k<q>).)*)\k<q>(?!\s*\+)")]
    private static partial Regex Clause();
}
