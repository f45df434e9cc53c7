using CsCheck;
using DutyDesk.Text.Matching;

namespace DutyDesk.Text.Tests.Matching;

public sealed class SchemeMatcherTests
{
    private static readonly MatchRule Grouped = MatchRule.FromGroups(["新冠", "肺炎"], ["武汉", "湖北"], ["封城", "隔离"], ["谣言"]);

    [Theory]
    [InlineData("武汉封城，新冠肺炎", true)]
    [InlineData("湖北隔离肺炎病人", true)]
    [InlineData("武汉封城", false)]
    [InlineData("新冠 湖北", false)]
    [InlineData("新冠 封城", false)]
    [InlineData("武汉封城新冠是谣言", false)]
    [InlineData("", false)]
    public void Match_GroupForm_SubjectAndRegionAndEventButNoExclusion(string text, bool expected)
        => Assert.Equal(expected, new SchemeMatcher([Grouped]).Match(TextNormalizer.Key(text)).SchemeIds.Count == 1);

    [Theory]
    [InlineData("口罩涨价", true)]
    [InlineData("口罩", true)]
    [InlineData("口罩是谣言", false)]
    [InlineData("涨价", false)]
    public void Match_GroupFormWithEmptyGroups_OnlySubjectAndExclusionCount(string text, bool expected)
    {
        var rule = MatchRule.FromGroups(["口罩"], [], [" "], ["谣言"]);
        Assert.Equal(expected, new SchemeMatcher([rule]).Match(text).SchemeIds.Count == 1);
    }

    [Theory]
    [InlineData("臺灣", "台湾大学宿舍")]
    [InlineData("台湾", "臺灣大學宿舍")]
    [InlineData("\"臺灣大學\" AND 宿舍", "台湾大学宿舍")]
    [InlineData("台湾 NEAR/2 宿舍", "臺灣大學宿舍")]
    public void Match_TraditionalOnEitherSide_FoldedToSimplifiedAndMatches(string expression, string text)
        => Assert.Single(new SchemeMatcher([MatchRule.Parse(expression)]).Match(TextNormalizer.Fold(text)).SchemeIds);

    [Fact]
    public void Match_TraditionalGroupWord_FoldedToSimplified()
        => Assert.Single(new SchemeMatcher([MatchRule.FromGroups(["學校"], events: ["頭髮"])]).Match(TextNormalizer.Fold("学校规定头发长度")).SchemeIds);

    [Fact]
    public void FromGroups_NoSubject_Throws()
        => Assert.Throws<ArgumentException>(() => MatchRule.FromGroups([" ", ""], ["武汉"]));

    [Theory]
    [InlineData("口罩价格翻倍", true)]
    [InlineData("口罩12345价格", true)]
    [InlineData("口罩123456价格", false)]
    [InlineData("价格1口罩", true)]
    public void Match_Near_WithinDistanceChars(string text, bool expected)
        => Assert.Equal(expected, new SchemeMatcher([RuleParser.Parse("口罩 NEAR/5 价格")]).Match(text).SchemeIds.Count == 1);

    [Fact]
    public void Match_RuleTrueWithoutWords_StillEvaluated()
    {
        var matcher = new SchemeMatcher([RuleParser.Parse("NOT 谣言"), RuleParser.Parse("武汉")]);
        Assert.Equal([0], matcher.Match("今天天气").SchemeIds);
        Assert.Equal([1], matcher.Match("武汉谣言").SchemeIds);
    }

    [Fact]
    public void Match_Highlights_OnlyWordsOfMatchedSchemesOutsideNot()
    {
        var matcher = new SchemeMatcher([RuleParser.Parse("武汉 AND NOT 谣言"), RuleParser.Parse("口罩 AND NOT 武汉"), RuleParser.Parse("疫情 OR 肺炎")]);
        var result = matcher.Match("武汉疫情，口罩");
        Assert.Equal([0, 2], result.SchemeIds);
        Assert.Equal(["武汉", "疫情"], result.Highlights.Select(h => "武汉疫情，口罩"[h.Start..h.End]));
    }

    [Fact]
    public void Match_ReusedResult_SameAsFresh()
    {
        var matcher = new SchemeMatcher([Grouped, RuleParser.Parse("口罩")]);
        var result = matcher.CreateResult();
        matcher.Match("武汉封城新冠", result);
        Assert.Equal([0], result.SchemeIds);
        matcher.Match("口罩", result);
        Assert.Equal([1], result.SchemeIds);
        Assert.Throws<ArgumentException>(() => new SchemeMatcher([Grouped]).Match("口罩", result));
    }

    [Fact]
    public void Match_RandomSchemesAndTexts_EqualsNaiveEvaluation()
        => Gen.Int.Select(Gen.Char["ab武汉疫x"].Array[0, 80]).Sample((seed, chars) =>
        {
            var random = new Random(seed);
            var rules = Enumerable.Range(0, random.Next(1, 30)).Select(_ => RandomRule(random)).ToList();
            var text = new string(chars);
            var matcher = new SchemeMatcher(rules, maxDenseBytes: random.Next(2) == 0 ? 0 : KeywordAutomaton.DefaultMaxDenseBytes);
            var expected = Enumerable.Range(0, rules.Count).Where(s => Naive(rules[s].Root, text)).ToList();
            Assert.Equal(expected, matcher.Match(text).SchemeIds);
        }, iter: 500);

    private static MatchRule RandomRule(Random random)
    {
        string Word() => new([.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => "ab武汉疫"[random.Next(5)])]);
        string[] Words(int max) => [.. Enumerable.Range(0, random.Next(max + 1)).Select(_ => Word())];
        if (random.Next(3) == 0)
        {
            return MatchRule.FromGroups([Word(), .. Words(2)], Words(2), Words(2), Words(1));
        }

        string Expression(int depth) => (depth > 2 ? 0 : random.Next(6)) switch
        {
            0 => Word(),
            1 => $"({Expression(depth + 1)} AND {Expression(depth + 1)})",
            2 => $"({Expression(depth + 1)} OR {Expression(depth + 1)})",
            3 => $"NOT {Expression(depth + 1)}",
            4 => $"{Word()} NEAR/{random.Next(1, 6)} {Word()}",
            _ => $"{Expression(depth + 1)} OR {Expression(depth + 1)} AND NOT {Expression(depth + 1)}",
        };
        return RuleParser.Parse(Expression(0));
    }

    private static bool Naive(RuleNode node, string text) => node switch
    {
        WordNode w => text.Contains(w.Word, StringComparison.Ordinal),
        AndNode a => Naive(a.Left, text) && Naive(a.Right, text),
        OrNode o => Naive(o.Left, text) || Naive(o.Right, text),
        NotNode n => !Naive(n.Operand, text),
        NearNode n => Occurrences(n.Left, text).Any(l => Occurrences(n.Right, text).Any(r => r != l && SchemeGap(l, r) <= n.Distance)),
        _ => throw new ArgumentException("unknown node", nameof(node)),
    };

    private static int SchemeGap((int Start, int End) a, (int Start, int End) b) => Math.Max(b.Start - a.End, a.Start - b.End);

    private static IEnumerable<(int Start, int End)> Occurrences(string word, string text)
        => KeywordAutomatonTests.NaiveHits([word], text).Select(h => (h.Start, h.End));
}
