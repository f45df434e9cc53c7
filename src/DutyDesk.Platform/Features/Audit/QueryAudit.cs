using System.Globalization;
using DutyDesk.Documents;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Platform.Features.Audit;

public sealed record AuditFilter(
    DateTime? From = null, DateTime? To = null, string? UserName = null, string? Action = null,
    AuditOutcome? Outcome = null, string? Text = null, int Page = 1, int PageSize = 50);

public sealed record AuditRow(long Sequence, DateTime At, string? UserName, string? ClientIp, string Action, string ActionName,
    string? ObjectType, string? ObjectId, AuditOutcome Outcome, string? Detail);

public sealed record AuditResultPage(IReadOnlyList<AuditRow> Rows, int Total, int Page, int PageSize);

/// <summary>
/// The auditor's view of the log, filtered and paged; nobody else reads it. Rows are limited to
/// the auditor's units (and rows tied to no unit, such as failed sign-ins of unknown names).
/// </summary>
public sealed class QueryAudit(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxExportRows = 100_000;

    public async Task<Result<AuditResultPage>> HandleAsync(Actor actor, AuditFilter filter, CancellationToken ct = default)
    {
        if (Validate(filter) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!actor.Holds(Role.Auditor))
        {
            await db.AuditDeniedAsync(clock, actor, "查看审计日志", "AuditLog", null, ct);
            return Error.Forbidden("只有审计员可以查看审计日志。");
        }

        var query = Filtered(db, actor, filter);
        var total = await query.CountAsync(ct);
        var pageSize = Math.Clamp(filter.PageSize, 1, 200);
        var rows = await query.OrderByDescending(a => a.Sequence)
            .Skip((Math.Clamp(filter.Page, 1, 100_000) - 1) * pageSize)
            .Take(pageSize)
            .ToListAsync(ct);
        return new AuditResultPage(rows.Select(ToRow).ToList(), total, filter.Page, pageSize);
    }

    /// <summary>CSV (UTF-8 with BOM so that Excel shows the Chinese), itself recorded in the log.</summary>
    public async Task<Result<byte[]>> ExportCsvAsync(Actor actor, AuditFilter filter, CancellationToken ct = default)
    {
        if (Validate(filter) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!actor.Holds(Role.Auditor))
        {
            await db.AuditDeniedAsync(clock, actor, "导出审计日志", "AuditLog", null, ct);
            return Error.Forbidden("只有审计员可以导出审计日志。");
        }

        var rows = await Filtered(db, actor, filter).OrderBy(a => a.Sequence).Take(MaxExportRows).ToListAsync(ct);
        var csv = CsvTable.Write(
            ["序号", "时间(UTC)", "用户", "IP", "操作", "操作代码", "对象类型", "对象", "结果", "详情", "哈希"],
            rows.Select(row => new[]
            {
                row.Sequence.ToString(CultureInfo.InvariantCulture), row.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                row.UserName, row.ClientIp, AuditActions.ToChinese(row.Action), row.Action, row.ObjectType, row.ObjectId,
                OutcomeName(row.Outcome), row.Detail, row.Hash,
            }));
        db.Audit(clock, actor, AuditActions.AuditExport, "AuditLog", null, detail: $"{rows.Count} 行");
        await db.SaveChangesAsync(ct);
        return csv;
    }

    public static string OutcomeName(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Success => "成功",
        AuditOutcome.Failure => "失败",
        AuditOutcome.Denied => "拒绝",
        _ => outcome.ToString(),
    };

    private static Error? Validate(AuditFilter filter)
    {
        if (filter.From is { } from && filter.To is { } to && from > to)
        {
            return Error.Validation("from", "“开始时间”不能晚于“结束时间”。");
        }

        return Check.First(
            Check.Optional("userName", "用户", filter.UserName, 100),
            Check.Optional("text", "关键字", filter.Text, 100));
    }

    private static IQueryable<AuditEntry> Filtered(AppDbContext db, Actor actor, AuditFilter filter)
    {
        var units = actor.UnitsWhere(Role.Auditor).ToList();
        // Rows tied to no unit (sign-in attempts with unknown names, first-run set-up) belong to the whole installation.
        var unitless = actor.HoldsAtTop(Role.Auditor);
        var query = db.AuditEntries.AsNoTracking().Where(a => (a.UnitId == null && unitless) || (a.UnitId != null && units.Contains(a.UnitId.Value)));
        if (filter.From is { } from)
        {
            query = query.Where(a => a.At >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(a => a.At <= to);
        }

        if (!string.IsNullOrWhiteSpace(filter.UserName))
        {
            query = query.Where(a => a.UserName == filter.UserName.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(a => a.Action == filter.Action);
        }

        if (filter.Outcome is { } outcome)
        {
            query = query.Where(a => a.Outcome == outcome);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            query = query.Where(a => (a.Detail != null && a.Detail.Contains(text)) || (a.ObjectId != null && a.ObjectId.Contains(text)));
        }

        return query;
    }

    private static AuditRow ToRow(AuditEntry a)
        => new(a.Sequence, a.At, a.UserName, a.ClientIp, a.Action, AuditActions.ToChinese(a.Action), a.ObjectType, a.ObjectId, a.Outcome, a.Detail);
}
