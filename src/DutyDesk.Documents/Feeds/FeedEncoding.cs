using System.Text;
using System.Text.RegularExpressions;

namespace DutyDesk.Documents.Feeds;

/// <summary>
/// Picks the character encoding of a feed body: byte-order mark, then the HTTP charset, then the XML
/// declaration, then UTF-8 when the bytes are valid UTF-8, else a Chinese legacy encoding — Chinese sites
/// still serve GBK without saying so.
/// </summary>
internal static partial class FeedEncoding
{
    internal sealed record Decoded(string Text, string Name, string? Warning);

    static FeedEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Decoded Decode(ReadOnlySpan<byte> body, string? contentType)
    {
        if (ByteOrderMark(body) is { } marked)
        {
            return new(marked.Encoding.GetString(body[marked.Length..]), marked.Encoding.WebName, null);
        }

        if (WideWithoutMark(body) is { } wide)
        {
            return new(wide.GetString(body), wide.WebName, null);
        }

        string? warning = null;
        var httpName = Charset(contentType);
        var declaredName = DeclaredEncoding(body);
        foreach (var (name, origin) in new[] { (httpName, "HTTP 头"), (declaredName, "XML 声明") })
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            var declared = Resolve(name);
            if (declared is null)
            {
                warning ??= $"{origin}中的编码“{name}”无法识别，已自动判断";
                continue;
            }

            // Multi-byte UTF-16/32 named in an 8-bit body is a copy-paste error in the declaration, not the truth.
            if (declared is UnicodeEncoding or UTF32Encoding)
            {
                continue;
            }

            if (Fits(declared, body))
            {
                return new(declared.GetString(body), declared.WebName, warning);
            }

            var sniffed = Sniff(body);
            return new(sniffed.GetString(body), sniffed.WebName, $"{origin}声明的编码 {name} 与内容不符，已按 {sniffed.WebName} 解码");
        }

        var guess = Sniff(body);
        return new(guess.GetString(body), guess.WebName, warning ?? (guess.CodePage == Encoding.UTF8.CodePage ? null : $"未声明编码，按内容判断为 {guess.WebName}"));
    }

    /// <summary>The charset parameter of a Content-Type value, quotes and spaces removed.</summary>
    internal static string? Charset(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }

        var match = CharsetParameter().Match(contentType);
        return match.Success ? match.Groups[1].Value.Trim().Trim('"', '\'').Trim() : null;
    }

    /// <summary>An encoding by name; GB2312 and GBK are read as GB18030, their superset, since sites label GBK text GB2312.</summary>
    internal static Encoding? Resolve(string name)
    {
        var key = name.Trim().ToLowerInvariant();
        key = key switch
        {
            "gb2312" or "gbk" or "x-gbk" or "cp936" or "ms936" or "windows-936" or "euc-cn" or "gb_2312-80" or "csgb2312" or "chinese" or "gb18030" => "gb18030",
            "big5-hkscs" or "x-x-big5" or "cn-big5" or "csbig5" or "big-5" => "big5",
            "utf8" => "utf-8",
            // As browsers do (WHATWG): pages labelled Latin-1 use the Windows-1252 quotes and dashes in 80–9F.
            "iso-8859-1" or "iso8859-1" or "latin1" or "l1" or "iso_8859-1" or "cp819" or "ibm819" => "windows-1252",
            _ => key,
        };
        if (key is "utf-7" or "csunicode11utf7" or "unicode-1-1-utf-7")
        {
            return null; // UTF-7 can smuggle markup past filters and no feed uses it.
        }

        try
        {
            return key == "utf-8" ? new UTF8Encoding(false) : Encoding.GetEncoding(key);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static (Encoding Encoding, int Length)? ByteOrderMark(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (new UTF8Encoding(false), 3);
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]))
        {
            return (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4);
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
        {
            return (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4);
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2);
        }

        return b.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2) : null;
    }

    /// <summary>UTF-16/32 without a mark, recognised by the zero bytes around the first ASCII character (XML 1.0 appendix F).</summary>
    private static Encoding? WideWithoutMark(ReadOnlySpan<byte> b)
    {
        if (b.Length < 4)
        {
            return null;
        }

        return (b[0], b[1], b[2], b[3]) switch
        {
            (0, 0, 0, not 0) => new UTF32Encoding(bigEndian: true, byteOrderMark: false),
            (not 0, 0, 0, 0) => new UTF32Encoding(bigEndian: false, byteOrderMark: false),
            (0, not 0, 0, not 0) => new UnicodeEncoding(bigEndian: true, byteOrderMark: false),
            (not 0, 0, not 0, 0) => new UnicodeEncoding(bigEndian: false, byteOrderMark: false),
            _ => null,
        };
    }

    private static string? DeclaredEncoding(ReadOnlySpan<byte> body)
    {
        var head = Encoding.Latin1.GetString(body[..Math.Min(body.Length, 1024)]);
        var match = XmlDeclarationEncoding().Match(head);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>Whether the body reads cleanly in a declared encoding; only UTF-8, ASCII and the CJK multi-byte sets can tell.</summary>
    private static bool Fits(Encoding declared, ReadOnlySpan<byte> body)
    {
        if (declared.CodePage == Encoding.ASCII.CodePage)
        {
            return !body.ContainsAnyInRange((byte)0x80, (byte)0xFF);
        }

        if (declared.CodePage == Encoding.UTF8.CodePage)
        {
            return IsUtf8(body);
        }

        // A page declared GBK that is really UTF-8 (a CMS switched encodings but kept the template): prefer UTF-8.
        return !(declared.IsSingleByte is false && IsUtf8(body) && body.ContainsAnyInRange((byte)0x80, (byte)0xFF));
    }

    private static bool IsUtf8(ReadOnlySpan<byte> body) => System.Text.Unicode.Utf8.IsValid(body);

    /// <summary>
    /// No declaration: UTF-8 when valid, else Big5 or GB18030. GB2312 text has both bytes of every character in
    /// A1–FE; Big5 puts about 40% of its second bytes in 40–7E, so a high share of low second bytes means Big5.
    /// </summary>
    internal static Encoding Sniff(ReadOnlySpan<byte> body)
    {
        if (IsUtf8(body))
        {
            return new UTF8Encoding(false);
        }

        int pairs = 0, lowTrail = 0;
        for (var i = 0; i < body.Length - 1; i++)
        {
            if (body[i] < 0x81)
            {
                continue;
            }

            var trail = body[i + 1];
            if (trail is >= 0x30 and <= 0x39)
            {
                return Encoding.GetEncoding("gb18030"); // a four-byte GB18030 sequence; Big5 has none
            }

            pairs++;
            if (trail < 0xA1)
            {
                lowTrail++;
            }

            i++;
        }

        if (pairs > 0 && lowTrail * 5 > pairs && DecodesCleanly(Encoding.GetEncoding("big5"), body))
        {
            return Encoding.GetEncoding("big5");
        }

        return Encoding.GetEncoding("gb18030");
    }

    private static bool DecodesCleanly(Encoding encoding, ReadOnlySpan<byte> body)
    {
        var strict = Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        try
        {
            strict.GetCharCount(body);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    [GeneratedRegex("""charset\s*=\s*("[^"]*"|'[^']*'|[^;\s]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CharsetParameter();

    [GeneratedRegex("""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:\-]+)["']""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex XmlDeclarationEncoding();
}
