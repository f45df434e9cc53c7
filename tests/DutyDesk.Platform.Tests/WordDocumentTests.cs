using DutyDesk.Documents;
using DutyDesk.Platform.Files;

namespace DutyDesk.Platform.Tests;

public sealed class WordDocumentTests
{
    [Fact]
    public void ToBytes_TitleParagraphsAndTable_ReadBackInOrder()
    {
        var bytes = new WordDocument()
            .Title("2026年度意识形态工作责任清单")
            .Heading("一、具体责任")
            .Paragraph("第一段\n第二段")
            .Table(["序号", "责任内容"], [["1", "每月开展一次风险排查"], ["2", "多行\n内容"]])
            .RightAligned("第一中学")
            .ToBytes();

        var lines = WordDocument.ReadText(new MemoryStream(bytes));

        Assert.Equal(
            ["2026年度意识形态工作责任清单", "一、具体责任", "第一段", "第二段", "序号\t责任内容", "1\t每月开展一次风险排查", "2\t多行内容", "", "第一中学"],
            lines);
    }

    [Fact]
    public async Task ToBytes_AnyDocument_IsRecognisedAsDocxByTheUploadSniffer()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dd-{Guid.NewGuid():N}.docx");
        await File.WriteAllBytesAsync(path, new WordDocument().Paragraph("正文").ToBytes());
        try
        {
            Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", await ContentSniffer.DetectAsync(path, CancellationToken.None));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadText_NotADocx_Throws()
        => Assert.ThrowsAny<Exception>(() => WordDocument.ReadText(new MemoryStream("not a zip"u8.ToArray())));
}
