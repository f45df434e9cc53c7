using System.Net;
using System.Text;
using System.Xml.Linq;

namespace DutyDesk.Documents.Feeds;

/// <summary>Markup to plain text for feed fields. Single pass over the input, so hostile markup costs linear time.</summary>
internal static class FeedText
{
    /// <summary>Elements whose content is not text a reader sees.</summary>
    private static readonly HashSet<string> Hidden = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "head", "noscript", "template", "title" };

    /// <summary>Inline elements join their neighbours without a space: "<b>重要</b>通知" is one word in Chinese.</summary>
    private static readonly HashSet<string> Inline = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark", "q", "s", "samp",
        "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "ins", "del", "nobr",
    };

    /// <summary>HTML to text: tags dropped (script/style with their content), entities decoded, whitespace collapsed.</summary>
    public static string HtmlToText(string html)
    {
        if (html.IndexOfAny(['<', '&']) < 0)
        {
            return Collapse(html);
        }

        var text = new StringBuilder(html.Length);
        var i = 0;

        // Once a terminator is known to be missing from here on, later searches for it are skipped: without this,
        // a body of many unclosed <script> or <!-- would be searched to its end once per tag.
        var unclosed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0 || lt == html.Length - 1)
            {
                text.Append(html, i, html.Length - i);
                break;
            }

            text.Append(html, i, lt - i);
            var next = html[lt + 1];
            if (!(char.IsAsciiLetter(next) || next is '/' or '!' or '?'))
            {
                text.Append('<');
                i = lt + 1;
                continue;
            }

            if (html.AsSpan(lt).StartsWith("<!--"))
            {
                // An unterminated comment ends at the next '>', as old SGML parsers read it, rather than hiding the rest.
                var close = unclosed.Contains("-->") ? -1 : html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
                if (close < 0)
                {
                    unclosed.Add("-->");
                }

                var gtAfter = html.IndexOf('>', lt + 4);
                i = close >= 0 ? close + 3 : gtAfter >= 0 ? gtAfter + 1 : html.Length;
                continue;
            }

            var gt = html.IndexOf('>', lt + 1);
            if (gt < 0)
            {
                // An unclosed tag ends the markup; what follows it is not shown by a browser either.
                break;
            }

            var name = TagName(html.AsSpan(lt + 1, gt - lt - 1), out var closing);
            i = gt + 1;
            if (!closing && Hidden.Contains(name) && html[gt - 1] != '/')
            {
                var end = unclosed.Contains(name) ? -1 : html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                if (end < 0)
                {
                    unclosed.Add(name);
                }

                var endGt = end < 0 ? -1 : html.IndexOf('>', end);
                i = endGt < 0 ? gt + 1 : endGt + 1;
                text.Append(' ');
                continue;
            }

            if (!Inline.Contains(name))
            {
                text.Append(' ');
            }
        }

        return Collapse(WebUtility.HtmlDecode(text.ToString()));
    }

    private static string TagName(ReadOnlySpan<char> tag, out bool closing)
    {
        closing = tag.Length > 0 && tag[0] == '/';
        var start = closing ? 1 : 0;
        var end = start;
        while (end < tag.Length && (char.IsAsciiLetterOrDigit(tag[end]) || tag[end] is ':' or '-'))
        {
            end++;
        }

        var name = tag[start..end];
        var colon = name.IndexOf(':');
        return (colon >= 0 ? name[(colon + 1)..] : name).ToString();
    }

    /// <summary>
    /// The text of inline markup (Atom xhtml, RSS with unescaped HTML): walked without recursion or serialising,
    /// since both cost time or stack in proportion to the nesting depth, and a hostile feed nests deep.
    /// </summary>
    public static string ElementToText(XElement element)
    {
        var text = new StringBuilder();
        var node = element.FirstNode;
        while (node is not null)
        {
            if (node is XText t)
            {
                text.Append(t.Value);
            }
            else if (node is XElement e && !Hidden.Contains(e.Name.LocalName))
            {
                if (!Inline.Contains(e.Name.LocalName))
                {
                    text.Append(' ');
                }

                if (e.FirstNode is not null)
                {
                    node = e.FirstNode;
                    continue;
                }
            }

            while (node is not null && node.NextNode is null)
            {
                var parent = node.Parent;
                node = parent is null || parent == element ? null : parent;
                if (node is XElement closed && !Inline.Contains(closed.Name.LocalName))
                {
                    text.Append(' ');
                }
            }

            node = node?.NextNode;
        }

        return Collapse(text.ToString());
    }

    /// <summary>Runs of whitespace (ideographic space and no-break space included) to one space, trimmed; control characters dropped.</summary>
    public static string Collapse(string text)
    {
        var result = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c == '\u200B')
            {
                space = result.Length > 0;
                continue;
            }

            if (char.IsControl(c) || c == '\uFEFF')
            {
                continue;
            }

            if (space)
            {
                result.Append(' ');
                space = false;
            }

            result.Append(c);
        }

        return result.ToString();
    }

    /// <summary>The character an HTML named entity stands for, or null: the lenient path turns these into numeric references.</summary>
    public static string? NamedEntity(string name)
    {
        var reference = "&" + name + ";";
        var decoded = WebUtility.HtmlDecode(reference);
        return decoded == reference ? null : decoded;
    }
}
