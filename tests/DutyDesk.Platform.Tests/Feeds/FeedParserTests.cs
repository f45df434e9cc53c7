using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using DutyDesk.Documents.Feeds;

namespace DutyDesk.Platform.Tests.Feeds;

public sealed class FeedParserTests
{
    static FeedParserTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Rss20 = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel>
            <title>市教育局 &amp; 新闻</title>
            <link>http://jyj.example.gov.cn/</link>
            <item>
              <title><![CDATA[关于<b>春季</b>开学的通知]]></title>
              <link>/news/2024/0501.html</link>
              <guid isPermaLink="false">news-0501</guid>
              <description>&lt;p&gt;各学校：&lt;/p&gt;&lt;p&gt;现将有关事项通知如下&lt;/p&gt;</description>
              <content:encoded><![CDATA[<p>第一段</p><p>第二段&nbsp;<b>重点</b></p><script>alert(1)</script>]]></content:encoded>
              <pubDate>Wed, 01 May 2024 12:00:00 +0800</pubDate>
              <dc:creator>办公室</dc:creator>
              <category>通知</category>
              <category>教育</category>
              <category>通知</category>
            </item>
            <item>
              <title>第二条</title>
              <guid>http://jyj.example.gov.cn/news/2.html</guid>
              <dc:date>2024-05-02 08:30:00</dc:date>
            </item>
          </channel>
        </rss>
        """;

    [Fact]
    public void Parse_Rss20_EntriesAsPlainTextWithResolvedLinksDatesAndCategories()
    {
        var result = FeedParser.Parse(Encoding.UTF8.GetBytes(Rss20), "application/rss+xml; charset=utf-8");

        Assert.True(result.IsSuccess, result.Problem);
        var feed = result.Feed!;
        Assert.Equal(("RSS 2.0", "市教育局 & 新闻", "http://jyj.example.gov.cn/", "utf-8", false), (feed.Format, feed.Title, feed.Link, feed.Encoding, feed.IsBestEffort));
        var first = feed.Entries[0];
        Assert.Equal("news-0501", first.Id);
        Assert.Equal("关于春季开学的通知", first.Title);
        Assert.Equal("http://jyj.example.gov.cn/news/2024/0501.html", first.Link);
        Assert.Equal("各学校： 现将有关事项通知如下", first.Summary);
        Assert.Equal("第一段 第二段 重点", first.Content);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.FromHours(8)), first.Published);
        Assert.Equal("办公室", first.Author);
        Assert.Equal(["通知", "教育"], first.Categories);
        var second = feed.Entries[1];
        Assert.Equal("http://jyj.example.gov.cn/news/2.html", second.Link); // a permalink guid stands in for the link
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 8, 30, 0, TimeSpan.FromHours(8)), second.Published);
        Assert.Null(second.Summary);
        Assert.Null(second.Content);
    }

    [Theory]
    [InlineData("""<rss version="0.91"><channel><title>T</title><item><title>A</title><link>http://a/</link></item></channel></rss>""", "RSS 0.91")]
    [InlineData("""<rss version="0.92"><channel><title>T</title><item><title>A</title><link>http://a/</link></item></channel></rss>""", "RSS 0.92")]
    [InlineData("""<rss version="0.93"><channel><title>T</title><item><title>A</title><link>http://a/</link></item></channel></rss>""", "RSS 0.93")]
    [InlineData("""<rss version="0.94"><channel><title>T</title><item><title>A</title><link>http://a/</link></item></channel></rss>""", "RSS 0.94")]
    [InlineData("""
        <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
        <rss version="0.91"><channel><title>T</title><item><title>A</title><link>http://a/</link></item></channel></rss>
        """, "RSS 0.91")]
    [InlineData("""
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
          <channel><title>T</title><link>http://a/</link></channel>
          <item><title>A</title><link>http://a/</link></item>
        </rdf:RDF>
        """, "RSS 0.90")]
    [InlineData("""
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
          <channel rdf:about="http://a/"><title>T</title><link>http://a/</link></channel>
          <item rdf:about="http://a/1"><title>A</title><link>http://a/</link></item>
        </rdf:RDF>
        """, "RSS 1.0")]
    [InlineData("""
        <feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
          <entry><title>A</title><link href="http://a/"/><id>urn:1</id><updated>2024-05-01T00:00:00Z</updated></entry>
        </feed>
        """, "Atom 1.0")]
    [InlineData("""
        <feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>T</title>
          <entry><title mode="escaped" type="text/html">&lt;i&gt;A&lt;/i&gt;</title><link rel="alternate" type="text/html" href="http://a/"/><issued>2024-05-01T00:00:00Z</issued></entry>
        </feed>
        """, "Atom 0.3")]
    [InlineData("""
        <CHANNEL HREF="http://a/"><TITLE>T</TITLE><ITEM HREF="http://a/"><TITLE>A</TITLE><ABSTRACT>x</ABSTRACT></ITEM></CHANNEL>
        """, "CDF")]
    [InlineData("""
        {"version":"https://jsonfeed.org/version/1.1","title":"T","home_page_url":"http://a/",
         "items":[{"id":"1","url":"http://a/","title":"A","content_html":"<p>正文</p>","date_published":"2024-05-01T00:00:00Z","authors":[{"name":"某人"}],"tags":["x"]}]}
        """, "JSON Feed 1.1")]
    public void Parse_EachFormat_FormatNamedAndOneEntryWithTitleAndLink(string body, string format)
    {
        var result = FeedParser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.True(result.IsSuccess, result.Problem);
        Assert.Equal(format, result.Feed!.Format);
        Assert.Equal("T", result.Feed.Title);
        var entry = Assert.Single(result.Feed.Entries);
        Assert.Equal("A", entry.Title);
        Assert.Equal("http://a/", entry.Link);
    }

