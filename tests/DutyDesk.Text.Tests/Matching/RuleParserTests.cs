using DutyDesk.Text.Matching;

namespace DutyDesk.Text.Tests.Matching;

public sealed class RuleParserTests
{
    [Theory]
    [InlineData("武汉", "武汉")]
    [InlineData("武汉 AND 疫情", "(武汉 & 疫情)")]
    [InlineData("a OR b AND c", "(a | (b & c))")]
    [InlineData("NOT a AND b", "(!a & b)")]
    [InlineData("a AND NOT NOT b", "(a & !!b)")]
    [InlineData("(a OR b) AND c", "((a | b) & c)")]
    [InlineData("a or b and not c", "(a | (b & !c))")]
    [InlineData("武汉 与 （肺炎 或 疫情） 与 非 谣言", "((武汉 & (肺炎 | 疫情)) & !谣言)")]
    [InlineData("\"New York\" AND \"and\"", "(new york & and)")]
    [InlineData("“新型 冠状病毒”", "新型 冠状病毒")]
    [InlineData("ＷＨＯ OR Ｎ95", "(who | n95)")]
    [InlineData("武汉 NEAR/10 封城", "near(武汉, 封城, 10)")]
    [InlineData("a NEAR/1 \"b c\" OR d", "(near(a, b c, 1) | d)")]
    [InlineData("a near/1000 b", "near(a, b, 1000)")]
    [InlineData("a OR b OR c", "((a | b) | c)")]
    public void Parse_ValidExpression_BuildsTreeWithPrecedence(string expression, string expected)
        => Assert.Equal(expected, Show(RuleParser.Parse(expression).Root));

    [Theory]
    [InlineData("", 1, "表达式为空")]
    [InlineData("   ", 1, "表达式为空")]
    [InlineData("(武汉 AND 疫情", 11, "第 11 个字符处缺少右括号")]
    [InlineData("((a)", 5, "缺少右括号")]
    [InlineData("a)", 2, "右括号没有对应的左括号")]
    [InlineData("()", 2, "括号内缺少表达式")]
    [InlineData("a AND", 3, "AND 后缺少词")]
    [InlineData("a OR OR b", 3, "OR 后缺少词")]
    [InlineData("AND a", 1, "AND 前缺少词")]
    [InlineData("a AND (b OR)", 10, "OR 后缺少词")]
    [InlineData("NOT", 1, "NOT 后缺少词")]
    [InlineData("a b", 3, "缺少运算符")]
    [InlineData("a NOT b", 3, "AND NOT")]
    [InlineData("a & b", 3, "无法识别“&”")]
    [InlineData("a || b", 3, "无法识别“|”")]
    [InlineData("\"武汉", 1, "引号没有闭合")]
    [InlineData("\"  \"", 1, "引号内没有内容")]
    [InlineData("a NEAR b", 3, "NEAR 缺少距离")]
    [InlineData("a NEAR/ b", 3, "NEAR/ 后缺少距离")]
    [InlineData("a NEAR/x b", 8, "不是整数")]
    [InlineData("a NEAR/0 b", 8, "超出范围")]
    [InlineData("a NEAR/1001 b", 8, "超出范围")]
    [InlineData("a NEAR/99999999999 b", 8, "超出范围")]
    [InlineData("a NEAR/5", 9, "右侧的词")]
    [InlineData("a NEAR/5 (b)", 10, "右侧的词")]
    [InlineData("(a) NEAR/5 b", 5, "两侧只能是词")]
    [InlineData("NEAR/5 b", 1, "左侧缺少词")]
    [InlineData("\u200B", 1, "规范化后为空")]
    public void Parse_InvalidExpression_ThrowsWithPosition(string expression, int position, string fragment)
    {
        var error = Assert.Throws<RuleSyntaxException>(() => RuleParser.Parse(expression));
        Assert.Equal(position, error.Position);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        if (position > 1 || !error.Message.StartsWith("表达式", StringComparison.Ordinal))
        {
            Assert.StartsWith($"第 {position} 个字符处", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TryParse_Invalid_ReturnsFalseWithError()
    {
        Assert.False(RuleParser.TryParse("(a", out var rule, out var error));
        Assert.Null(rule);
        Assert.Equal("第 3 个字符处缺少右括号（与第 1 个字符处的左括号配对）。", error!.Message);
    }

    [Fact]
    public void Words_Expression_DistinctWordsAndPositiveOnes()
    {
        var rule = RuleParser.Parse("(武汉 OR 湖北) AND 疫情 AND NOT (谣言 OR 武汉) AND 口罩 NEAR/3 价格");
        Assert.Equal(["武汉", "湖北", "疫情", "谣言", "口罩", "价格"], rule.Words);
        Assert.Equal(["武汉", "湖北", "疫情", "口罩", "价格"], rule.PositiveWords);
    }

    internal static string Show(RuleNode node) => node switch
    {
        WordNode w => w.Word,
        AndNode a => $"({Show(a.Left)} & {Show(a.Right)})",
        OrNode o => $"({Show(o.Left)} | {Show(o.Right)})",
        NotNode n => "!" + Show(n.Operand),
        NearNode n => $"near({n.Left}, {n.Right}, {n.Distance})",
        _ => throw new ArgumentException("unknown node", nameof(node)),
    };
}
