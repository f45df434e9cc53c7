using System.Text;
using System.Text.Json;
using DutyDesk.Web.Cli;

namespace DutyDesk.Integration.Tests;

/// <summary>`dutydesk feeds parse FILE`: a saved feed body as indented JSON, or the reason it is not a feed.</summary>
public sealed class FeedsCommandLineTests
{
    static FeedsCommandLineTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public async Task Parse_GbkFeed_IndentedJsonWithReadableChinese()
    {
        var file = await WriteAsync(Encoding.GetEncoding("gbk").GetBytes("""
            <?xml version="1.0" encoding="gb2312"?>
            <rss version="2.0"><channel><title>市政府新闻</title><link>http://www.example.gov.cn/</link>
            <item><title>关于开展安全检查的通知</title><link>/xw/1.html</link><pubDate>2024-05-01 09:00:00</pubDate></item>
            </channel></rss>
            """));
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await FeedsCommand.RunAsync([file], output, error);

        Assert.Equal(0, exit);
        Assert.Equal("", error.ToString());
        Assert.Contains("\n  \"format\": \"RSS 2.0\"", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("关于开展安全检查的通知", output.ToString(), StringComparison.Ordinal); // not \u escaped
        var feed = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal("gb18030", feed.GetProperty("encoding").GetString());
        var entry = feed.GetProperty("entries")[0];
        Assert.Equal("http://www.example.gov.cn/xw/1.html", entry.GetProperty("link").GetString());
        Assert.Equal("2024-05-01T09:00:00+08:00", entry.GetProperty("published").GetString());
    }

    [Fact]
    public async Task Parse_ContentTypeAndAddressOptions_CharsetAndBaseUsed()
    {
        var file = await WriteAsync(Encoding.GetEncoding("big5").GetBytes("""<rss version="2.0"><channel><item><title>新聞稿</title><link>a.html</link></item></channel></rss>"""));
        var output = new StringWriter();

        var exit = await FeedsCommand.RunAsync([file, "--content-type", "text/xml; charset=big5", "--address", "https://news.example.hk/rss/"], output, new StringWriter());

        Assert.Equal(0, exit);
        var entry = JsonDocument.Parse(output.ToString()).RootElement.GetProperty("entries")[0];
        Assert.Equal(("新聞稿", "https://news.example.hk/rss/a.html"), (entry.GetProperty("title").GetString(), entry.GetProperty("link").GetString()));
    }

    [Theory]
    [InlineData("<html><body>维护中</body></html>", "根元素是 <html>")]
    [InlineData("", "内容为空")]
    public async Task Parse_NotAFeed_ChineseReasonOnStderrAndExit65(string body, string reason)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await FeedsCommand.RunAsync([await WriteAsync(Encoding.UTF8.GetBytes(body))], output, error);

        Assert.Equal(65, exit);
        Assert.Equal("", output.ToString());
        Assert.Contains(reason, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_MissingFile_Exit66()
    {
        var error = new StringWriter();

        var exit = await FeedsCommand.RunAsync([Path.Combine(Path.GetTempPath(), $"dd-missing-{Guid.NewGuid():N}.xml")], new StringWriter(), error);

        Assert.Equal(66, exit);
        Assert.Contains("文件不存在", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_NoFile_Usage64()
        => Assert.Equal(64, await FeedsCommand.RunAsync([], new StringWriter(), new StringWriter()));

    [Fact]
    public void IsVerb_FeedsParse_Recognised()
        => Assert.True(CommandLine.IsVerb(["feeds", "parse", "x.xml"]));

    private static async Task<string> WriteAsync(byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dd-feed-{Guid.NewGuid():N}.xml");
        await File.WriteAllBytesAsync(path, content);
        return path;
    }
}
