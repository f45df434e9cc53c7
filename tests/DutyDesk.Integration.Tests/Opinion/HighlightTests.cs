using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Ui;

namespace DutyDesk.Integration.Tests.Opinion;

/// <summary>The splitter behind the marked words on the opinion pages, and the words the pages show for figures; no database.</summary>
public sealed class HighlightTests
{
    /// <summary>Segments written as text with [marked] runs.</summary>
    [Theory]
    [InlineData("第一中学食堂饭菜变质", "食堂", "第一中学[食堂]饭菜变质")]
    [InlineData("食堂，食堂", "食堂", "[食堂]，[食堂]")]
    [InlineData("No match here", "食堂", "No match here")]
    [InlineData("第一中学 ABC 收费", "abc|收费", "第一中学 [ABC] [收费]")]
    [InlineData("ＡＢＣ全角", "abc", "[ＡＢＣ]全角")]
    [InlineData("第一中学食堂", "第一中学|第一中学食堂", "[第一中学食堂]")]
    [InlineData("食堂食堂", "食堂|", "[食堂][食堂]")]
    [InlineData("收费", "", "收费")]
    public void Split_Words_MarksEveryOccurrenceCaseInsensitively(string text, string words, string expected)
    {
        var segments = Highlight.Split(text, words.Split('|'));

        Assert.Equal(expected, string.Concat(segments.Select(s => s.Marked ? $"[{s.Text}]" : s.Text)));
        Assert.Equal(text, string.Concat(segments.Select(s => s.Text)));
    }

    [Fact]
    public void Split_EmptyText_NoSegments()
    {
        Assert.Empty(Highlight.Split("", ["食堂"]));
        Assert.Empty(Highlight.Split(null, ["食堂"]));
    }

    [Fact]
    public void Split_NoWords_OnePlainSegment()
    {
        Assert.Equal(new[] { new TextSegment("食堂", false) }, Highlight.Split("食堂", null));
    }

    [Fact]
    public void Split_EmojiBesideWord_KeepsSurrogatePairsWhole()
    {
        var segments = Highlight.Split("😀食堂😀", ["食堂"]);

        Assert.Equal(new[] { new TextSegment("😀", false), new TextSegment("食堂", true), new TextSegment("😀", false) }, segments);
    }

    [Theory]
    [InlineData(0.25, "↑ 25 个百分点")]
    [InlineData(-0.105, "↓ 10.5 个百分点")]
    [InlineData(0.0, "→ 持平")]
    public void Trend_Change_ArrowAndPoints(double trend, string expected)
    {
        Assert.Equal(expected, OpinionLabels.Trend(trend));
    }

    [Theory]
    [InlineData(IncidentLevelCode.I, "Ⅰ")]
    [InlineData(IncidentLevelCode.III, "Ⅲ")]
    [InlineData(IncidentLevelCode.V, "Ⅴ")]
    public void Numeral_Level_RomanNumeral(IncidentLevelCode level, string expected)
    {
        Assert.Equal(expected, OpinionLabels.Numeral(level));
    }

    [Fact]
    public void PushEndpoint_Source_NamesPathTokenAndSignature()
    {
        var id = Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");

        var text = DutyDesk.Opinion.Features.Sources.SourcesPage.PushEndpoint(id);

        Assert.StartsWith($"POST /api/v1/opinion/sources/{id}/push", text, StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer <API 令牌>", text, StringComparison.Ordinal);
        Assert.Contains("X-DutyDesk-Signature: sha256=<HMAC-SHA256(body, 密钥)>", text, StringComparison.Ordinal);
    }
}
