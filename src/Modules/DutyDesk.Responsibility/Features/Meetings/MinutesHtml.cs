using Ganss.Xss;

namespace DutyDesk.Responsibility.Features.Meetings;

/// <summary>
/// The one gate minutes pass before they are stored: basic formatting, lists, small headings, tables and
/// http(s) links survive; scripts, event handlers, styles, frames and every other scheme do not. The page
/// renders stored minutes as markup, so nothing else may ever reach the database.
/// </summary>
internal static class MinutesHtml
{
    // Elements whose content is code or a foreign document: dropped with their content, never unwrapped into text.
    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "noscript", "noembed", "template", "svg", "math", "textarea", "select", "title", "head",
    };

    private static readonly HtmlSanitizer Sanitizer = Create();

    /// <summary>The safe HTML, or null when nothing but whitespace remains.</summary>
    public static string? Sanitize(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return null;
        }

        var clean = Sanitizer.Sanitize(html).Trim();
        return HasContent(clean) ? clean : null;
    }

    private static bool HasContent(string html)
    {
        // "<p><br></p>" is what an emptied editor leaves behind.
        var text = System.Text.RegularExpressions.Regex.Replace(html, "<[^>]*>", "").Replace("&nbsp;", "", StringComparison.Ordinal);
        return !string.IsNullOrWhiteSpace(text) || html.Contains("<table", StringComparison.OrdinalIgnoreCase);
    }

    private static HtmlSanitizer Create()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "strong", "b", "em", "i", "u", "ol", "ul", "li", "h3", "h4",
                "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "a",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "colspan", "rowspan" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
            AllowedClasses = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowCssCustomProperties = false,
            AllowDataAttributes = false,
        };
        // Text pasted from Word arrives in spans and divs: keep the words, lose the wrapper.
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        sanitizer.RemovingTag += (_, e) =>
        {
            if (DroppedWithContent.Contains(e.Tag.LocalName))
            {
                foreach (var child in e.Tag.ChildNodes.ToList())
                {
                    e.Tag.RemoveChild(child);
                }
            }
            else if (e.Tag.LocalName is "div" && e.Tag.HasChildNodes)
            {
                // Browsers and Word break lines with divs: unwrapped, each still ends its line.
                e.Tag.AppendChild(e.Tag.Owner!.CreateElement("br"));
            }
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", "noopener noreferrer nofollow");
                link.SetAttribute("target", "_blank");
            }
        };
        return sanitizer;
    }
}
