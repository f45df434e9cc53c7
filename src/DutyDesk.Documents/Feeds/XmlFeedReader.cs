using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace DutyDesk.Documents.Feeds;

/// <summary>RSS, RDF, Atom and CDF from XML text, strict first and forgiving when the XML is broken.</summary>
internal static partial class XmlFeedReader
{
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace DcTerms = "http://purl.org/dc/terms/";
    private static readonly XNamespace ContentNs = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Atom10 = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Atom03 = "http://purl.org/atom/ns#";
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace Rss090 = "http://my.netscape.com/rdf/simple/0.9/";
    private static readonly XNamespace Media = "http://search.yahoo.com/mrss/";
    private static readonly XNamespace Itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";

    private const int MaxDepth = 1000;

    private static readonly XmlReaderSettings Strict = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024 * 1024,
        CheckCharacters = false,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    public static FeedParseResult Read(string text, string encoding, Uri? address, FeedWarnings warnings, FeedParserOptions options)
    {
        // The body is already decoded; a declaration naming another encoding must not make the reader think otherwise.
        text = BlankDeclaration(text);
        XElement? root;
        var bestEffort = false;
        string? xmlProblem = null;
        try
        {
            root = Load(text);
        }
        catch (XmlException ex)
        {
            xmlProblem = Describe(ex);
            bestEffort = true;
            try
            {
                root = Load(ForgivingXml.Repair(text));
            }
            catch (XmlException)
            {
                root = ForgivingXml.Scan(text);
            }
        }

        if (root is null)
        {
            return FeedParseResult.Fail(xmlProblem ?? "不是可识别的 RSS/Atom 订阅：没有根元素");
        }

        var context = new Context(options, warnings, address);
        var feed = root.Name.LocalName.ToLowerInvariant() switch
        {
            "rss" => ReadRss(root, root.Element(root.Name.Namespace + "channel") ?? FirstChild(root, "channel") ?? root, RssFormat(root), context),
            "rdf" => ReadRss(root, FirstChild(root, "channel") ?? root, root.Elements().Any(e => e.Name.Namespace == Rss090) ? "RSS 0.90" : "RSS 1.0", context),
            "feed" => ReadAtom(root, context),
            "channel" when root.Name.LocalName == "CHANNEL" || Attr(root, "href") is not null || root.Descendants().Any(e => Is(e, "item") && Attr(e, "href") is not null) => ReadCdf(root, context),
            "channel" => ReadRss(root, root, "RSS", context),
            _ => null,
        };
        if (feed is null)
        {
            return FeedParseResult.Fail($"不是可识别的 RSS/Atom 订阅：根元素是 <{root.Name.LocalName}>");
        }

        if (xmlProblem is not null)
        {
            warnings.Add($"XML 不规范，已尽量解析（{xmlProblem}）");
        }

        return new FeedParseResult(feed with { Encoding = encoding, IsBestEffort = bestEffort, Warnings = warnings.ToList() }, null);
    }

