using DutyDesk.Platform.Results;
using DutyDesk.Responsibility.Domain;

namespace DutyDesk.Responsibility.Features.Letters;

/// <summary>The same field checks for a template and a draft: every part present and within its column.</summary>
internal static class LetterValidation
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public static Error? Content(LetterContent? content)
        => content is null
            ? Error.Validation("content", "“责任书文本”不能为空。")
            : Check.First(
                Check.Required("title", "标题", content.Title, LetterContent.TitleMaxLength),
                Check.Required("header", "抬头", content.Header, LetterContent.HeaderMaxLength),
                Check.Required("responsibilities", LetterText.ResponsibilitiesHeading, content.Responsibilities, LetterContent.PartMaxLength),
                Check.Required("accountability", LetterText.AccountabilityHeading, content.Accountability, LetterContent.PartMaxLength),
                Check.Required("assessment", LetterText.AssessmentHeading, content.Assessment, LetterContent.PartMaxLength),
                Check.Required("closing", "结尾", content.Closing, LetterContent.ClosingMaxLength));

    public static Error? Year(int year)
        => year is < FirstYear or > LastYear ? Error.Validation("year", $"“年度”须在 {FirstYear} 至 {LastYear} 之间。") : null;
}
