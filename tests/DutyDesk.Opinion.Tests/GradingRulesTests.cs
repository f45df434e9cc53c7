using DutyDesk.Opinion.Domain;

namespace DutyDesk.Opinion.Tests;

public sealed class GradingRulesTests
{
    private static GradingInput Input(int general = 50, int larger = 100, int dozens = 24, int fast = 20, string[]? words = null, string[]? domains = null)
        => new(general, larger, dozens, fast, words ?? ["招生"], ["伤亡"], domains ?? ["people.com.cn"]);

    [Theory]
    [InlineData("people.com.cn", true)]
    [InlineData("edu.people.com.cn", true)]
    [InlineData("xn--fiqs8s.cn", true)]
    [InlineData("人民网.中国", true)]
    [InlineData("news.cn", true)]
    [InlineData("x", false)]
    [InlineData("http://x", false)]
    [InlineData("https://news.cn", false)]
    [InlineData("news.cn/politics", false)]
    [InlineData("news.cn:80", false)]
    [InlineData("-bad.cn", false)]
    [InlineData("a..cn", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("news .cn", false)]
    public void IsHostName_Entry_Expected(string entry, bool expected) => Assert.Equal(expected, GradingRules.IsHostName(entry));

    public static TheoryData<string, GradingInput, string, string> Invalid => new()
    {
        { "zero threshold", Input(general: 0), "generalUpTo", "“一般（Ⅳ级）上限”须为不小于 1 的整数（现为 0）。" },
        { "negative fast spread", Input(fast: -3), "fastSpreadItemsPerHour", "“快速传播（条/小时）”须为不小于 1 的整数（现为 -3）。" },
        { "general not below larger", Input(general: 120, larger: 100), "largerFrom", "“较大（Ⅲ级）起点”（100）须大于“一般（Ⅳ级）上限”（120）。" },
        { "word too long", Input(words: ["招生", "", new string('长', 51)]), "keyAreaWords", $"“重点领域词”第 3 行 “{new string('长', 51)}” 超过 50 个字。" },
        { "too many words", Input(words: [.. Enumerable.Range(1, 501).Select(i => $"词{i}")]), "keyAreaWords", "“重点领域词”有 501 个，最多 500 个。" },
        { "domain with scheme", Input(domains: ["people.com.cn", "news.cn", "http://x"]), "mainstreamDomains", "“主流媒体域名”第 3 行 “http://x” 不是域名：只写域名，如 people.com.cn，不带 http:// 和路径。" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_Invalid_FieldAndChineseMessage(string scenario, GradingInput input, string field, string message)
    {
        var result = GradingRules.Validate(input);

        Assert.False(result.IsSuccess, scenario);
        Assert.Equal((field, message), (result.Error!.Field, result.Error.Message));
    }

    [Fact]
    public void Validate_ListsWithSpacesCaseAndRepeats_TrimmedAndDeduplicated()
    {
        var result = GradingRules.Validate(Input(words: [" 招生 ", "", "招生", "ＡＢＣ", "abc", "食堂"], domains: [" People.COM.cn ", "people.com.cn", "", "news.cn"]));

        Assert.Equal(["招生", "ＡＢＣ", "食堂"], result.Value.KeyAreaWords);
        Assert.Equal(["people.com.cn", "news.cn"], result.Value.MainstreamDomains);
    }

    [Theory]
    [InlineData(50, 100, "一般与较大之间留有 51–99 的空档，介于其间的事件按一般提出并提示人工确认。")]
    [InlineData(50, 52, "一般与较大之间留有 51 的空档，介于其间的事件按一般提出并提示人工确认。")]
    [InlineData(50, 51, null)]
    public void Gap_Thresholds_WarningOnlyWhenNumbersBetween(int general, int larger, string? expected)
        => Assert.Equal(expected, GradingRules.Gap(new GradingOptions { GeneralUpTo = general, LargerFrom = larger }));

    [Fact]
    public void Lines_TextWithCrLfAndBlankLines_LineNumbersKept()
        => Assert.Equal(["a", "", "b"], GradingRules.Lines("a\r\n\r\nb"));
}
