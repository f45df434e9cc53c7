using System.Text.Json;
using DutyDesk.Web.Cli;

namespace DutyDesk.Integration.Tests;

/// <summary>`dutydesk text analyze`: the text pipeline on one's own data, one JSON object per text.</summary>
public sealed class TextCommandLineTests
{
    private const string Schemes = """
        [{"id":"学校舆情","subjects":["第一中学","校园网"],"events":["负面","不满"]},
         {"id":"食堂","expression":"食堂 AND (好吃 OR 难吃)"}]
        """;

    [Fact]
    public async Task Analyze_LinesWithSchemes_SentimentSchemesFingerprintAndNearDuplicateGroup()
    {
        var schemes = await WriteAsync(Schemes);
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await TextAnalyzer.RunAsync(
            new StringReader("校园网出现大量负面评论，家长非常不满意\n\n第一中学食堂饭菜很好吃，服务也不错\r\n校园网出现大量负面评论，家长非常不满意！！\n"),
            output, error, schemes);

        Assert.Equal(0, exit);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal("negative", lines[0].GetProperty("sentiment").GetProperty("label").GetString());
        Assert.Equal("positive", lines[1].GetProperty("sentiment").GetProperty("label").GetString());
        Assert.Equal(["学校舆情"], lines[0].GetProperty("schemes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["食堂"], lines[1].GetProperty("schemes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(16, lines[0].GetProperty("fingerprint").GetString()!.Length);
        Assert.Equal(lines[0].GetProperty("nearDuplicateGroup").GetInt64(), lines[2].GetProperty("nearDuplicateGroup").GetInt64());
        Assert.NotEqual(lines[0].GetProperty("nearDuplicateGroup").GetInt64(), lines[1].GetProperty("nearDuplicateGroup").GetInt64());
        Assert.Equal("校园网出现大量负面评论,家长非常不满意", lines[0].GetProperty("normalized").GetString());
    }

    [Fact]
    public async Task Analyze_CsvWithTextColumn_ReadsTheColumnIncludingQuotedLineBreaks()
    {
        var output = new StringWriter();

        var exit = await TextAnalyzer.RunAsync(new StringReader("id,text\n1,\"第一行\n第二行\"\n2,服务很好\n"), output, new StringWriter(), schemesPath: null);

        Assert.Equal(0, exit);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"normalized\":\"第一行 第二行\"", lines[0], StringComparison.Ordinal); // one text, its line break kept as a space
    }

    [Fact]
    public async Task Analyze_TraditionalPost_MatchesSimplifiedKeywordAndNormalisedIsSimplified()
    {
        var schemes = await WriteAsync("""[{"id":"学校舆情","subjects":["第一中学"],"events":["头发"]}]""");
        var output = new StringWriter();

        var exit = await TextAnalyzer.RunAsync(new StringReader("第一中學強制學生剪頭髮\n第一中学强制学生剪头发\n"), output, new StringWriter(), schemes);

        Assert.Equal(0, exit);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(lines, line => Assert.Equal(["学校舆情"], line.GetProperty("schemes").EnumerateArray().Select(e => e.GetString())));
        Assert.All(lines, line => Assert.Equal("第一中学强制学生剪头发", line.GetProperty("normalized").GetString()));
    }

    [Theory]
    [InlineData("""[{"id":"坏","expression":"食堂 AND (好吃"}]""", "方案“坏”有误", "右括号")]
    [InlineData("""[{"id":"空"}]""", "方案“空”有误", "主体词")]
    [InlineData("not json", "无法读取", "")]
    [InlineData("[]", "没有方案", "")]
    public async Task Analyze_BadSchemeFile_ChineseErrorNamingTheSchemeAndNothingWritten(string file, string expected, string reason)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await TextAnalyzer.RunAsync(new StringReader("食堂很好吃\n"), output, error, await WriteAsync(file));

        Assert.Equal(65, exit);
        Assert.Equal("", output.ToString());
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
        Assert.Contains(reason, error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<string> WriteAsync(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dd-schemes-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, content);
        return path;
    }
}
