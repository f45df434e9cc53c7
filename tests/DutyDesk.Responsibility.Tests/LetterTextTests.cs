using DutyDesk.Responsibility.Domain;

namespace DutyDesk.Responsibility.Tests;

public class LetterTextTests
{
    private static readonly LetterContent Default = LetterTemplate.Default;

    public static TheoryData<string> Circumstances => [.. AccountabilityCatalog.Circumstances.Select(c => c.Text)];

    public static TheoryData<string> Measures => [.. AccountabilityCatalog.Measures];

    public static TheoryData<string> DutyAreas => [.. AccountabilityCatalog.DutyAreas];

    [Theory]
    [MemberData(nameof(Circumstances))]
    public void DefaultTemplate_Accountability_ContainsEachOfTheThirteenCircumstances(string circumstance)
        => Assert.Contains(circumstance, Default.Accountability, StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Measures))]
    public void DefaultTemplate_Assessment_ContainsEachOfTheSevenMeasures(string measure)
        => Assert.Contains(measure, Default.Assessment, StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(DutyAreas))]
    public void DefaultTemplate_Responsibilities_ContainsEachDutyArea(string area)
        => Assert.Contains(area, Default.Responsibilities, StringComparison.Ordinal);

    [Fact]
    public void DefaultTemplate_Catalog_HasThirteenCircumstancesAndSevenMeasuresNumbered()
    {
        Assert.Equal(13, AccountabilityCatalog.Circumstances.Count);
        Assert.Equal(7, AccountabilityCatalog.Measures.Count);
        Assert.Contains("13．" + AccountabilityCatalog.Circumstances[12].Text, Default.Accountability, StringComparison.Ordinal);
        Assert.Contains("7．一票否决", Default.Assessment, StringComparison.Ordinal);
        Assert.Contains("（七）" + AccountabilityCatalog.DutyAreas[6], Default.Responsibilities, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("集体责任")]
    [InlineData("个人责任")]
    [InlineData("主要领导责任")]
    [InlineData("重要领导责任")]
    [InlineData("明确表示反对并记录在案")]
    [InlineData("不承担领导责任")]
    public void DefaultTemplate_Accountability_StatesTheRulesOfResponsibility(string rule)
        => Assert.Contains(rule, Default.Accountability, StringComparison.Ordinal);

    [Fact]
    public void ForUnitAndYear_DefaultTemplate_AssessmentPeriodIsTheWholeYear()
    {
        var letter = LetterText.ForUnitAndYear(Default, "第一中学", 2026);

        Assert.Contains("2026年1月1日至2026年12月31日", letter.Assessment, StringComparison.Ordinal);
        Assert.Equal("第一中学2026年度意识形态工作目标管理责任书", letter.Title);
        Assert.Contains("发文单位：第一中学", letter.Header, StringComparison.Ordinal);
        Assert.DoesNotContain(LetterText.UnitField, string.Concat(letter.Title, letter.Header, letter.Responsibilities, letter.Accountability, letter.Assessment, letter.Closing), StringComparison.Ordinal);
        Assert.Contains(LetterText.PostField, letter.Header, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderFor_Signer_FillsPostAndNameAndLaysOutTheParts()
    {
        var content = new LetterContent("标题", "责任人职务：{职务}，{签署人}", "甲", "乙", "丙", "结尾");

        var text = LetterText.RenderFor(content, "班子成员", "赵敏");

        Assert.Equal("标题\n责任人职务：班子成员，赵敏\n一、具体责任\n甲\n二、责任追究\n乙\n三、考核评价\n丙\n结尾\n签署人：班子成员\u3000赵敏", text);
    }

    [Fact]
    public void RenderFor_TwoSigners_DifferentTexts()
    {
        var content = LetterText.ForUnitAndYear(Default, "第一中学", 2026);

        Assert.NotEqual(SignatureCheck.Hash(LetterText.RenderFor(content, "党组书记", "刘志强")), SignatureCheck.Hash(LetterText.RenderFor(content, "班子成员", "赵敏")));
    }

    [Theory]
    [InlineData("a\r\nb", "a\nb")]
    [InlineData("  a\rb \n", "a\nb")]
    [InlineData("a \nb", "a \nb")]
    public void Normalise_Text_LfLineEndingsAndTrimmedEnds(string input, string expected)
        => Assert.Equal(expected, LetterText.Normalise(input));

    [Theory]
    [InlineData(1, "一")]
    [InlineData(7, "七")]
    [InlineData(10, "十")]
    [InlineData(13, "十三")]
    [InlineData(20, "二十")]
    [InlineData(99, "九十九")]
    public void ChineseNumber_Number_OfficialNumeral(int number, string expected) => Assert.Equal(expected, LetterText.ChineseNumber(number));
}
