using DutyDesk.Documents;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Responsibility.Features.Letters;

public sealed record LetterFile(byte[] Content, string FileName)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
}

/// <summary>
/// The letter as a Word document: the title, the header, the three parts and the closing as readers
/// see them (each signer's post left blank), then the signatures with their state as checked now.
/// </summary>
public sealed class ExportLetter(IDbContextFactory<AppDbContext> dbFactory, LetterQueries queries, DisplayClock display, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> SignatureHeaders = ["签署人", "职务", "签署时间", "文本摘要（SHA-256）", "状态"];

    public async Task<Result<LetterFile>> HandleAsync(Actor actor, Guid letterId, int? number = null, CancellationToken ct = default)
    {
        var read = await queries.GetAsync(actor, letterId, number, ct);
        if (!read.IsSuccess)
        {
            return read.Error!;
        }

        var letter = read.Value;
        var version = letter.Shown;
        var content = version.Content;
        var document = new WordDocument()
            .Title(content.Title)
            .Paragraph(LetterText.ForReaders(content.Header))
            .Heading(LetterText.ResponsibilitiesHeading)
            .Paragraph(LetterText.ForReaders(content.Responsibilities))
            .Heading(LetterText.AccountabilityHeading)
            .Paragraph(LetterText.ForReaders(content.Accountability))
            .Heading(LetterText.AssessmentHeading)
            .Paragraph(LetterText.ForReaders(content.Assessment))
            .Paragraph(LetterText.ForReaders(content.Closing))
            .RightAligned($"{letter.UnitName}　第 {version.Number} 版（{version.StateName}）")
            .Heading("签署情况")
            .Table(SignatureHeaders, version.Signatures.Select(s => (IReadOnlyList<string?>)
            [
                s.Name,
                s.Post,
                s.SignedAt is { } at ? display.Format(at) : "—",
                s.Sha256 is { } sha ? sha[..16] : "—",
                s.Status == SignerStatus.Broken ? "签名无效：签署后文本被改动" : s.StatusName,
            ]));
        var bytes = document.ToBytes();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Audit(clock, actor, ResponsibilityAudit.LetterExport, "ResponsibilityLetter", letter.Id.ToString(), letter.UnitId,
            detail: $"{letter.Title}：导出第 {version.Number} 版 Word 文档");
        await db.SaveChangesAsync(ct);
        return new LetterFile(bytes, $"{FileNameSafe(content.Title)}（第{version.Number}版）.docx");
    }

    private static string FileNameSafe(string title)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['\\', '/', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var safe = new string(title.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray());
        return safe.Length > 80 ? safe[..80] : safe;
    }
}
