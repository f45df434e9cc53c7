using System.Net;
using System.Net.Http.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DutyDesk.Documents;
using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Response;
using DutyDesk.Opinion.Features.Response.Review;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Tasks;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests.Opinion;

/// <summary>The post-incident review: figures from the timeline, improvements as DueTasks, finalising, closing, Word export, scope.</summary>
public sealed class ReviewTests
{
    private static readonly ReviewInput Written = new(
        "接报后 25 分钟报送快报，会商确定由德育处牵头核实。", "官方回应晚于 12 小时时限。", "食堂管理员及时封存留样。", "处置总体及时。", null, [], null);

    /// <summary>
    /// A Ⅲ case through the whole procedure: discovered 10 minutes before it is opened, facts reported at 25 minutes,
    /// consulted at 1 h 25, statement approved at 3 h 25, first response at 14 h 25 (late for the 12 h clock), calm at 19 h 25.
    /// Approving and publishing belong to the statements feature, so they are made here with CaseWork as it does.
    /// </summary>
    private static async Task<(Guid Id, DateTime Found)> ThroughProcedureAsync(TestHost host)
    {
        var (id, c) = await ResponseCaseTests.OpenAsync(host, IncidentLevelCode.III, discoveredAt: host.Clock.GetUtcNow().UtcDateTime.AddMinutes(-10));
        var cases = host.Get<ManageCases>();
        var office = await host.ActorAsync("yz.office");
        var leader = await host.ActorAsync("yz.leader");
        host.Clock.Advance(TimeSpan.FromMinutes(15));
        Ok(await cases.MoveAsync(office, id, CaseTrigger.ReportFacts, "家长反映食堂饭菜有异物。", await ResponseCaseTests.VersionAsync(host, id)));
        host.Clock.Advance(TimeSpan.FromHours(1));
        Ok(await cases.MoveAsync(leader, id, CaseTrigger.Consult, "德育处牵头核实。", await ResponseCaseTests.VersionAsync(host, id)));
        host.Clock.Advance(TimeSpan.FromHours(2));
        await MoveDirectAsync(host, "yz.leader", id, CaseTrigger.ApproveStatement);
        host.Clock.Advance(TimeSpan.FromHours(11));
        await MoveDirectAsync(host, "yz.office", id, CaseTrigger.Respond);
        host.Clock.Advance(TimeSpan.FromHours(5));
        Ok(await cases.MoveAsync(office, id, CaseTrigger.Calm, "连续 24 小时无新增。", await ResponseCaseTests.VersionAsync(host, id)));
        return (id, c.DiscoveredAt);
    }

    /// <summary>A Ⅳ case watched and calmed without a public response: quickly in after-care.</summary>
    private static async Task<Guid> CalmedAsync(TestHost host)
    {
        var (id, _) = await ResponseCaseTests.OpenAsync(host, IncidentLevelCode.IV);
        var cases = host.Get<ManageCases>();
        var office = await host.ActorAsync("yz.office");
        Ok(await cases.MoveAsync(office, id, CaseTrigger.Monitor, null, await ResponseCaseTests.VersionAsync(host, id)));
        host.Clock.Advance(TimeSpan.FromHours(3));
        Ok(await cases.MoveAsync(office, id, CaseTrigger.Calm, "已无新增。", await ResponseCaseTests.VersionAsync(host, id)));
        return id;
    }

    private static async Task MoveDirectAsync(TestHost host, string user, Guid id, CaseTrigger trigger)
    {
        await using var db = await host.DbAsync();
        var c = await db.Set<ResponseCase>().SingleAsync(x => x.Id == id);
        Assert.Null(await CaseWork.MoveAsync(db, host.Clock, await host.ActorAsync(user), c, trigger, null, default));
        await db.SaveChangesAsync();
    }

    private static void Ok<T>(Result<T> result) => Assert.True(result.IsSuccess, result.Error?.Message);

    private static async Task<CaseReviewDto> ReadAsync(TestHost host, Guid id, string user = "yz.office")
    {
        var read = await host.Get<ReviewQueries>().GetAsync(await host.ActorAsync(user), id);
        Assert.True(read.IsSuccess, read.Error?.Message);
        return read.Value;
    }

