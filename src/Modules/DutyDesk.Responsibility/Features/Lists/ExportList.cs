using System.Globalization;
using DutyDesk.Documents;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Responsibility.Features.Lists;

public enum ExportFormat
{
    Word,
    Excel,
}

public sealed record ExportedFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// Writes a list to Word (official layout) or Excel in the columns of the import, so an exported
/// workbook imports again as it is. Every export is audited.
/// </summary>
public sealed class ExportList(IDbContextFactory<AppDbContext> dbFactory, ListQueries queries, TimeProvider clock)
{
    public async Task<Result<ExportedFile>> HandleAsync(Actor actor, Guid listId, ExportFormat format, CancellationToken ct = default)
    {
        var found = await queries.GetAsync(actor, listId, ct);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var list = found.Value;
        var rows = list.Items.Select(i => (IReadOnlyList<string?>)
            [i.Order.ToString(CultureInfo.InvariantCulture), i.Duty, i.Measures, i.DeadlineText, i.OwnerName, i.Remarks, i.StatusName]).ToList();
        var file = format == ExportFormat.Word
            ? new ExportedFile(new WordDocument().Title(list.Title).Table(ListColumns.Export, rows).ToBytes(),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", list.Title + ".docx")
            : new ExportedFile(ExcelTable.Write("责任清单", ListColumns.Export, rows),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", list.Title + ".xlsx");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Audit(clock, actor, ResponsibilityAudit.ListExport, "ResponsibilityList", list.Id.ToString(), list.UnitId,
            detail: $"{list.Title}：导出 {(format == ExportFormat.Word ? "Word" : "Excel")}，{list.Items.Count} 项");
        await db.SaveChangesAsync(ct);
        return file;
    }
}
