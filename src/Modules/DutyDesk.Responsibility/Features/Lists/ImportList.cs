using System.Globalization;
using DutyDesk.Documents;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Responsibility.Features.Lists;

/// <summary>One problem of one row of the file, e.g. 第 5 行“责任人”：找不到用户“张三”。</summary>
public sealed record RowProblem(int Row, string Column, string Message)
{
    public string Text => $"第 {Row} 行“{Column}”：{Message}";
}

/// <summary>Either the list created, or every row problem found (and nothing imported).</summary>
public sealed record ImportOutcome(ListCreated? Created, IReadOnlyList<RowProblem> Problems)
{
    public bool Imported => Created is not null;
}

/// <summary>The columns of a list as a table, shared by the Excel import and both exports.</summary>
internal static class ListColumns
{
    public const string Order = "序号";
    public const string Duty = "责任内容";
    public const string Measures = "工作措施";
    public const string Deadline = "完成时限";
    public const string Owner = "责任人";
    public const string Remarks = "备注";
    public const string Status = "状态";

    public static readonly string[] Export = [Order, Duty, Measures, Deadline, Owner, Remarks, Status];

    /// <summary>Columns a file must have; 序号, 工作措施 and 备注 may be missing.</summary>
    public static readonly string[] Required = [Duty, Deadline, Owner];
}

/// <summary>
/// Creates a unit's list for a year from an .xlsx file whose header row names the columns. Every row is
/// checked first; one bad row imports nothing, and the answer lists all of them.
/// </summary>
public sealed class ImportList(IDbContextFactory<AppDbContext> dbFactory, DisplayClock display, TimeProvider clock)
{
    public const int MaxRows = 2000;
    public const long MaxBytes = 5 * 1024 * 1024;

    public async Task<Result<ImportOutcome>> HandleAsync(Actor actor, Guid unitId, int year, Stream content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (ListRules.Year(year) is { } invalidYear)
        {
            return invalidYear;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var start = await NewList.BeginAsync(db, clock, actor, unitId, year, "导入责任清单", ct);
        if (!start.IsSuccess)
        {
            return start.Error!;
        }

        // Uploads (browser files, form files) are read asynchronously; one byte past the limit lets the reader name the oversize.
        using var buffer = await ReadAtMostAsync(content, MaxBytes + 1, ct);
        var read = ExcelTable.Read(buffer, ListColumns.Required, MaxRows, MaxBytes);
        if (!read.IsSuccess)
        {
            return Error.Validation("file", "无法导入：" + read.Problem);
        }

        var sheet = read.Sheet!;
        if (sheet.Rows.Count == 0)
        {
            return Error.Validation("file", $"无法导入：工作表“{sheet.Name}”的表头下没有数据行。");
        }

        var owners = await ListRules.OwnersAsync(db, actor, ct);
        var subtree = await ListRules.SubtreeAsync(db, unitId, ct);
        var problems = new List<RowProblem>();
        var rows = new List<(DraftRow, Guid?)>();
        foreach (var (row, index) in sheet.Rows.Select((r, i) => (r, i)))
        {
            var found = new List<RowProblem>();
            void Problem(string column, string message) => found.Add(new RowProblem(row.Number, column, message));

            var order = index + 1;
            if (row[ListColumns.Order] is { Length: > 0 } orderText
                && !(int.TryParse(orderText, NumberStyles.None, CultureInfo.InvariantCulture, out order) && order is >= 1 and <= ResponsibilityListItem.MaxOrder))
            {
                Problem(ListColumns.Order, $"“{orderText}”不是 1 至 {ResponsibilityListItem.MaxOrder} 的整数。");
            }

            var (deadline, deadlineProblem) = DeadlineText.Parse(row[ListColumns.Deadline]);
            if (deadlineProblem is not null)
            {
                Problem(ListColumns.Deadline, deadlineProblem);
            }

            deadline ??= Deadline.None;
            var fields = new RowFields(Math.Max(order, 1), row[ListColumns.Duty], row[ListColumns.Measures], deadline.Date, deadline.Note, row[ListColumns.Remarks]);
            foreach (var error in ListRules.Check(fields, year).Where(e => e.Field != "order"))
            {
                Problem(ColumnOf(error.Field), Reason(error.Message));
            }

            Guid? ownerId = null;
            if (row[ListColumns.Owner] is { Length: > 0 } ownerText)
            {
                var (owner, ownerProblem) = ListRules.MatchOwner(owners, subtree, ownerText);
                ownerId = owner?.Id;
                if (ownerProblem is not null)
                {
                    Problem(ListColumns.Owner, ownerProblem);
                }
            }
            else if (deadline.Date is not null)
            {
                Problem(ListColumns.Owner, "有完成时限的事项须指定责任人。");
            }

            problems.AddRange(found);
            if (found.Count == 0)
            {
                rows.Add((new DraftRow(order, fields.Duty!, fields.Measures, deadline, fields.Remarks), ownerId));
            }
        }

        if (problems.Count > 0)
        {
            return new ImportOutcome(null, problems);
        }

        var created = await NewList.SaveAsync(db, display, clock, actor, start.Value, year, ListOrigin.Import, rows, $"从 Excel 导入（工作表“{sheet.Name}”）", ct);
        return created.IsSuccess ? new ImportOutcome(created.Value, []) : created.Error!;
    }

    private static async Task<MemoryStream> ReadAtMostAsync(Stream content, long limit, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = await content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, (int)Math.Min(read, limit - buffer.Length));
        }

        buffer.Position = 0;
        return buffer;
    }

    private static string ColumnOf(string? field) => field switch
    {
        "duty" => ListColumns.Duty,
        "measures" => ListColumns.Measures,
        "deadline" or "deadlineNote" => ListColumns.Deadline,
        "remarks" => ListColumns.Remarks,
        _ => field ?? "",
    };

    /// <summary>A field check's message without its leading “字段名”, which the row problem names as its column.</summary>
    private static string Reason(string message)
        => message.StartsWith('“') && message.IndexOf('”', StringComparison.Ordinal) is var end and > 0 ? message[(end + 1)..].TrimStart('：') : message;
}
