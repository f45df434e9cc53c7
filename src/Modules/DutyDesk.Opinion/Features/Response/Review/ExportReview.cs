using DutyDesk.Documents;
using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using DutyDesk.Platform.Tasks;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Response.Review;

public sealed record ReviewFile(byte[] Content, string FileName)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
}

/// <summary>
/// The review as a Word document in the official-document order (一、基本情况 … 七、评价与表扬), for whoever may read the
/// case; a draft says so in its closing line. The 事件专报 is a separate report.
/// </summary>
internal sealed class ExportReview(IDbContextFactory<AppDbContext> dbFactory, ReviewQueries queries, DisplayClock display, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Headings =
        ["一、基本情况", "二、处置经过", "三、时限执行情况", "四、主要做法与经验", "五、存在的问题", "六、改进措施", "七、评价与表扬"];

    public static readonly IReadOnlyList<string> SpanHeaders = ["项目", "时间", "用时"];
    public static readonly IReadOnlyList<string> TimelineHeaders = ["时间", "步骤", "事项", "经办人"];
    public static readonly IReadOnlyList<string> DeadlineHeaders = ["时限", "应完成时间", "完成时间", "执行情况"];
    public static readonly IReadOnlyList<string> ImprovementHeaders = ["序号", "改进措施", "责任人", "完成期限", "状态"];
    public static readonly IReadOnlyList<string> EvaluationHeaders = ["评价对象", "评价", "等次", "表扬"];

    public static string Link(Guid caseId) => $"/opinion/response/cases/{caseId}/review.docx";

    public async Task<Result<ReviewFile>> HandleAsync(Actor actor, Guid caseId, CancellationToken ct = default)
    {
        var read = await queries.GetAsync(actor, caseId, ct);
        if (!read.IsSuccess)
        {
            return read.Error!;
        }

        var r = read.Value;
        var document = new WordDocument()
            .Title($"关于“{r.Title}”舆情事件处置的总结评估报告")
            .Heading(Headings[0])
            .Paragraph($"{display.Format(r.DiscoveredAt)}，{r.UnitName}经{r.OriginName}发现“{r.Title}”舆情事件，定为{IncidentLevel.Name(r.Level)}。"
                + (r.CaseSummary is null ? "" : r.CaseSummary))
            .Table(SpanHeaders, r.Spans.Select(s => (IReadOnlyList<string?>)[s.Name, display.Format(s.At), ReviewFigures.Words(s)]));
        if (r.Summary is { } summary)
        {
            document.Paragraph(summary);
        }

        document
            .Heading(Headings[1])
            .Table(TimelineHeaders, r.Timeline.Select(t => (IReadOnlyList<string?>)[display.Format(t.At), t.StepName, t.Text, t.By ?? "系统"]))
            .Heading(Headings[2])
            .Table(DeadlineHeaders, r.Deadlines.Select(d => (IReadOnlyList<string?>)[d.Name, display.Format(d.DueAt), display.Format(d.CompletedAt), d.Text]))
            .Heading(Headings[3])
            .Paragraph(r.WhatWorked ?? "（未填写）")
            .Heading(Headings[4])
            .Paragraph(r.Problems ?? "（未填写）")
            .Heading(Headings[5]);
        if (r.Improvements.Count > 0)
        {
            document.Table(ImprovementHeaders, r.Improvements.Select((i, n) => (IReadOnlyList<string?>)
                [(n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), i.Text, i.Owner, display.Format(i.DueAt), TaskStateName(i.TaskState)]));
        }
        else
        {
            document.Paragraph(r.NoImprovementReason is { } none ? $"无需改进：{none}" : "（未布置）");
        }

        document.Heading(Headings[6]);
        if (r.Evaluations.Count > 0)
        {
            document.Table(EvaluationHeaders, r.Evaluations.Select(e => (IReadOnlyList<string?>)[e.Subject, e.Text, e.RatingName, e.Commended ? "予以表扬" : "—"]));
        }

        if (r.Commendations is not null || r.Evaluations.Count == 0)
        {
            document.Paragraph(r.Commendations ?? "（未填写）");
        }

        document
            .RightAligned(r.UnitName)
            .RightAligned(r.State == ReviewState.Finalised ? $"{display.Format(r.FinalisedAt)} 定稿（{r.FinalisedBy}）" : $"草稿，导出于 {display.Format(clock.GetUtcNow().UtcDateTime)}");
        var bytes = document.ToBytes();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Audit(clock, actor, ReviewAudit.Export, "ResponseCase", r.CaseId.ToString(), r.UnitId,
            detail: $"{r.Title}：导出总结评估（{ReviewAudit.Name(r.State)}）");
        await db.SaveChangesAsync(ct);
        return new ReviewFile(bytes, $"{FileNameSafe(r.Title)}-总结评估.docx");
    }

    private static string TaskStateName(DueTaskState state) => state switch
    {
        DueTaskState.Done => "已完成",
        DueTaskState.Cancelled => "已取消",
        _ => "进行中",
    };

    private static string FileNameSafe(string title)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['\\', '/', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var safe = new string(title.Select(ch => invalid.Contains(ch) || char.IsControl(ch) ? '_' : ch).ToArray());
        return safe.Length > 80 ? safe[..80] : safe;
    }
}