    /// <summary>
    /// The tree, built by hand rather than by XDocument.Load: attaching a child walks up to the root, so a
    /// deeply nested body costs depth² there. Here an element joins its parent when it closes, while the parent
    /// is still detached, which keeps the cost linear.
    /// </summary>
    private static XElement? Load(string text)
    {
        using var reader = XmlReader.Create(new StringReader(text), Strict);
        var open = new Stack<XElement>();
        XElement? root = null;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
                    while (reader.MoveToNextAttribute())
                    {
                        if (reader.NamespaceURI != XNamespace.Xmlns.NamespaceName)
                        {
                            element.SetAttributeValue(XName.Get(reader.LocalName, reader.NamespaceURI), reader.Value);
                        }
                    }

                    reader.MoveToElement();
                    if (!reader.IsEmptyElement)
                    {
                        // The framework reader slows with depth; no real feed nests this deep, the forgiving path caps it.
                        if (open.Count == MaxDepth)
                        {
                            throw new XmlException("元素嵌套超过 " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " 层", null, ((IXmlLineInfo)reader).LineNumber, ((IXmlLineInfo)reader).LinePosition);
                        }

                        open.Push(element);
                    }
                    else
                    {
                        Close(element);
                    }

                    break;
                case XmlNodeType.EndElement:
                    Close(open.Pop());
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (open.Count > 0)
                    {
                        open.Peek().Add(new XText(reader.Value));
                    }

                    break;
            }
        }

        return root;

        void Close(XElement element)
        {
            if (open.Count > 0)
            {
                open.Peek().Add(element);
            }
            else
            {
                root = element;
            }
        }
    }

    private static string BlankDeclaration(string text)
    {
        var match = LeadingDeclaration().Match(text);
        return match.Success ? string.Concat(text.AsSpan(0, match.Index), new string(' ', match.Length), text.AsSpan(match.Index + match.Length)) : text;
    }

    /// <summary>The reader's message in Chinese for the mistakes feeds make; the English original otherwise.</summary>
    internal static string Describe(XmlException ex)
    {
        var message = ex.Message;
        var reason = message switch
        {
            _ when message.StartsWith("Root element is missing", StringComparison.Ordinal) => "没有根元素（内容为空或只有注释）",
            _ when message.StartsWith("Unexpected end of file", StringComparison.Ordinal) => "文件意外结束，有元素没有闭合",
            _ when message.Contains("does not match the end tag", StringComparison.Ordinal) => "开始标签与结束标签不匹配",
            _ when message.Contains("undeclared entity", StringComparison.Ordinal) => "引用了未声明的实体（如 HTML 的 &nbsp;）",
            _ when message.Contains("undeclared prefix", StringComparison.Ordinal) => "使用了未声明的命名空间前缀",
            _ when message.Contains("parsing EntityName", StringComparison.Ordinal) => "有未转义的 & 符号",
            _ when message.StartsWith("Data at the root level is invalid", StringComparison.Ordinal) => "根级别的数据无效，内容不是 XML",
            _ when message.Contains("multiple root elements", StringComparison.Ordinal) => "有多个根元素",
            _ when message.Contains("is an invalid character", StringComparison.Ordinal) => "含有 XML 不允许的字符",
            _ when message.StartsWith("Name cannot begin with", StringComparison.Ordinal) => "名称以非法字符开头（可能是未转义的 < 或 &）",
            _ => TrailingPosition().Replace(message, ""),
        };
        return ex.LineNumber > 0 ? $"XML 第 {ex.LineNumber} 行第 {ex.LinePosition} 列：{reason}" : $"XML 格式错误：{reason}";
    }

    private static string RssFormat(XElement root)
    {
        var version = Attr(root, "version")?.Trim();
        return version is not null && VersionNumber().IsMatch(version) ? $"RSS {version}" : "RSS";
    }

    private static ParsedFeed ReadRss(XElement root, XElement channel, string format, Context context)
    {
        var feedLink = Child(channel, "link") is { } element && (NonEmpty(Text(element)) ?? NonEmpty(Attr(element, "href"))) is { } link
            ? link
            : AtomLink(channel, Atom10, context);
        context.FeedBase = AbsoluteUri(context.Resolve(feedLink, BaseOf(channel, context)));
        var items = channel.Elements().Where(e => Is(e, "item"));
        if (!ReferenceEquals(channel, root))
        {
            // RSS 1.0 puts items beside the channel; some 0.9x feeds put them under <rss> too.
            items = items.Concat(root.Elements().Where(e => Is(e, "item")));
        }

        var entries = context.Take(items, item => new FeedEntry(
            Id: NonEmpty(Text(Child(item, "guid"))) ?? NonEmpty((string?)item.Attribute(Rdf + "about")),
            Title: Rich(Child(item, "title") ?? item.Element(Dc + "title") ?? item.Element(Media + "title")),
            Link: ItemLink(item, context),
            Summary: NonEmpty(Rich(Child(item, "description") ?? item.Element(Dc + "description") ?? item.Element(Itunes + "summary") ?? item.Element(Media + "description"))),
            Content: NonEmpty(Rich(item.Element(ContentNs + "encoded") ?? item.Element(Xhtml + "body") ?? Child(item, "encoded"))),
            Published: context.Date(Child(item, "pubDate") ?? item.Element(Dc + "date") ?? item.Element(DcTerms + "issued")
                ?? item.Element(DcTerms + "created") ?? item.Element(Atom10 + "published") ?? Child(item, "date")),
            Updated: context.Date(item.Element(DcTerms + "modified") ?? item.Element(Atom10 + "updated")),
            Author: NonEmpty(Rich(Child(item, "author") ?? item.Element(Dc + "creator") ?? item.Element(Itunes + "author") ?? Child(item, "creator"))),
            Categories: Categories(item.Elements().Where(e => Is(e, "category") || e.Name == Dc + "subject").Select(e => Text(e)))));
        return new ParsedFeed(format, NonEmpty(Rich(Child(channel, "title") ?? channel.Element(Dc + "title"))), context.FeedBase, "", false, [], entries);
    }

    private static string? ItemLink(XElement item, Context context)
    {
        if (Child(item, "link") is { } element && (NonEmpty(Text(element)) ?? NonEmpty(Attr(element, "href"))) is { } link)
        {
            return context.Resolve(link, BaseOf(item, context));
        }

        if (AtomLink(item, Atom10, context) is { } atom)
        {
            return atom;
        }

        // A guid that is a permalink is the item's address when no link is given (RSS 2.0 spec).
        var guid = Child(item, "guid");
        return guid is not null && !string.Equals(Attr(guid, "isPermaLink"), "false", StringComparison.OrdinalIgnoreCase)
            && NonEmpty(Text(guid)) is { } id && id.StartsWith("http", StringComparison.OrdinalIgnoreCase)
            ? id
            : null;
    }

    private static ParsedFeed ReadAtom(XElement root, Context context)
    {
        var ns = root.Name.Namespace;
        var is03 = ns == Atom03 || (ns != Atom10 && Attr(root, "version") == "0.3");
        var format = is03 ? "Atom 0.3" : "Atom 1.0";
        context.FeedBase = AbsoluteUri(AtomLink(root, null, context));
        var feedAuthor = AuthorName(Child(root, "author"));
        var entries = context.Take(root.Elements().Where(e => Is(e, "entry") || Is(e, "item")), entry =>
        {
            var content = Child(entry, "content");
            var id = NonEmpty(Text(Child(entry, "id")));
            return new FeedEntry(
                Id: id,
                Title: AtomText(Child(entry, "title"), is03),

                // As with an RSS permalink guid: an entry without a link whose id is a web address is found there.
                Link: AtomLink(entry, null, context) ?? (id is not null && WebAddress().IsMatch(id) ? id : null),
                Summary: NonEmpty(AtomText(Child(entry, "summary"), is03)),
                Content: content is null || Attr(content, "src") is not null ? null : NonEmpty(AtomText(content, is03)),
                Published: context.Date(Child(entry, "published") ?? Child(entry, "issued") ?? Child(entry, "created") ?? entry.Element(Dc + "date")),
                Updated: context.Date(Child(entry, "updated") ?? Child(entry, "modified")),
                Author: AuthorName(Child(entry, "author")) ?? NonEmpty(Text(entry.Element(Dc + "creator"))) ?? feedAuthor,
                Categories: Categories(entry.Elements().Where(e => Is(e, "category")).Select(c => Attr(c, "term") ?? Attr(c, "label") ?? c.Value)
                    .Concat(entry.Elements(Dc + "subject").Select(e => e.Value))));
        });
        return new ParsedFeed(format, NonEmpty(AtomText(Child(root, "title"), is03)), context.FeedBase, "", false, [], entries);
    }

    private static ParsedFeed ReadCdf(XElement root, Context context)
    {
        context.FeedBase = AbsoluteUri(Attr(root, "href"));
        var entries = context.Take(root.Descendants().Where(e => Is(e, "item")), item => new FeedEntry(
            Id: null,
            Title: Rich(Child(item, "title")),
            Link: Attr(item, "href") is { } href ? context.Resolve(href.Trim(), null) : null,
            Summary: NonEmpty(Rich(Child(item, "abstract"))),
            Content: null,
            Published: context.Date(Attr(item, "lastmod")),
            Updated: null,
            Author: null,
            Categories: []));
        return new ParsedFeed("CDF", NonEmpty(Rich(Child(root, "title"))), context.FeedBase, "", false, [], entries);
    }

    private static string? AuthorName(XElement? author)
        => author is null ? null : NonEmpty(Text(Child(author, "name"))) ?? (author.HasElements ? null : NonEmpty(Text(author)));

    /// <summary>The alternate link (or the first that is not self/edit/enclosure), resolved against xml:base and the feed.</summary>
    private static string? AtomLink(XElement parent, XNamespace? ns, Context context)
    {
        var links = parent.Elements()
            .Where(e => ns is null ? Is(e, "link") && e.Name.Namespace == parent.Name.Namespace : e.Name == ns + "link")
            .Where(e => Href(e) is not null)
            .ToList();
        var chosen = links.FirstOrDefault(l => (Attr(l, "rel") ?? "alternate") == "alternate" && (Attr(l, "type")?.Contains("html", StringComparison.OrdinalIgnoreCase) ?? true))
            ?? links.FirstOrDefault(l => (Attr(l, "rel") ?? "alternate") == "alternate")
            ?? links.FirstOrDefault(l => Attr(l, "rel") is not ("self" or "edit" or "enclosure" or "replies" or "hub"));
        return chosen is null ? null : context.Resolve(Href(chosen), BaseOf(chosen, context));
    }

    /// <summary>href, or the element's text as some Atom 0.3 producers wrote it.</summary>
    private static string? Href(XElement link) => NonEmpty(Attr(link, "href")) ?? (link.HasElements ? null : NonEmpty(link.Value));

    /// <summary>Atom text construct: type text / html / xhtml (1.0) or mode xml / escaped / base64 (0.3).</summary>
    private static string? AtomText(XElement? e, bool is03)
    {
        if (e is null)
        {
            return null;
        }

        var type = Attr(e, "type")?.Trim().ToLowerInvariant() is { Length: > 0 } given ? given : is03 ? "text/plain" : "text";
        var mode = Attr(e, "mode")?.Trim().ToLowerInvariant();
        var raw = e.Value;
        var textual = type is "text" or "html" or "xhtml" || type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("xml", StringComparison.Ordinal);

        // Atom 1.0 carries any other media type base64-encoded; Atom 0.3 says so with mode="base64".
        if (mode == "base64" || (!is03 && !textual && !e.HasElements))
        {
            try
            {
                raw = Encoding.UTF8.GetString(Convert.FromBase64String(raw.Trim()));
            }
            catch (FormatException)
            {
                return FeedText.Collapse(raw);
            }
        }

        if (e.HasElements)
        {
            return FeedText.ElementToText(e);
        }

        return type is "html" or "text/html" or "xhtml" or "application/xhtml+xml" || mode == "escaped" ? FeedText.HtmlToText(raw) : FeedText.Collapse(raw);
    }

    /// <summary>RSS fields carry escaped HTML, CDATA HTML or (wrongly but often) inline markup; all become plain text.</summary>
    private static string? Rich(XElement? e)
        => e is null ? null : e.HasElements ? FeedText.ElementToText(e) : FeedText.HtmlToText(e.Value);

    private static string? Text(XElement? e) => e?.Value.Trim();

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static List<string> Categories(IEnumerable<string?> values)
        => values.Select(v => v is null ? null : FeedText.Collapse(v)).OfType<string>().Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Take(100).ToList();

    private static bool Is(XElement e, string localName) => e.Name.LocalName.Equals(localName, StringComparison.OrdinalIgnoreCase);

    private static XElement? FirstChild(XElement parent, string localName) => parent.Elements().FirstOrDefault(e => Is(e, localName));

    /// <summary>A child in the parent's own vocabulary (its namespace or none), so media:title or atom:link never stand in for title or link.</summary>
    private static XElement? Child(XElement? parent, string localName)
        => parent?.Elements().FirstOrDefault(e => Is(e, localName) && (e.Name.Namespace == parent.Name.Namespace || e.Name.Namespace == XNamespace.None));

    private static string? Attr(XElement e, string localName)
        => e.Attributes().FirstOrDefault(a => a.Name.Namespace == XNamespace.None && a.Name.LocalName.Equals(localName, StringComparison.OrdinalIgnoreCase))?.Value;

    private static Uri? BaseOf(XElement e, Context context)
    {
        var current = context.Address;
        foreach (var ancestor in e.AncestorsAndSelf().Reverse())
        {
            var value = ancestor.Attribute(XNamespace.Xml + "base")?.Value.Trim();
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (IsAbsolute(value) && Uri.TryCreate(value, UriKind.Absolute, out var absolute))
            {
                current = absolute;
            }
            else if (current is not null && Uri.TryCreate(current, value, out var resolved))
            {
                current = resolved;
            }
        }

        return current;
    }

    private static string? AbsoluteUri(string? link) => link is not null && IsAbsolute(link) ? link : null;

    private static bool IsAbsolute(string link) => AbsoluteScheme().IsMatch(link);

    [GeneratedRegex("""^\s*<\?xml\s[^>]*\?>""", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingDeclaration();

    [GeneratedRegex("""\s*Line \d+, position \d+\.$""", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingPosition();

    [GeneratedRegex("""^\d+(\.\d+)*$""", RegexOptions.CultureInvariant)]
    private static partial Regex VersionNumber();

    /// <summary>A scheme in front: "/path" must not count, though Uri on Linux takes it for file:///path.</summary>
    [GeneratedRegex("""^[A-Za-z][A-Za-z0-9+.\-]*:""", RegexOptions.CultureInvariant)]
    private static partial Regex AbsoluteScheme();

    [GeneratedRegex("""^https?://""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WebAddress();

    [GeneratedRegex("""^\s*(javascript|vbscript|data|livescript):""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UnsafeScheme();

    private sealed class Context(FeedParserOptions options, FeedWarnings warnings, Uri? address)
    {
        /// <summary>The document's own address: the base that xml:base values are relative to.</summary>
        public Uri? Address => address;

        private int unreadDates;

        public string? FeedBase { get; set; }

        public string? Resolve(string? href, Uri? baseUri)
        {
            if (string.IsNullOrWhiteSpace(href))
            {
                return null;
            }

            href = href.Trim();
            if (IsAbsolute(href))
            {
                // A javascript: or data: "link" would run in the page that shows it.
                return UnsafeScheme().IsMatch(href) ? null : href;
            }

            var against = baseUri ?? address ?? (FeedBase is not null && Uri.TryCreate(FeedBase, UriKind.Absolute, out var feed) ? feed : null);
            return against is not null && Uri.TryCreate(against, href, out var resolved) ? resolved.AbsoluteUri : href;
        }

        public DateTimeOffset? Date(XElement? e) => Date(e?.Value);

        public DateTimeOffset? Date(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            var date = FeedDates.Parse(value, options.DefaultOffset);
            if (date is null && unreadDates++ == 0)
            {
                warnings.Add($"日期“{FeedText.Collapse(value)[..Math.Min(40, FeedText.Collapse(value).Length)]}”无法识别，已留空");
            }

            return date;
        }

        public List<FeedEntry> Take(IEnumerable<XElement> items, Func<XElement, FeedEntry> read)
        {
            var entries = new List<FeedEntry>();
            foreach (var item in items)
            {
                if (entries.Count == options.MaxEntries)
                {
                    warnings.Add(string.Create(CultureInfo.InvariantCulture, $"条目超过 {options.MaxEntries} 条，其余未读取"));
                    break;
                }

                entries.Add(read(item));
            }

            return entries;
        }
    }
}