    [Fact]
    public void Parse_AtomWithNestedXmlBaseAndTextTypes_LinksResolvedAndTextPlain()
    {
        const string atom = """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/blog/">
              <title type="html">&lt;b&gt;博客&lt;/b&gt;</title>
              <link href="./"/>
              <author><name>编辑部</name></author>
              <entry xml:base="2024/">
                <title type="text">1 &lt; 2</title>
                <link rel="self" href="self.xml"/>
                <link rel="alternate" href="post.html"/>
                <id>tag:example.org,2024:1</id>
                <published>2024-05-01T12:00:00+08:00</published>
                <updated>2024-05-02T12:00:00Z</updated>
                <summary type="html">&lt;p&gt;摘要&amp;amp;说明&lt;/p&gt;</summary>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>第一段</p><p>第二段</p></div></content>
                <category term="教育"/>
              </entry>
              <entry>
                <title>无链接</title>
                <link rel="alternate" href="/absolute-path"/>
                <content src="http://example.org/elsewhere"/>
              </entry>
            </feed>
            """;

        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(atom)).Feed!;

        Assert.Equal(("博客", "http://example.org/blog/"), (feed.Title, feed.Link));
        var first = feed.Entries[0];
        Assert.Equal("1 < 2", first.Title);
        Assert.Equal("http://example.org/blog/2024/post.html", first.Link);
        Assert.Equal("摘要&说明", first.Summary);
        Assert.Equal("第一段 第二段", first.Content);
        Assert.Equal("编辑部", first.Author);
        Assert.Equal(["教育"], first.Categories);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 4, 0, 0, TimeSpan.Zero), first.Published);
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 12, 0, 0, TimeSpan.Zero), first.Updated);
        Assert.Equal("http://example.org/absolute-path", feed.Entries[1].Link);
        Assert.Null(feed.Entries[1].Content);
    }

    [Fact]
    public void Parse_RelativeLinksWithoutBase_ResolvedAgainstTheAddressGiven()
    {
        var body = Encoding.UTF8.GetBytes("<rss version=\"2.0\"><channel><title>T</title><item><title>A</title><link>a/1.html</link></item></channel></rss>");

        Assert.Equal("a/1.html", FeedParser.Parse(body).Feed!.Entries[0].Link);
        Assert.Equal("http://news.example.cn/rss/a/1.html", FeedParser.Parse(body, address: new Uri("http://news.example.cn/rss/feed.xml")).Feed!.Entries[0].Link);
    }

    [Fact]
    public void Parse_JavascriptLink_Dropped()
    {
        var body = Encoding.UTF8.GetBytes("<rss version=\"2.0\"><channel><item><title>A</title><link>javascript:alert(document.cookie)</link></item></channel></rss>");

        Assert.Null(FeedParser.Parse(body).Feed!.Entries[0].Link);
    }

    private static byte[] Encode(string encoding, string text) => Encoding.GetEncoding(encoding).GetBytes(text);

    public static TheoryData<byte[], string?, string, string> Encodings() => new()
    {
        // body, Content-Type, expected encoding, expected title
        { Encode("gbk", """<?xml version="1.0" encoding="gb2312"?><rss version="2.0"><channel><title>关于做好舆情工作的通知</title></channel></rss>"""), null, "gb18030", "关于做好舆情工作的通知" },
        { Encode("gbk", """<?xml version="1.0" encoding="GBK"?><rss version="2.0"><channel><title>镕基·喆</title></channel></rss>"""), null, "gb18030", "镕基·喆" },
        { Encode("gbk", """<rss version="2.0"><channel><title>未声明编码的中文订阅</title></channel></rss>"""), null, "gb18030", "未声明编码的中文订阅" },
        { Encode("gbk", """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>声明错误的编码</title></channel></rss>"""), null, "gb18030", "声明错误的编码" },
        { Encode("gbk", """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>以 HTTP 头为准</title></channel></rss>"""), "text/xml; charset=GBK", "gb18030", "以 HTTP 头为准" },
        { Encode("big5", """<?xml version="1.0" encoding="big5"?><rss version="2.0"><channel><title>臺灣新聞網</title></channel></rss>"""), null, "big5", "臺灣新聞網" },
        { Encode("big5", """<rss version="2.0"><channel><title>香港特別行政區政府新聞公報：立法會會議</title></channel></rss>"""), null, "big5", "香港特別行政區政府新聞公報：立法會會議" },
        { Encode("big5", """<rss version="2.0"><channel><title>繁體字</title></channel></rss>"""), "application/rss+xml;charset='big5'", "big5", "繁體字" },
        { Encode("shift_jis", """<?xml version="1.0" encoding="Shift_JIS"?><rss version="2.0"><channel><title>日本語のニュース</title></channel></rss>"""), null, "shift_jis", "日本語のニュース" },
        { Encode("windows-1251", """<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Новости</title></channel></rss>"""), null, "windows-1251", "Новости" },
        { Encode("koi8-r", """<?xml version="1.0" encoding="koi8-r"?><rss version="2.0"><channel><title>Новости</title></channel></rss>"""), null, "koi8-r", "Новости" },
        { Encode("iso-8859-1", """<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>Einsätze</title></channel></rss>"""), null, "windows-1252", "Einsätze" },
        { [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="gbk"?><rss version="2.0"><channel><title>字节顺序标记优先</title></channel></rss>""")], null, "utf-8", "字节顺序标记优先" },
        { Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("""<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><title>UTF-16 小端</title></channel></rss>""")).ToArray(), null, "utf-16", "UTF-16 小端" },
        { Encoding.BigEndianUnicode.GetBytes("""<?xml version="1.0"?><rss version="2.0"><channel><title>UTF-16 大端无标记</title></channel></rss>"""), null, "utf-16BE", "UTF-16 大端无标记" },
        { new UTF32Encoding(false, false).GetBytes("""<rss version="2.0"><channel><title>UTF-32</title></channel></rss>"""), null, "utf-32", "UTF-32" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Parse_Encoding_DecodedAndNamed(byte[] body, string? contentType, string encoding, string title)
    {
        var result = FeedParser.Parse(body, contentType);

        Assert.True(result.IsSuccess, result.Problem);
        Assert.Equal(title, result.Feed!.Title);
        Assert.Equal(encoding, result.Feed.Encoding, ignoreCase: true);
    }

    [Fact]
    public void Parse_DeclaredUtf8ButGbkBytes_DecodedAsGb18030WithAWarning()
    {
        var result = FeedParser.Parse(Encode("gbk", """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>网站声明与实际不符</title></channel></rss>"""));

        Assert.Contains(result.Feed!.Warnings, w => w.Contains("与内容不符", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("illformed/chardet/gb2312.xml", null, "gb18030", "不归移民漫画系列：专业工作")]
    [InlineData("illformed/chardet/big5.xml", null, "big5", "我希望??很容易?其翻?成中文，并有助于改??件。 感?您??本文。")]
    [InlineData("encoding/http_application_atom_xml_gb2312_charset.xml", "application/atom+xml;charset='gb2312'", "gb18030", null)]
    [InlineData("encoding/http_application_atom_xml_gb2312_encoding.xml", "application/atom+xml", "gb18030", null)]
    [InlineData("encoding/big5.xml", null, "big5", null)]
    [InlineData("encoding/http_text_xml_charset.xml", "text/xml;charset= \"us-ascii\"", "us-ascii", null)]
    [InlineData("encoding/utf-16le-autodetect.xml", null, "utf-16", null)]
    [InlineData("encoding/utf-32be-bom.xml", null, "utf-32BE", null)]
    public void Parse_FeedParserEncodingCases_EncodingAsFeedparserExpects(string file, string? contentType, string encoding, string? title)
    {
        var result = FeedParser.Parse(File.ReadAllBytes(FeedTestData.FeedParserTests(file.Split('/'))), contentType);

        Assert.True(result.IsSuccess, result.Problem);
        Assert.Equal(encoding, result.Feed!.Encoding, ignoreCase: true);
        if (title is not null)
        {
            Assert.Equal(title, result.Feed.Entries.Count > 0 ? result.Feed.Entries[0].Title : result.Feed.Title);
        }
    }

    [Theory]
    [InlineData("Rss20CityDog.xml", "Новости - citydog.by", "utf-8")]
    [InlineData("Rss091Stadtfeuerwehr.xml", "Stadtfeuerwehr Weiz - Einsätze", "windows-1252")]
    [InlineData("AtomYoutubeInvestmentPunk.xml", "Investment Punk Academy by Gerald Hörhan", "utf-8")]
    public void Parse_RealWorldNonAsciiFeeds_ReadableTitle(string file, string title, string encoding)
    {
        var feed = FeedParser.Parse(File.ReadAllBytes(FeedTestData.FeedReaderFeed(file))).Feed!;

        Assert.Equal((title, encoding), (feed.Title, feed.Encoding));
        Assert.All(feed.Entries, e => Assert.DoesNotContain('\uFFFD', e.Title ?? ""));
    }

    [Fact]
    public void Parse_Gzipped_Decompressed()
    {
        var zipped = new MemoryStream();
        using (var gzip = new GZipStream(zipped, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Rss20));
        }

        var result = FeedParser.Parse(zipped.ToArray());

        Assert.True(result.IsSuccess, result.Problem);
        Assert.Equal(2, result.Feed!.Entries.Count);
    }

    [Fact]
    public void Parse_GzipBomb_RefusedAtTheLimitQuickly()
    {
        var zipped = new MemoryStream();
        using (var gzip = new GZipStream(zipped, CompressionLevel.Optimal, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
            {
                gzip.Write(zeros);
            }
        }

        var watch = Stopwatch.StartNew();
        var result = FeedParser.Parse(zipped.ToArray(), options: new FeedParserOptions { MaxBytes = 4 * 1024 * 1024 });

        Assert.False(result.IsSuccess);
        Assert.Contains("上限", result.Problem, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Parse_CorruptGzip_ClearError()
    {
        var result = FeedParser.Parse([0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02, 0x03]);

        Assert.Contains("gzip", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExternalEntity_NotRead()
    {
        var body = Encoding.UTF8.GetBytes("""
            <?xml version="1.0"?>
            <!DOCTYPE rss [
              <!ENTITY xxe SYSTEM "file:///etc/passwd">
              <!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd">
              %remote;
            ]>
            <rss version="2.0"><channel><title>T&xxe;</title><item><title>&xxe;</title><description>&xxe;</description></item></channel></rss>
            """);

        var result = FeedParser.Parse(body);

        var everything = System.Text.Json.JsonSerializer.Serialize(result);
        Assert.DoesNotContain("root:", everything, StringComparison.Ordinal);
        Assert.True(result.IsSuccess, result.Problem);
        Assert.StartsWith("T", result.Feed!.Title, StringComparison.Ordinal);
        Assert.Single(result.Feed.Entries);
    }

    [Fact]
    public void Parse_BillionLaughs_NotExpandedAndQuick()
    {
        var dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            dtd.Append(System.Globalization.CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? "" : i - 1)};", 10))}\">");
        }

        dtd.Append("]>");
        var body = Encoding.UTF8.GetBytes(dtd + "<rss version=\"2.0\"><channel><title>&lol9;</title><item><title>&lol9;&lol9;</title></item></channel></rss>");

        var watch = Stopwatch.StartNew();
        var result = FeedParser.Parse(body);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.True(result.IsSuccess, result.Problem);
        Assert.True(result.Feed!.Title!.Length < 100, result.Feed.Title);
    }

    [Fact]
    public void Parse_PlainInternalEntity_ExpandedOnTheForgivingPath()
    {
        var body = Encoding.UTF8.GetBytes("""<!DOCTYPE rss [<!ENTITY site "tag:example.com,">]><rss version="2.0"><channel><item><guid>&site;2006:/blog/</guid></item></channel></rss>""");

        var result = FeedParser.Parse(body);

        Assert.Equal("tag:example.com,2006:/blog/", result.Feed!.Entries[0].Id);
        Assert.True(result.Feed.IsBestEffort);
    }

    [Fact]
    public void Parse_QuadraticBlowup_NotExpanded()
    {
        var big = new string('a', 50_000);
        var body = Encoding.UTF8.GetBytes($"<!DOCTYPE rss [<!ENTITY a \"{big}\">]><rss version=\"2.0\"><channel><item><title>{string.Concat(Enumerable.Repeat("&a;", 5_000))}</title></item></channel></rss>");

        var result = FeedParser.Parse(body);

        Assert.True(result.Feed!.Entries[0].Title!.Length < 100_000);
    }

    [Fact]
    public void Parse_DeeplyNestedMarkup_NoStackOverflow()
    {
        var depth = 20_000;
        var body = Encoding.UTF8.GetBytes("<rss version=\"2.0\"><channel><item><title>深</title><description>"
            + string.Concat(Enumerable.Repeat("<div>", depth)) + "文字" + string.Concat(Enumerable.Repeat("</div>", depth))
            + "</description></item></channel></rss>");

        var result = FeedParser.Parse(body);

        Assert.True(result.IsSuccess, result.Problem);
        Assert.Equal("文字", result.Feed!.Entries[0].Summary);
    }

    [Fact]
    public void Parse_MoreEntriesThanTheCap_CappedWithAWarning()
    {
        var items = string.Concat(Enumerable.Range(0, 120).Select(i => $"<item><title>{i}</title></item>"));
        var result = FeedParser.Parse(Encoding.UTF8.GetBytes($"<rss version=\"2.0\"><channel>{items}</channel></rss>"), options: new FeedParserOptions { MaxEntries = 100 });

        Assert.Equal(100, result.Feed!.Entries.Count);
        Assert.Contains(result.Feed.Warnings, w => w.Contains("100", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_DefaultEntryCap_TenThousand()
    {
        var items = string.Concat(Enumerable.Repeat("<item><title>x</title></item>", 10_050));

        var result = FeedParser.Parse(Encoding.UTF8.GetBytes($"<rss version=\"2.0\"><channel>{items}</channel></rss>"));

        Assert.Equal(10_000, result.Feed!.Entries.Count);
    }

    [Fact]
    public void Parse_BodyOverTheSizeLimit_Refused()
    {
        var result = FeedParser.Parse(new byte[2048], options: new FeedParserOptions { MaxBytes = 1024 });

        Assert.Contains("内容过大", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "内容为空")]
    [InlineData("  \r\n ", "内容为空")]
    [InlineData("<!DOCTYPE html><html><head><title>首页</title><meta charset=utf-8></head><body><p>欢迎</body></html>", "不是可识别的 RSS/Atom 订阅：根元素是 <html>")]
    [InlineData("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>", "不是可识别的 RSS/Atom 订阅：根元素是 <html>")]
    [InlineData("<opml version=\"2.0\"><body/></opml>", "不是可识别的 RSS/Atom 订阅：根元素是 <opml>")]
    [InlineData("服务器错误 502 Bad Gateway", "XML 第 1 行第 1 列：根级别的数据无效，内容不是 XML")]
    [InlineData("<!-- 只有注释 -->", "没有根元素")]
    [InlineData("{\"data\":[1,2,3]}", "不是可识别的订阅：JSON 内容不是 JSON Feed")]
    [InlineData("{\"version\":\"https://jsonfeed.org/version/1.1\",", "JSON 第 1 行")]
    public void Parse_NotAFeed_ChineseProblem(string body, string problem)
    {
        var result = FeedParser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.False(result.IsSuccess);
        Assert.Contains(problem, result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<rss version=\"2.0\"><channel><title>caf&eacute;&nbsp;&amp; co &copy;</title><item><title>A &amp B</title></item></channel></rss>", "café & co ©", "A & B")]
    [InlineData("<rss version=\"2.0\"><channel><title>T</title><item><title>前缀</title><dc:creator>未声明</dc:creator></item></channel></rss>", "T", "前缀")]
    [InlineData("<rss version=\"2.0\"><channel><title>T</title><item><title>截断</title><link>http://a/</link></item><item><title>第二", "T", "截断")]
    [InlineData("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item><title>控制\u0001字符</title></item></channel></rss>", "T", "控制字符")]
    [InlineData("<rss version=\"2.0\"><channel><title>T</title><item><title>未闭合<b>粗体</title></item></channel></rss>", "T", "未闭合粗体")]
    public void Parse_IllFormedButFeedLike_BestEffortWithAWarning(string body, string feedTitle, string entryTitle)
    {
        var result = FeedParser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.True(result.IsSuccess, result.Problem);
        Assert.Equal(feedTitle, result.Feed!.Title);
        Assert.Equal(entryTitle, result.Feed.Entries[0].Title);
    }

    [Fact]
    public void Parse_HtmlEntityInXml_BestEffortAndNamesTheLine()
    {
        var result = FeedParser.Parse(Encoding.UTF8.GetBytes("<rss version=\"2.0\">\n<channel>\n<title>a&nbsp;b</title></channel></rss>"));

        Assert.True(result.Feed!.IsBestEffort);
        Assert.Contains(result.Feed.Warnings, w => w.Contains("XML 第 3 行", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_FeedParserJsonExample_TwoItemsWithScriptRemoved()
    {
        var feed = FeedParser.Parse(File.ReadAllBytes(FeedTestData.FeedParserTests("json", "example.json"))).Feed!;

        Assert.Equal(("JSON Feed 1.0", "My Example Feed", 2), (feed.Format, feed.Title, feed.Entries.Count));
        Assert.Equal(["test", "JSON"], feed.Entries[0].Categories);
        Assert.Equal("me", feed.Entries[0].Author);
        Assert.Equal(("you", "Hello, world!", "https://example.org/initial-post"), (feed.Entries[1].Author, feed.Entries[1].Content, feed.Entries[1].Link));
    }

    [Fact]
    public void Parse_DeeplyNestedUnclosedMarkup_ForgivingPathStaysQuick()
    {
        var body = Encoding.UTF8.GetBytes("<rss version=\"2.0\"><channel><item><title>深&nbsp;</title><description>"
            + string.Concat(Enumerable.Repeat("<div>", 50_000)) + "文字</description></item></channel></rss>");

        var watch = Stopwatch.StartNew();
        var result = FeedParser.Parse(body);

        Assert.True(result.IsSuccess, result.Problem);
        Assert.True(result.Feed!.IsBestEffort);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("<script>")]
    [InlineData("<!--")]
    [InlineData("<a href=\"x ")]
    public void Parse_ManyUnclosedConstructs_LinearTime(string unit)
    {
        var many = string.Concat(Enumerable.Repeat(unit, 200_000));
        var bodies = new[]
        {
            $"<rss version=\"2.0\"><channel><item><title>T</title><description><![CDATA[{many}]]></description></item></channel></rss>",
            $"<rss version=\"2.0\"><channel><item><title>T&nbsp;</title><description>{many}</description></item></channel></rss>",
        };

        foreach (var body in bodies)
        {
            var watch = Stopwatch.StartNew();
            var result = FeedParser.Parse(Encoding.UTF8.GetBytes(body));

            Assert.True(result.IsSuccess, result.Problem);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"{unit}: took {watch.Elapsed}");
        }
    }

    [Fact]
    public void Parse_MutatedFeeds_NeverThrowAndStayQuick()
    {
        var original = Encoding.UTF8.GetBytes(Rss20);
        var random = new Random(20240501);
        byte[] noise = [(byte)'<', (byte)'>', (byte)'&', (byte)'/', (byte)'"', (byte)';', 0, 0xE4, 0xFF, (byte)']'];
        var watch = Stopwatch.StartNew();
        for (var round = 0; round < 500; round++)
        {
            var body = original[..random.Next(original.Length + 1)];
            for (var flips = random.Next(6); flips > 0 && body.Length > 0; flips--)
            {
                body[random.Next(body.Length)] = noise[random.Next(noise.Length)];
            }

            var result = FeedParser.Parse(body);

            Assert.True(result.IsSuccess || !string.IsNullOrEmpty(result.Problem), $"round {round}: neither a feed nor a problem");
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }
}
