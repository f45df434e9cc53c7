using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace DutyDesk.Documents.Feeds;

/// <summary>
/// The lenient path for feeds that are not well-formed XML. <see cref="Repair"/> fixes what real feeds get wrong
/// most (HTML entities, bare ampersands, a DOCTYPE, a late XML declaration, control characters) so the strict reader
/// can try again; <see cref="Scan"/> builds a tree from whatever tags there are, closing what was left open.
/// Both are single passes, so a hostile body costs linear time, and neither expands any entity defined by the body.
/// </summary>
internal static partial class ForgivingXml
{
    private const int MaxDepth = 256;

    /// <summary>Characters that declared entities may add in all; a real feed uses a few dozen.</summary>
    private const long MaxExpansion = 1024 * 1024;

    private static readonly XNamespace XmlNs = XNamespace.Xml;

    /// <summary>The text with DOCTYPE and stray declarations removed and every reference the XML reader would reject rewritten.</summary>
    public static string Repair(string xml)
    {
        var declared = InternalEntities(xml);
        xml = WithoutDoctype(xml);
        xml = StrayDeclaration().Replace(xml, "");
        var expanded = 0L;
        xml = Reference().Replace(xml, m =>
        {
            var name = m.Groups[1].Value;
            if (m.Groups[2].Length > 0 && declared.TryGetValue(name, out var value) && (expanded += value.Length) <= MaxExpansion)
            {
                return value;
            }

            var terminated = m.Groups[2].Length > 0;
            if (name.Length == 0 || (name[0] == '#' && !terminated))
            {
                return "&amp;" + m.Value[1..];
            }

            if (name[0] == '#')
            {
                return ValidCharacterReference(name) ? m.Value : "";
            }

            if (name is "amp" or "lt" or "gt" or "quot" or "apos")
            {
                return "&" + name + ";";
            }

            // Named HTML entities become numeric references (browsers accept "&amp" and "&copy" without the
            // semicolon too); names nobody defines stay as the literal text.
            return FeedText.NamedEntity(name) is { } character
                ? string.Concat(character.EnumerateRunes().Select(r => string.Create(CultureInfo.InvariantCulture, $"&#{r.Value};")))
                : "&amp;" + m.Value[1..];
        });
        return InvalidCharacters().Replace(xml, "");
    }

    /// <summary>
    /// Plain-text entities declared in the internal subset (<c>&lt;!ENTITY id "tag:example.com,"&gt;</c>), escaped
    /// for reuse. Only literal values without references qualify, so nothing nests; external (SYSTEM/PUBLIC) and
    /// parameter entities are never read. Together with <see cref="MaxExpansion"/> this keeps bombs harmless.
    /// </summary>
    private static Dictionary<string, string> InternalEntities(string xml)
    {
        var entities = new Dictionary<string, string>(StringComparer.Ordinal);
        var start = xml.IndexOf("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
        var end = start < 0 ? -1 : xml.IndexOf("]>", start, StringComparison.Ordinal);
        if (end < 0 || end - start > 64 * 1024)
        {
            return entities;
        }

        foreach (Match m in EntityDeclaration().Matches(xml[start..end]))
        {
            var value = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value;
            if (value.Length <= 1024 && value.IndexOfAny(['&', '%', '<']) < 0)
            {
                entities.TryAdd(m.Groups[1].Value, value.Replace(">", "&gt;", StringComparison.Ordinal));
            }
        }

        return entities;
    }

    /// <summary>The first DOCTYPE, internal subset included: entity definitions in it are what XXE and entity bombs are made of.</summary>
    private static string WithoutDoctype(string xml)
    {
        var start = xml.IndexOf("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return xml;
        }

        var gt = xml.IndexOf('>', start);
        var bracket = xml.IndexOf('[', start);
        var end = bracket >= 0 && (gt < 0 || bracket < gt) ? After(xml, ">", After(xml, "]", bracket)) : After(xml, ">", start);
        return string.Concat(xml.AsSpan(0, start), xml.AsSpan(end));
    }

    private static bool ValidCharacterReference(string reference)
    {
        var hex = reference.Length > 1 && reference[1] is 'x' or 'X';
        var digits = reference[(hex ? 2 : 1)..];
        if (digits.Length is 0 or > 7
            || !int.TryParse(digits, hex ? System.Globalization.NumberStyles.AllowHexSpecifier : System.Globalization.NumberStyles.None, null, out var code))
        {
            return false;
        }

        return code is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);
    }

