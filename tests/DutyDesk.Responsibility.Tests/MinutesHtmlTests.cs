using DutyDesk.Responsibility.Features.Meetings;

namespace DutyDesk.Responsibility.Tests;

public class MinutesHtmlTests
{
    [Theory]
    [InlineData("<p>一、<strong>传达</strong>上级<em>精神</em></p>", "<p>一、<strong>传达</strong>上级<em>精神</em></p>")]
    [InlineData("<p>会议<script>alert(1)</script>纪要</p>", "<p>会议纪要</p>")]
    [InlineData("<p onclick=\"steal()\">纪要</p>", "<p>纪要</p>")]
    [InlineData("<p style=\"color:red\">纪要</p>", "<p>纪要</p>")]
    [InlineData("<iframe src=\"https://example.org\">x</iframe><p>纪要</p>", "<p>纪要</p>")]
    [InlineData("<div><span>从 Word 粘贴</span></div>", "从 Word 粘贴<br>")]
    [InlineData("<div>第一行</div><div>第二行</div>", "第一行<br>第二行<br>")]
    [InlineData("<h3>议题</h3><ol><li>一</li></ol><ul><li>二</li></ul><h4>小节</h4><br>", "<h3>议题</h3><ol><li>一</li></ol><ul><li>二</li></ul><h4>小节</h4><br>")]
    [InlineData("<table><tbody><tr><td colspan=\"2\">表</td></tr></tbody></table>", "<table><tbody><tr><td colspan=\"2\">表</td></tr></tbody></table>")]
    public void Sanitize_Markup_KeepsBasicFormattingOnly(string input, string expected)
        => Assert.Equal(expected, MinutesHtml.Sanitize(input));

    [Theory]
    [InlineData("<a href=\"javascript:alert(1)\">点我</a>")]
    [InlineData("<a href=\"data:text/html,x\">点我</a>")]
    [InlineData("<a href=\"vbscript:x\">点我</a>")]
    public void Sanitize_LinkWithOtherScheme_HrefRemoved(string input)
    {
        var clean = MinutesHtml.Sanitize(input)!;

        Assert.DoesNotContain("href", clean, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("点我", clean, StringComparison.Ordinal);
    }

    [Fact]
    public void Sanitize_HttpsLink_KeptAndOpensApart()
        => Assert.Equal("<a href=\"https://www.gov.cn/\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">文件</a>", MinutesHtml.Sanitize("<a href=\"https://www.gov.cn/\" onmouseover=\"x()\">文件</a>"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<p><br></p>")]
    [InlineData("<script>alert(1)</script>")]
    public void Sanitize_NothingLeft_Null(string? input)
        => Assert.Null(MinutesHtml.Sanitize(input));
}
