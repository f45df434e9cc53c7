using System.Globalization;
using DutyDesk.Responsibility.Domain;

namespace DutyDesk.Responsibility.Tests;

public class DeadlineTextTests
{
    [Theory]
    [InlineData("2026-06-30", "2026-06-30", null)]
    [InlineData("2026/6/30", "2026-06-30", null)]
    [InlineData("2026.6.3", "2026-06-03", null)]
    [InlineData("2026年6月30日", "2026-06-30", null)]
    [InlineData("2026年6月30", "2026-06-30", null)]
    [InlineData(" 2026 年 6 月 30 日 ", "2026-06-30", null)]
    [InlineData("2028-02-29", "2028-02-29", null)]
    [InlineData("2026-06-30 17:30", "2026-06-30", null)]
    [InlineData("2026-12-25（每月25日前）", "2026-12-25", "每月25日前")]
    [InlineData("2026/12/31 (每季度末前)", "2026-12-31", "每季度末前")]
    [InlineData("全年", null, "全年")]
    [InlineData("6月30日前", null, "6月30日前")]
    [InlineData("长期坚持", null, "长期坚持")]
    [InlineData("2026年度（全年）", null, "2026年度（全年）")]
    [InlineData("", null, null)]
    [InlineData("   ", null, null)]
    [InlineData(null, null, null)]
    public void Parse_Text_DateAndNote(string? text, string? date, string? note)
    {
        var (value, problem) = DeadlineText.Parse(text);

        Assert.Null(problem);
        Assert.Equal(date is null ? null : DateOnly.Parse(date, CultureInfo.InvariantCulture), value!.Date);
        Assert.Equal(note, value.Note);
    }

    [Theory]
    [InlineData("2026-02-30", "“2026-02-30”不是有效的日期。")]
    [InlineData("2026-13-01", "“2026-13-01”不是有效的日期。")]
    [InlineData("2026/6/31", "“2026/6/31”不是有效的日期。")]
    [InlineData("2027-02-29", "“2027-02-29”不是有效的日期。")]
    [InlineData("0000-01-01", "“0000-01-01”不是有效的日期。")]
    [InlineData("2026-02-30（全年）", "“2026-02-30”不是有效的日期。")]
    public void Parse_ImpossibleDate_Problem(string text, string expected)
    {
        var (value, problem) = DeadlineText.Parse(text);

        Assert.Null(value);
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Parse_NoteLongerThanTheLimit_Problem()
    {
        var (value, problem) = DeadlineText.Parse(new string('长', DeadlineText.NoteMaxLength + 1));

        Assert.Null(value);
        Assert.Contains("超过了 100 个字符", problem, StringComparison.Ordinal);
        Assert.Null(DeadlineText.Parse(new string('长', DeadlineText.NoteMaxLength)).Problem);
    }

    [Theory]
    [InlineData("2026-06-30", null, "2026-06-30")]
    [InlineData("2026-12-25", "每月25日前", "2026-12-25（每月25日前）")]
    [InlineData(null, "全年", "全年")]
    [InlineData(null, null, "")]
    [InlineData(null, "  ", "")]
    public void Format_DateAndNote_ReadsBackTheSame(string? date, string? note, string expected)
    {
        var day = date is null ? (DateOnly?)null : DateOnly.Parse(date, CultureInfo.InvariantCulture);

        var text = DeadlineText.Format(day, note);

        Assert.Equal(expected, text);
        var (back, _) = DeadlineText.Parse(text);
        Assert.Equal(day, back!.Date);
        Assert.Equal(string.IsNullOrWhiteSpace(note) ? null : note, back.Note);
    }
}