    /// <summary>A tree built from the tags as they come: unknown namespace prefixes dropped, unclosed elements closed by their parent's end tag.</summary>
    public static XElement? Scan(string text)
    {
        XElement? root = null;
        var open = new List<(XElement Element, string Name, Dictionary<string, string>? Namespaces)>();
        var i = 0;
        while (i < text.Length)
        {
            var lt = text.IndexOf('<', i);
            if (lt < 0)
            {
                AddText(open, text[i..]);
                break;
            }

            if (lt > i)
            {
                AddText(open, text[i..lt]);
            }

            var rest = text.AsSpan(lt);
            if (rest.StartsWith("<!--"))
            {
                i = After(text, "-->", lt + 4);
                continue;
            }

            if (rest.StartsWith("<![CDATA["))
            {
                var end = text.IndexOf("]]>", lt + 9, StringComparison.Ordinal);
                if (open.Count > 0)
                {
                    open[^1].Element.Add(new XText(end < 0 ? text[(lt + 9)..] : text[(lt + 9)..end]));
                }

                i = end < 0 ? text.Length : end + 3;
                continue;
            }

            if (rest.StartsWith("<!") || rest.StartsWith("<?"))
            {
                var bracket = text.IndexOf('[', lt);
                var gt = text.IndexOf('>', lt);
                i = bracket >= 0 && (gt < 0 || bracket < gt) && rest.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase)
                    ? After(text, "]>", bracket)
                    : gt < 0 ? text.Length : gt + 1;
                continue;
            }

            var close = text.IndexOf('>', lt);
            if (close < 0)
            {
                AddText(open, text[lt..]);
                break;
            }

            i = close + 1;
            var tag = text.AsSpan(lt + 1, close - lt - 1);
            if (tag.Length > 0 && tag[0] == '/')
            {
                var name = tag[1..].Trim().ToString();
                var at = open.FindLastIndex(o => o.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
                if (at >= 0)
                {
                    open.RemoveRange(at, open.Count - at);
                }

                continue;
            }

            if (tag.Length == 0 || !XmlConvert.IsStartNCNameChar(tag[0]))
            {
                AddText(open, text[lt..i]);
                continue;
            }

            var selfClosing = tag[^1] == '/';
            if (selfClosing)
            {
                tag = tag[..^1];
            }

            if ((root is not null && open.Count == 0) || open.Count >= MaxDepth)
            {
                continue;
            }

            var element = StartTag(tag, open.Count > 0 ? open[^1].Namespaces : null, out var qualifiedName, out var scope);
            if (element is null)
            {
                continue;
            }

            if (open.Count > 0)
            {
                open[^1].Element.Add(element);
            }
            else
            {
                root = element;
            }

            if (!selfClosing)
            {
                open.Add((element, qualifiedName, scope));
            }
        }

        return root;
    }

    private static int After(string text, string terminator, int from)
    {
        var end = text.IndexOf(terminator, from, StringComparison.Ordinal);
        return end < 0 ? text.Length : end + terminator.Length;
    }

    private static void AddText(List<(XElement Element, string Name, Dictionary<string, string>? Namespaces)> open, string text)
    {
        if (open.Count > 0)
        {
            open[^1].Element.Add(new XText(Clean(WebUtility.HtmlDecode(text))));
        }
    }

    private static string Clean(string text) => InvalidCharacters().Replace(text, "");

    private static XElement? StartTag(ReadOnlySpan<char> tag, Dictionary<string, string>? inherited, out string qualifiedName, out Dictionary<string, string>? scope)
    {
        var nameEnd = 0;
        while (nameEnd < tag.Length && (XmlConvert.IsNCNameChar(tag[nameEnd]) || tag[nameEnd] == ':'))
        {
            nameEnd++;
        }

        qualifiedName = tag[..nameEnd].ToString();
        scope = inherited;
        var attributes = new List<(string Name, string Value)>();
        // Real tags are short; reading attributes only from the start of a huge one keeps a hostile tag full of
        // unclosed quotes from costing its length once per attribute.
        var attributeText = tag[nameEnd..];
        foreach (Match m in Attribute().Matches(attributeText[..Math.Min(attributeText.Length, 8 * 1024)].ToString()))
        {
            var value = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Success ? m.Groups[3].Value : m.Groups[4].Value;
            attributes.Add((m.Groups[1].Value, Clean(WebUtility.HtmlDecode(value))));
        }

        foreach (var (name, value) in attributes.Where(a => a.Name == "xmlns" || a.Name.StartsWith("xmlns:", StringComparison.Ordinal)))
        {
            scope = scope == inherited ? new Dictionary<string, string>(inherited ?? [], StringComparer.Ordinal) : scope;
            scope![name.Length > 6 ? name[6..] : ""] = value;
        }

        var elementName = Name(qualifiedName, scope, isAttribute: false);
        if (elementName is null)
        {
            return null;
        }

        var element = new XElement(elementName);
        foreach (var (name, value) in attributes.Where(a => a.Name != "xmlns" && !a.Name.StartsWith("xmlns:", StringComparison.Ordinal)))
        {
            if (Name(name, scope, isAttribute: true) is { } attributeName && element.Attribute(attributeName) is null)
            {
                element.SetAttributeValue(attributeName, value);
            }
        }

        return element;
    }

    private static XName? Name(string qualified, Dictionary<string, string>? scope, bool isAttribute)
    {
        var colon = qualified.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon < 0 ? "" : qualified[..colon];
        var local = colon < 0 ? qualified : qualified[(colon + 1)..];
        if (local.Length == 0 || !XmlConvert.IsStartNCNameChar(local[0]) || local.Any(c => !XmlConvert.IsNCNameChar(c)))
        {
            return null;
        }

        if (prefix == "xml")
        {
            return XmlNs + local;
        }

        if (isAttribute && prefix.Length == 0)
        {
            return local;
        }

        // An undeclared prefix is the commonest namespace mistake; the local name is what readers match on.
        return scope is not null && scope.TryGetValue(prefix, out var uri) && uri.Length > 0 ? XNamespace.Get(uri) + local : XName.Get(local);
    }

    [GeneratedRegex("""<!ENTITY\s+([A-Za-z_][\w.\-]{0,63})\s+(?:"([^"]*)"|'([^']*)')\s*>""", RegexOptions.CultureInvariant)]
    private static partial Regex EntityDeclaration();

    /// <summary>The leading declaration was blanked before the strict attempt, so any left is out of place.</summary>
    [GeneratedRegex("""<\?xml\s[^>]*\?>""", RegexOptions.CultureInvariant)]
    private static partial Regex StrayDeclaration();

    [GeneratedRegex("""&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[A-Za-z][A-Za-z0-9]{0,31})?(;?)""", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();

    [GeneratedRegex("""[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]""", RegexOptions.CultureInvariant)]
    private static partial Regex InvalidCharacters();

    [GeneratedRegex("""([^\s=/"'<>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""", RegexOptions.CultureInvariant)]
    private static partial Regex Attribute();
}