    [Theory]
    [BothProviders]
    public async Task Figures_CaseThroughProcedure_SpansFromDiscoveryAndDeadlinesKeptOrLate(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (id, found) = await ThroughProcedureAsync(host);

        var review = await ReadAsync(host, id);

        Assert.Equal(CaseStep.AfterCare, review.Step);
        Assert.Equal(
            [(ReviewFigures.ToReport, 25.0), (ReviewFigures.ToStatement, 205.0), (ReviewFigures.ToResponse, 865.0), (ReviewFigures.ToCalm, 1165.0)],
            review.Spans.Select(s => (s.Name, Math.Round(s.Span!.Value.TotalMinutes, 3))).ToList());
        Assert.Equal(found.AddMinutes(25), review.Spans[0].At!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(
            [(DeadlineKind.ReportToGroup, DeadlineOutcome.Kept, "按时"), (DeadlineKind.OfficialResponse, DeadlineOutcome.Late, "超时 2 小时 25 分钟"), (DeadlineKind.OuterLimit, DeadlineOutcome.Kept, "按时")],
            review.Deadlines.Select(d => (d.Kind, d.Outcome, d.Text)).ToList());
        Assert.False(review.Exists);
        Assert.True(review.CanWrite);
        Assert.Contains(review.Timeline, t => t.Step == CaseStep.Statement && t.By == "赵敏");
    }

    [Theory]
    [BothProviders]
    public async Task Figures_MinorCaseCalmedWithoutResponse_NoReportStatementOrResponse_ClocksNotApplicable(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var id = await CalmedAsync(host);

        var review = await ReadAsync(host, id);

        Assert.Equal([null, null, null, 180.0], review.Spans.Select(s => s.Span is { } span ? Math.Round(span.TotalMinutes, 3) : (double?)null).ToList());
        Assert.Equal(
            [(DeadlineKind.ReportToGroup, DeadlineOutcome.Overdue), (DeadlineKind.OfficialResponse, DeadlineOutcome.NotApplicable), (DeadlineKind.OuterLimit, DeadlineOutcome.NotApplicable)],
            review.Deadlines.Select(d => (d.Kind, d.Outcome)).ToList());
    }

    [Theory]
    [BothProviders]
    public async Task Finalise_NeedsImprovementOrReason_ImprovementIsDueTask_FinalisedImmutable_CloseOnlyAfter(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (early, _) = await ResponseCaseTests.OpenAsync(host, IncidentLevelCode.IV);
        var id = await CalmedAsync(host);
        var reviews = host.Get<ManageReview>();
        var cases = host.Get<ManageCases>();
        var office = await host.ActorAsync("yz.office");
        var leader = await host.ActorAsync("yz.leader");
        var moral = await host.UserIdAsync("yz.moral");

        var tooEarly = await reviews.SaveAsync(office, early, Written);
        var saved = await reviews.SaveAsync(office, id, Written with
        {
            Evaluations = [new(await host.UnitIdAsync("第一中学"), null, "响应及时", EvaluationRating.Good, false), new(null, moral, "核实迅速", EvaluationRating.Excellent, true)],
        });
        Ok(await cases.MoveAsync(leader, id, CaseTrigger.Review, null, await ResponseCaseTests.VersionAsync(host, id)));
        var closeUnreviewed = await cases.MoveAsync(leader, id, CaseTrigger.Close, null, await ResponseCaseTests.VersionAsync(host, id));
        var noImprovement = await reviews.FinaliseAsync(leader, id, (await ReadAsync(host, id)).Version!.Value);
        var improved = await reviews.AddImprovementAsync(office, id, new ImprovementInput("完善食堂留样与投诉回应流程", moral, host.Clock.GetUtcNow().UtcDateTime.AddDays(30)));
        var byOffice = await reviews.FinaliseAsync(office, id, (await ReadAsync(host, id)).Version!.Value);
        var stale = await reviews.FinaliseAsync(leader, id, Guid.NewGuid());
        var finalised = await reviews.FinaliseAsync(leader, id, (await ReadAsync(host, id)).Version!.Value);
        var editAfter = await reviews.SaveAsync(leader, id, Written with { Version = (await ReadAsync(host, id)).Version });
        var improveAfter = await reviews.AddImprovementAsync(office, id, new ImprovementInput("再加一条", moral, host.Clock.GetUtcNow().UtcDateTime.AddDays(3)));
        var closed = await cases.MoveAsync(leader, id, CaseTrigger.Close, null, await ResponseCaseTests.VersionAsync(host, id));
        var review = await ReadAsync(host, id);

        Assert.Equal("review", tooEarly.Error?.Field);
        Ok(saved);
        Assert.Equal(("trigger", "总结评估尚未定稿，定稿后才能结案。"), (closeUnreviewed.Error?.Field, closeUnreviewed.Error?.Message));
        Assert.Equal(("improvements", "定稿前须至少布置一项“改进措施”，或写明“无需改进的理由”。"), (noImprovement.Error?.Field, noImprovement.Error?.Message));
        Ok(improved);
        Assert.Equal(ErrorKind.Forbidden, byOffice.Error?.Kind);
        Assert.Equal(ErrorKind.Conflict, stale.Error?.Kind);
        Ok(finalised);
        Assert.Equal(("review", "总结评估已定稿，不能再修改。"), (editAfter.Error?.Field, editAfter.Error?.Message));
        Assert.Equal("review", improveAfter.Error?.Field);
        Ok(closed);
        Assert.Equal((ReviewState.Finalised, "赵敏", CaseStep.Closed), (review.State, review.FinalisedBy, review.Step));
        Assert.False(review.CanWrite);
        Assert.Equal([("响应及时", EvaluationRating.Good, false), ("核实迅速", EvaluationRating.Excellent, true)], review.Evaluations.Select(e => (e.Text, e.Rating, e.Commended)).ToList());

        await using var db = await host.DbAsync();
        var improvement = Assert.Single(await db.Set<CaseImprovement>().Where(i => i.CaseId == id).ToListAsync());
        var task = await db.DueTasks.SingleAsync(t => t.Id == improvement.TaskId);
        Assert.Equal((moral, DueTaskState.Open, "CaseImprovement", id.ToString()), (task.OwnerId, task.State, task.SourceType, task.SourceId));
        Assert.Equal(improvement.DueAt, task.DueAt);
        Assert.Contains("完善食堂留样与投诉回应流程", task.Title, StringComparison.Ordinal);
        Assert.Equal(
            [(ReviewAudit.Save, 1), (ReviewAudit.Improve, 1), (ReviewAudit.Finalise, 1)],
            (await db.AuditEntries.Where(a => a.Action.StartsWith("opinion.review.")).GroupBy(a => a.Action).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
                .OrderBy(g => g.Key == ReviewAudit.Save ? 0 : g.Key == ReviewAudit.Improve ? 1 : 2).Select(g => (g.Key, g.Count)).ToList());
        var notes = await db.Set<CaseTimelineEntry>().Where(t => t.CaseId == id && t.Kind == TimelineKind.Note).OrderBy(t => t.Seq).Select(t => t.Text).ToListAsync();
        Assert.Equal("开始撰写总结评估", notes[0]);
        Assert.StartsWith("改进措施：完善食堂留样与投诉回应流程", notes[1], StringComparison.Ordinal);
        Assert.Equal("总结评估定稿（改进措施 1 项）", notes[2]);
    }

    [Theory]
    [BothProviders]
    public async Task Improvements_ChangedOrWithdrawnWhileDraft_TaskFollows_DoneOrFinalisedOnesStay(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var id = await CalmedAsync(host);
        var reviews = host.Get<ManageReview>();
        var office = await host.ActorAsync("yz.office");
        var moral = await host.UserIdAsync("yz.moral");
        var leaderId = await host.UserIdAsync("yz.leader");
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var first = (await reviews.AddImprovementAsync(office, id, new ImprovementInput("完善留样制度", moral, now.AddDays(30)))).Value;
        var second = (await reviews.AddImprovementAsync(office, id, new ImprovementInput("误布置的一条", moral, now.AddDays(10)))).Value;
        var before = await ReadAsync(host, id);
        var listed = before.Improvements.ToDictionary(i => i.Id);
        var firstTask = listed[first].TaskId;

        var stale = await reviews.ChangeImprovementAsync(office, id, first, new ImprovementInput("完善食堂留样与供应商准入制度", leaderId, now.AddDays(20), Guid.NewGuid()));
        var empty = await reviews.ChangeImprovementAsync(office, id, first, new ImprovementInput(" ", leaderId, now.AddDays(20), listed[first].TaskVersion));
        var changed = await reviews.ChangeImprovementAsync(office, id, first, new ImprovementInput("完善食堂留样与供应商准入制度", leaderId, now.AddDays(20), listed[first].TaskVersion));
        var noReason = await reviews.WithdrawImprovementAsync(office, id, second, listed[second].TaskVersion, "  ");
        var client = await ApiClient.ForUserAsync(host, "yz.office");
        using var withdrawn = await client.PostAsJsonAsync(
            $"/api/v1/opinion/response/cases/{id}/review/improvements/{second}/withdraw", new WithdrawImprovementBody(listed[second].TaskVersion, "与第一条重复"));
        await using (var db = await host.DbAsync())
        {
            (await db.DueTasks.SingleAsync(t => t.Id == firstTask)).Complete(host.Clock.GetUtcNow().UtcDateTime, leaderId, "已印发新制度", nothingToReport: false);
            await db.SaveChangesAsync();
        }

        // Somebody typing the review's text meanwhile still saves it: improvements are guarded by their tasks' versions.
        var textSaved = await reviews.SaveAsync(office, id, Written with { Version = before.Version });
        var afterDone = await reviews.ChangeImprovementAsync(office, id, first, new ImprovementInput("再改", leaderId, now.AddDays(20), (await ReadAsync(host, id)).Improvements[0].TaskVersion));
        var review = await ReadAsync(host, id);

        Assert.Equal(ErrorKind.Conflict, stale.Error?.Kind);
        Assert.Equal(("text", "“改进措施”不能为空。"), (empty.Error?.Field, empty.Error?.Message));
        Ok(changed);
        Assert.Equal(("reason", "“撤销理由”不能为空。"), (noReason.Error?.Field, noReason.Error?.Message));
        Ok(textSaved);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(("improvement", "改进措施“完善食堂留样与供应商准入制度”的待办已办结，不能再修改或撤销。"), (afterDone.Error?.Field, afterDone.Error?.Message));
        var only = Assert.Single(review.Improvements);
        Assert.Equal((first, "完善食堂留样与供应商准入制度", leaderId), (only.Id, only.Text, only.OwnerId));
        await using var check = await host.DbAsync();
        var task = await check.DueTasks.SingleAsync(t => t.Id == firstTask);
        Assert.Equal(("【改进措施】完善食堂留样与供应商准入制度", leaderId), (task.Title, task.OwnerId));
        Assert.Equal(DbTime.AsStored(now.AddDays(20)), task.DueAt);
        var cancelled = await check.DueTasks.SingleAsync(t => t.Id == listed[second].TaskId);
        Assert.Equal((DueTaskState.Cancelled, null, "总结评估撤销该改进措施：与第一条重复"), (cancelled.State, cancelled.NextReminderAt, cancelled.CompletionNote));
        Assert.False(await check.Set<CaseImprovement>().AnyAsync(i => i.Id == second));
        Assert.Equal(
            [ReviewAudit.ChangeImprovement, ReviewAudit.WithdrawImprovement],
            await check.AuditEntries.Where(a => a.Action == ReviewAudit.ChangeImprovement || a.Action == ReviewAudit.WithdrawImprovement).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync());
        var notes = await check.Set<CaseTimelineEntry>().Where(t => t.CaseId == id && t.Kind == TimelineKind.Note).OrderBy(t => t.Seq).Select(t => t.Text).ToListAsync();
        Assert.Contains(notes, n => n.StartsWith("修改改进措施：完善留样制度（责任人 ", StringComparison.Ordinal) && n.Contains("→ 完善食堂留样与供应商准入制度（责任人 赵敏", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("撤销改进措施：误布置的一条", StringComparison.Ordinal) && n.EndsWith("；理由：与第一条重复", StringComparison.Ordinal));
    }

    [Theory]
    [BothProviders]
    public async Task Finalise_ExplicitNoImprovementReason_Allowed(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var id = await CalmedAsync(host);
        var reviews = host.Get<ManageReview>();
        var secretary = await host.ActorAsync("yz.secretary");

        Ok(await reviews.SaveAsync(secretary, id, Written with { NoImprovementReason = "处置规范，现有制度已覆盖" }));
        var finalised = await reviews.FinaliseAsync(secretary, id, (await ReadAsync(host, id)).Version!.Value);

        Ok(finalised);
        Assert.Equal(ReviewState.Finalised, (await ReadAsync(host, id)).State);
    }

    [Theory]
    [BothProviders]
    public async Task Export_Word_HeadingsTimelineRowsAndFigures_ViaApiAndAudited(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (id, _) = await ThroughProcedureAsync(host);
        var office = await host.ActorAsync("yz.office");
        var moral = await host.UserIdAsync("yz.moral");
        Ok(await host.Get<ManageReview>().SaveAsync(office, id, Written with
        {
            Evaluations = [new(null, moral, "核实迅速", EvaluationRating.Excellent, true)],
        }));
        Ok(await host.Get<ManageReview>().AddImprovementAsync(office, id, new ImprovementInput("完善食堂留样制度", moral, host.Clock.GetUtcNow().UtcDateTime.AddDays(30))));
        var review = await ReadAsync(host, id);
        var client = await ApiClient.ForUserAsync(host, "yz.office");

        using var response = await client.GetAsync($"/api/v1/opinion/response/cases/{id}/review.docx");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ReviewFile.ContentType, response.Content.Headers.ContentType?.MediaType);
        using (var word = WordprocessingDocument.Open(new MemoryStream(bytes), isEditable: false))
        {
            var body = word.MainDocumentPart!.Document!.Body!;
            var paragraphs = body.Elements<Paragraph>().Select(p => p.InnerText).ToList();
            Assert.Equal("关于“第一中学食堂饭菜异物投诉”舆情事件处置的总结评估报告", paragraphs[0]);
            Assert.Equal(ExportReview.Headings, paragraphs.Where(p => ExportReview.Headings.Contains(p)).ToList());
            var tables = body.Elements<Table>().ToList();
            // Spans, timeline, deadlines, improvements, evaluations.
            Assert.Equal(5, tables.Count);
            var timelineRows = tables[1].Elements<TableRow>().Skip(1).ToList();
            Assert.Equal(review.Timeline.Count, timelineRows.Count);
        }

        var lines = WordDocument.ReadText(new MemoryStream(bytes));
        Assert.Contains($"{ReviewFigures.ToReport}\t{Display(host, review.Spans[0].At)}\t25 分钟", lines);
        Assert.Contains(lines, l => l.StartsWith(ReviewFigures.ToResponse, StringComparison.Ordinal) && l.EndsWith("\t14 小时 25 分钟", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("发布官方回应\t", StringComparison.Ordinal) && l.EndsWith("\t超时 2 小时 25 分钟", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("向领导小组报送快报\t", StringComparison.Ordinal) && l.EndsWith("\t按时", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\t通稿\t", StringComparison.Ordinal) && l.EndsWith("\t赵敏", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("1\t完善食堂留样制度\t", StringComparison.Ordinal) && l.EndsWith("\t进行中", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("\t核实迅速\t优秀\t予以表扬", StringComparison.Ordinal));
        Assert.Contains(Written.WhatWorked, lines);
        Assert.Contains(Written.Problems, lines);
        await using var db = await host.DbAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == ReviewAudit.Export && a.ObjectId == id.ToString()));
    }

    [Theory]
    [BothProviders]
    public async Task Scope_OtherSchoolCannotReadOrExport_StaffWithoutRoleCannotWrite_SuperiorReads(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var id = await CalmedAsync(host);
        var other = await host.ActorAsync("xx.office");

        var read = await host.Get<ReviewQueries>().GetAsync(other, id);
        var export = await host.Get<ExportReview>().HandleAsync(other, id);
        var write = await host.Get<ManageReview>().SaveAsync(other, id, Written);
        var reviewer = await host.Get<ManageReview>().SaveAsync(await host.ActorAsync("yz.reviewer"), id, Written);
        var bureau = await ReadAsync(host, id, "jyj.office");
        var staff = await ReadAsync(host, id, "yz.reviewer");
        var client = await ApiClient.ForUserAsync(host, "xx.office");
        using var api = await client.GetAsync($"/api/v1/opinion/response/cases/{id}/review");
        using var signedOut = host.CreateClient();
        using var download = await signedOut.GetAsync(new Uri(ExportReview.Link(id), UriKind.Relative));

        Assert.Equal(ErrorKind.NotFound, read.Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, export.Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, write.Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, reviewer.Error?.Kind);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(id, bureau.CaseId);
        Assert.False(staff.CanWrite);
        Assert.NotNull(staff.Hint);
        await using var db = await host.DbAsync();
        Assert.Equal(0, await db.Set<CaseReview>().CountAsync());
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "access.denied" && a.ObjectId == id.ToString()));
    }

    [Theory]
    [BothProviders]
    public async Task BadInput_ChineseMessageNamingFieldAndNothingSaved(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var id = await CalmedAsync(host);
        var reviews = host.Get<ManageReview>();
        var office = await host.ActorAsync("yz.office");
        var moral = await host.UserIdAsync("yz.moral");
        var now = host.Clock.GetUtcNow().UtcDateTime;

        var longText = await reviews.SaveAsync(office, id, Written with { Problems = new string('问', CaseReview.TextMaxLength + 1) });
        var otherUnit = await reviews.SaveAsync(office, id, Written with { Evaluations = [new(await host.UnitIdAsync("实验小学"), null, "好", EvaluationRating.Good, false)] });
        var noRating = await reviews.SaveAsync(office, id, Written with { Evaluations = [new(null, moral, "好", null, false)] });
        var noOwner = await reviews.AddImprovementAsync(office, id, new ImprovementInput("完善制度", null, now.AddDays(3)));
        var outsider = await reviews.AddImprovementAsync(office, id, new ImprovementInput("完善制度", await host.UserIdAsync("xx.office"), now.AddDays(3)));
        var past = await reviews.AddImprovementAsync(office, id, new ImprovementInput("完善制度", moral, now.AddHours(-1)));
        var noText = await reviews.AddImprovementAsync(office, id, new ImprovementInput(" ", moral, now.AddDays(3)));
        var client = await ApiClient.ForUserAsync(host, "yz.office");
        using var api = await client.PutAsJsonAsync($"/api/v1/opinion/response/cases/{id}/review", Written with { WhatWorked = new string('做', CaseReview.TextMaxLength + 1) });

        Assert.Equal(("problems", $"“存在的问题”不能超过 {CaseReview.TextMaxLength} 个字符（当前 {CaseReview.TextMaxLength + 1} 个）。"), (longText.Error?.Field, longText.Error?.Message));
        Assert.Equal(("evaluations", "第 1 条评价的“评价对象”须是本单位或下级单位。"), (otherUnit.Error?.Field, otherUnit.Error?.Message));
        Assert.Equal(("evaluations", "第 1 条评价须选择“评价等次”（优秀、良好、一般、较差）。"), (noRating.Error?.Field, noRating.Error?.Message));
        Assert.Equal(("ownerId", "请选择改进措施的“责任人”。"), (noOwner.Error?.Field, noOwner.Error?.Message));
        Assert.Equal("ownerId", outsider.Error?.Field);
        Assert.Equal(("dueAt", "“完成期限”须晚于现在。"), (past.Error?.Field, past.Error?.Message));
        Assert.Equal(("text", "“改进措施”不能为空。"), (noText.Error?.Field, noText.Error?.Message));
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("主要做法与经验", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = await host.DbAsync();
        Assert.Equal(0, await db.Set<CaseReview>().CountAsync());
        Assert.Equal(0, await db.DueTasks.CountAsync(t => t.SourceType == "CaseImprovement"));
    }

    private static string Display(TestHost host, DateTime? at) => host.Get<DutyDesk.Platform.Shared.DisplayClock>().Format(at);
}
