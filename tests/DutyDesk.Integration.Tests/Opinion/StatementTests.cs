using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Opinion;
using DutyDesk.Opinion.Data;
using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Response;
using DutyDesk.Opinion.Features.Response.Statements;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Features.Tasks;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Tasks;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests.Opinion;

/// <summary>The two tracks of a case: offline tasks, statements in versions approved by the leading group, publications, the progress reminder.</summary>
public sealed class StatementTests
{
    private const string FactText = "11月29日，我校食堂午餐中发现异物。学校已封存留样，并配合市场监管部门调查。";

    [Theory]
    [BothProviders]
    public async Task SaveDraft_ChangedTextMakesNewVersion_UnchangedNone_DiffShowsInsertedAndDeleted(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (caseId, _) = await ResponseCaseTests.OpenAsync(host, IncidentLevelCode.III);
        var handler = host.Get<ManageStatements>();
        var office = await host.ActorAsync("yz.office");
        var id = await DraftAsync(host, caseId, StatementKind.FactReport, FactText);

        var same = await handler.SaveDraftAsync(office, caseId, id, new SaveStatementInput("关于食堂异物的情况通报", FactText + "  ", await VersionAsync(host, id)));
        var changed = await handler.SaveDraftAsync(office, caseId, id, new SaveStatementInput(
            "关于食堂异物的情况通报", FactText.Replace("午餐", "晚餐", StringComparison.Ordinal) + "调查结果将及时公布。", await VersionAsync(host, id)));
        var stale = await handler.SaveDraftAsync(office, caseId, id, new SaveStatementInput("关于食堂异物的情况通报", "另一稿", Guid.NewGuid()));
        var tooLong = await handler.SaveDraftAsync(office, caseId, id, new SaveStatementInput("关于食堂异物的情况通报", new string('字', StatementVersion.TextMaxLength + 1), await VersionAsync(host, id)));
        var diff = await handler.DiffAsync(office, caseId, id, 1, 2);
        var missing = await handler.DiffAsync(office, caseId, id, 1, 3);
        var view = (await handler.ListAsync(office, caseId)).Value;

        Assert.Equal(1, same.Value);
        Assert.Equal(2, changed.Value);
        Assert.Equal(ErrorKind.Conflict, stale.Error?.Kind);
        Assert.Equal("text", tooLong.Error?.Field);
        Assert.Equal(
            [
                (DiffKind.Same, "11月29日，我校食堂"), (DiffKind.Deleted, "午"), (DiffKind.Inserted, "晚"), (DiffKind.Same, "餐中发现异物。学校已封存留样，并配合市场监管部门调查"),
                (DiffKind.Inserted, "。调查结果将及时公布"), (DiffKind.Same, "。"),
            ],
            diff.Value.Select(s => (s.Kind, s.Text)).ToList());
        Assert.Equal("to", missing.Error?.Field);
        var statement = Assert.Single(view.Statements);
        Assert.Equal((2, StatementState.Draft, "事实通报"), (statement.Current, statement.State, statement.KindName));
        Assert.Equal([1, 2], statement.Versions.Select(v => v.Number).ToList());
        Assert.Equal(FactText, statement.Versions[0].Text);
        Assert.True(view.CanDraft);
        Assert.False(view.CanApprove);
    }

    [Theory]
    [BothProviders]
    public async Task Approve_OnlyLeadingGroup_ApprovedVersionImmutable_ChangeStartsNewVersion_SaveGuardRefusesEdit(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var caseId = await ConsultedCaseAsync(host, IncidentLevelCode.III);
        var handler = host.Get<ManageStatements>();
        var id = await DraftAsync(host, caseId, StatementKind.FactReport, FactText);
        Assert.True((await handler.SubmitAsync(await host.ActorAsync("yz.office"), caseId, id, await VersionAsync(host, id))).IsSuccess);

        var byOffice = await handler.ApproveAsync(await host.ActorAsync("yz.office"), caseId, id, await VersionAsync(host, id));
        var byReviewer = await handler.ApproveAsync(await host.ActorAsync("yz.reviewer"), caseId, id, await VersionAsync(host, id));
        var editWhileSubmitted = await handler.SaveDraftAsync(await host.ActorAsync("yz.office"), caseId, id, new SaveStatementInput("情况通报", "改动", await VersionAsync(host, id)));
        var approved = await handler.ApproveAsync(await host.ActorAsync("yz.leader"), caseId, id, await VersionAsync(host, id));
        var again = await handler.ApproveAsync(await host.ActorAsync("yz.secretary"), caseId, id, await VersionAsync(host, id));
        var revised = await handler.SaveDraftAsync(await host.ActorAsync("yz.office"), caseId, id, new SaveStatementInput("情况通报", FactText + "学校向家长致歉。", await VersionAsync(host, id)));

        Assert.Equal(ErrorKind.Forbidden, byOffice.Error?.Kind);
        Assert.Equal("只有本单位的第一责任人、分管领导可以审定通稿。", byOffice.Error?.Message);
        Assert.Equal(ErrorKind.Forbidden, byReviewer.Error?.Kind);
        Assert.Equal("text", editWhileSubmitted.Error?.Field);
        Assert.True(approved.IsSuccess, approved.Error?.Message);
        Assert.Equal("statement", again.Error?.Field);
        Assert.Equal(2, revised.Value);
        await using (var db = await host.DbAsync())
        {
            var versions = await db.Set<StatementVersion>().Where(v => v.StatementId == id).OrderBy(v => v.Number).ToListAsync();
            Assert.Equal(
                [(1, StatementState.Approved, "关于食堂异物的情况通报", FactText), (2, StatementState.Draft, "情况通报", FactText + "学校向家长致歉。")],
                versions.Select(v => (v.Number, v.State, v.Title, v.Text)).ToList());
            var statement = await db.Set<Statement>().SingleAsync(s => s.Id == id);
            Assert.Equal((StatementState.Draft, "情况通报", 2), (statement.State, statement.Title, statement.Current));
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.AccessDenied && a.Detail == "审定通稿"));
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == OpinionAudit.StatementApprove && a.ObjectId == id.ToString()));
        }

        // Behind the handlers: a context of the feature refuses to write an approved version, or any version's text.
        var factory = host.Get<IDbContextFactory<AppDbContext>>();
        await using (var guarded = await factory.CreateGuardedAsync(default))
        {
            var first = await guarded.Set<StatementVersion>().SingleAsync(v => v.StatementId == id && v.Number == 1);
            first.Text = "篡改";
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => guarded.SaveChangesAsync());
            Assert.Equal("通稿第 1 版已审定，不可修改；如需修改请保存为新版本并重新送审。", error.Message);
        }

        await using (var guarded = await factory.CreateGuardedAsync(default))
        {
            var draft = await guarded.Set<StatementVersion>().SingleAsync(v => v.StatementId == id && v.Number == 2);
            draft.Text = "悄悄改写";
            await Assert.ThrowsAsync<InvalidOperationException>(() => guarded.SaveChangesAsync());
        }

        await using var check = await host.DbAsync();
        Assert.Equal(FactText, await check.Set<StatementVersion>().Where(v => v.StatementId == id && v.Number == 1).Select(v => v.Text).SingleAsync());
    }

    [Theory]
    [BothProviders]
    public async Task CauseExplanation_RefusedWithoutInvestigationAndWhileOpen_ApprovedAfterItIsClosedWithEvidence(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var caseId = await ConsultedCaseAsync(host, IncidentLevelCode.III);
        var statements = host.Get<ManageStatements>();
        var leader = await host.ActorAsync("yz.leader");
        var id = await DraftAsync(host, caseId, StatementKind.CauseExplanation, "经调查，异物系食材清洗不彻底所致。");
        Assert.True((await statements.SubmitAsync(await host.ActorAsync("yz.office"), caseId, id, await VersionAsync(host, id))).IsSuccess);

        var withoutTask = await statements.ApproveAsync(leader, caseId, id, await VersionAsync(host, id));
        var taskId = await AssignAsync(host, caseId, CaseTaskKind.Investigation, "核查食堂异物来源");
        var whileOpen = await statements.ApproveAsync(leader, caseId, id, await VersionAsync(host, id));
        var tasks = host.Get<ManageTasks>();
        var moral = await host.ActorAsync("yz.moral");
        var noEvidence = await tasks.CompleteAsync(moral, new CompleteTaskCommand(taskId, "已查明", await TaskVersionAsync(host, taskId)));
        using (var stream = new MemoryStream(SampleFiles.Png(8, 8)))
        {
            Assert.True((await tasks.AddEvidenceAsync(moral, taskId, stream, "调查报告.png")).IsSuccess);
        }

        Assert.True((await tasks.CompleteAsync(moral, new CompleteTaskCommand(taskId, "已查明", await TaskVersionAsync(host, taskId)))).IsSuccess);
        var afterClosed = await statements.ApproveAsync(leader, caseId, id, await VersionAsync(host, id));
        var track = (await host.Get<CaseTasks>().ListAsync(leader, caseId)).Value;

        Assert.Equal(("statement", "原因说明须在调查核实办结后审定：本事件尚未布置“调查核实”任务。"), (withoutTask.Error?.Field, withoutTask.Error?.Message));
        Assert.Equal(("statement", "原因说明须在调查核实办结后审定：调查核实任务尚未办结。"), (whileOpen.Error?.Field, whileOpen.Error?.Message));
        Assert.Equal("evidence", noEvidence.Error?.Field);
        Assert.True(afterClosed.IsSuccess, afterClosed.Error?.Message);
        var task = Assert.Single(track.Tasks);
        Assert.Equal((CaseTaskKind.Investigation, DueTaskState.Done, "周婷"), (task.Kind, task.State, task.Owner));
    }

    [Theory]
    [BothProviders]
    public async Task AssignTask_OwnerInUnitSubtree_TimelineAndDueTask_OutsiderOrPastDueRefused(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (caseId, _) = await ResponseCaseTests.OpenAsync(host, IncidentLevelCode.III);
        var handler = host.Get<CaseTasks>();
        var office = await host.ActorAsync("yz.office");
        var now = host.Clock.GetUtcNow().UtcDateTime;

        var outsider = await handler.AssignAsync(office, caseId, new AssignCaseTaskInput(CaseTaskKind.Fix, "整改", null, await host.UserIdAsync("xx.teach"), now.AddHours(4)));
        var past = await handler.AssignAsync(office, caseId, new AssignCaseTaskInput(CaseTaskKind.Fix, "整改", null, await host.UserIdAsync("yz.moral"), now.AddHours(-1)));
        var byReviewer = await handler.AssignAsync(await host.ActorAsync("yz.reviewer"), caseId, new AssignCaseTaskInput(CaseTaskKind.Fix, "整改", null, await host.UserIdAsync("yz.moral"), now.AddHours(4)));
        var assigned = await handler.AssignAsync(office, caseId, new AssignCaseTaskInput(CaseTaskKind.Fix, "食堂卫生整改", "全面排查食材清洗流程", await host.UserIdAsync("yz.moral"), now.AddHours(48)));
        var view = (await handler.ListAsync(office, caseId)).Value;
        var detail = (await host.Get<ResponseQueries>().GetAsync(office, caseId)).Value;

        Assert.Equal("ownerId", outsider.Error?.Field);
        Assert.Equal("dueAt", past.Error?.Field);
        Assert.Equal(ErrorKind.Forbidden, byReviewer.Error?.Kind);
        Assert.True(assigned.IsSuccess, assigned.Error?.Message);
        Assert.Contains(view.Assignees, a => a.Name == "周婷");
        Assert.DoesNotContain(view.Assignees, a => a.Name == "何芳");
        var task = Assert.Single(view.Tasks);
        Assert.Equal(("【整改处置】食堂卫生整改", DueTaskState.Open, "周婷"), (task.Title, task.State, task.Owner));
        Assert.Contains(detail.Timeline, t => t.Kind == TimelineKind.Action && t.Text.StartsWith("布置整改处置任务：食堂卫生整改，责任人 周婷", StringComparison.Ordinal));
        await using var db = await host.DbAsync();
        var due = await db.DueTasks.SingleAsync(t => t.Id == assigned.Value);
        Assert.Equal((await host.UserIdAsync("yz.moral"), "ResponseCaseTask", caseId.ToString(), true), (due.OwnerId, due.SourceType, due.SourceId, due.EvidenceRequired));
    }

    [Theory]
    [BothProviders]
    public async Task FirstApproval_MovesToStatement_FirstPublication_MovesToRespondedWith12HourDeadlineKept(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var caseId = await ConsultedCaseAsync(host, IncidentLevelCode.III);
        var versionId = await ApprovedAsync(host, caseId, StatementKind.FactReport, FactText);
        var afterApproval = (await host.Get<ResponseQueries>().GetAsync(await host.ActorAsync("yz.office"), caseId)).Value;
        var secondVersion = await ApprovedAsync(host, caseId, StatementKind.FactReport, "第二份通报");
        var channel = await ChannelAsync(host, "第一中学", "第一中学官方微博");
        host.Clock.Advance(TimeSpan.FromHours(2));
        var publishedAt = host.Clock.GetUtcNow().UtcDateTime.AddMinutes(-10);

        var published = await host.Get<ManagePublications>().RecordAsync(await host.ActorAsync("yz.office"),
            caseId, new RecordPublicationInput(versionId, channel, "https://weibo.com/yz/123", publishedAt));
        var detail = (await host.Get<ResponseQueries>().GetAsync(await host.ActorAsync("yz.office"), caseId)).Value;
        var view = (await host.Get<ManagePublications>().ListAsync(await host.ActorAsync("yz.office"), caseId)).Value;

        Assert.Equal(CaseStep.Statement, afterApproval.Step);
        Assert.Single(afterApproval.Timeline, t => t.Kind == TimelineKind.Step && t.Step == CaseStep.Statement && t.Text.StartsWith("审定通稿", StringComparison.Ordinal));
        Assert.NotEqual(versionId, secondVersion);
        Assert.True(published.IsSuccess, published.Error?.Message);
        Assert.Equal(CaseStep.Responded, detail.Step);
        var response = Assert.Single(detail.Deadlines, d => d.Kind == DeadlineKind.OfficialResponse);
        Assert.Equal(DueTaskState.Done, response.State);
        Assert.True(response.KeptAt(host.Clock.GetUtcNow().UtcDateTime));
        Assert.Equal(DueTaskState.Done, Assert.Single(detail.Deadlines, d => d.Kind == DeadlineKind.OuterLimit).State);
        Assert.Contains(detail.Timeline, t => t.Kind == TimelineKind.Publication && t.Text.Contains("第一中学官方微博", StringComparison.Ordinal));
        var record = Assert.Single(view.Publications);
        Assert.Equal(("第一中学官方微博", "https://weibo.com/yz/123", 1), (record.Channel, record.Url, record.VersionNumber));
        await using var db = await host.DbAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == OpinionAudit.PublicationRecord && a.ObjectId == caseId.ToString()));
    }

    [Theory]
    [BothProviders]
    public async Task ApprovalBeforeTheStepAllowsIt_OnlyTimeline_PublicationStillFulfilsResponseDeadlinesAndPlansProgress(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (caseId, _) = await ResponseCaseTests.OpenAsync(host, IncidentLevelCode.IV);
        var version = await ApprovedAsync(host, caseId, StatementKind.FactReport, FactText);
        var channel = await ChannelAsync(host, "第一中学", "第一中学官方网站", ChannelKind.Website);
        host.Clock.Advance(TimeSpan.FromMinutes(20));
        var at = host.Clock.GetUtcNow().UtcDateTime;

        var published = await host.Get<ManagePublications>().RecordAsync(await host.ActorAsync("yz.office"), caseId, new RecordPublicationInput(version, channel, "https://www.yz.edu.cn/tz/1", at));
        var detail = (await host.Get<ResponseQueries>().GetAsync(await host.ActorAsync("yz.office"), caseId)).Value;
        var progress = Assert.Single(await ProgressTasksAsync(host, caseId));

        Assert.True(published.IsSuccess, published.Error?.Message);
        // Still at 发现: the procedure's moves are not made out of order, but the timeline and the deadlines record what happened.
        Assert.Equal(CaseStep.Discovered, detail.Step);
        Assert.DoesNotContain(detail.Timeline, t => t.Kind == TimelineKind.Step);
        Assert.Contains(detail.Timeline, t => t.Kind == TimelineKind.Statement && t.Text.StartsWith("审定事实通报", StringComparison.Ordinal));
        Assert.All(detail.Deadlines.Where(d => d.Kind is DeadlineKind.OfficialResponse or DeadlineKind.OuterLimit), d => Assert.Equal(DueTaskState.Done, d.State));
        Assert.Equal(DueTaskState.Open, Assert.Single(detail.Deadlines, d => d.Kind == DeadlineKind.ReportToGroup).State);
        // Ⅳ: progress every 12 hours.
        Assert.Equal(DbTime.AsStored(at).AddHours(12), progress.DueAt);
    }

    [Theory]
    [BothProviders]
    public async Task Publication_RefusedForUnapprovedVersionOtherUnitsChannelBadUrlFutureTime_SuperiorChannelAccepted(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var caseId = await ConsultedCaseAsync(host, IncidentLevelCode.III);
        var approved = await ApprovedAsync(host, caseId, StatementKind.FactReport, FactText);
        var draft = await DraftAsync(host, caseId, StatementKind.Progress, "处置进展");
        await using (var db = await host.DbAsync())
        {
            draft = await db.Set<StatementVersion>().Where(v => v.StatementId == draft).Select(v => v.Id).SingleAsync();
        }

        var own = await ChannelAsync(host, "第一中学", "第一中学官方网站", ChannelKind.Website);
        var other = await ChannelAsync(host, "实验小学", "实验小学官方微博", user: "xx.office");
        var bureau = await ChannelAsync(host, "市教育局", "市教育局官方微博", user: "jyj.office");
        var stopped = await ChannelAsync(host, "第一中学", "旧公众号", ChannelKind.WeChat, active: false);
        host.Clock.Advance(TimeSpan.FromMinutes(30));
        var handler = host.Get<ManagePublications>();
        var office = await host.ActorAsync("yz.office");
        var now = host.Clock.GetUtcNow().UtcDateTime;
        RecordPublicationInput Input(Guid version, Guid channel, string url = "https://www.yz.edu.cn/news/1", DateTime? at = null) => new(version, channel, url, at ?? now.AddMinutes(-5));

        var unapproved = await handler.RecordAsync(office, caseId, Input(draft, own));
        var othersChannel = await handler.RecordAsync(office, caseId, Input(approved, other));
        var inactive = await handler.RecordAsync(office, caseId, Input(approved, stopped));
        var badUrl = await handler.RecordAsync(office, caseId, Input(approved, own, "javascript:alert(1)"));
        var future = await handler.RecordAsync(office, caseId, Input(approved, own, at: now.AddHours(1)));
        var beforeApproval = await handler.RecordAsync(office, caseId, Input(approved, own, at: now.AddHours(-3)));
        var viaBureau = await handler.RecordAsync(office, caseId, Input(approved, bureau, "https://weibo.com/jyj/9"));

        Assert.Equal(("statementVersionId", "通稿“处置进展”第 1 版尚未审定，不能登记发布。"), (unapproved.Error?.Field, unapproved.Error?.Message));
        Assert.Equal("channelId", othersChannel.Error?.Field);
        Assert.Equal("channelId", inactive.Error?.Field);
        Assert.Equal("url", badUrl.Error?.Field);
        Assert.Equal(("publishedAt", "“发布时间”不能晚于现在：登记的是已经发布的通稿。"), (future.Error?.Field, future.Error?.Message));
        Assert.Equal("publishedAt", beforeApproval.Error?.Field);
        Assert.True(viaBureau.IsSuccess, viaBureau.Error?.Message);
        await using var check = await host.DbAsync();
        Assert.Equal(1, await check.Set<Publication>().CountAsync());
    }

    [Theory]
    [BothProviders]
    public async Task ProgressReminder_PlannedAtPublicationPlusLevelEvery_CompletedByProgressStatement_ReplannedOnLevelChange_CancelledOnCalm(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var caseId = await ConsultedCaseAsync(host, IncidentLevelCode.III);
        var fact = await ApprovedAsync(host, caseId, StatementKind.FactReport, FactText);
        var channel = await ChannelAsync(host, "第一中学", "第一中学官方微博");
        host.Clock.Advance(TimeSpan.FromMinutes(30));
        var office = await host.ActorAsync("yz.office");
        var publications = host.Get<ManagePublications>();
        var first = host.Clock.GetUtcNow().UtcDateTime.AddMinutes(-5);
        Assert.True((await publications.RecordAsync(office, caseId, new RecordPublicationInput(fact, channel, "https://weibo.com/yz/1", first))).IsSuccess);
        var afterFirst = await ProgressTasksAsync(host, caseId);

        host.Clock.Advance(TimeSpan.FromHours(5));
        var progress = await ApprovedAsync(host, caseId, StatementKind.Progress, "学校已完成食堂全面排查。");
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        var second = host.Clock.GetUtcNow().UtcDateTime;
        Assert.True((await publications.RecordAsync(office, caseId, new RecordPublicationInput(progress, channel, "https://weibo.com/yz/2", second))).IsSuccess);
        var afterProgress = await ProgressTasksAsync(host, caseId);
        var view = (await publications.ListAsync(office, caseId)).Value;

        var raised = await host.Get<ManageCases>().ChangeLevelAsync(await host.ActorAsync("yz.leader"), caseId, IncidentLevelCode.II, "省级媒体转载", await ResponseCaseTests.VersionAsync(host, caseId));
        var afterRaise = await ProgressTasksAsync(host, caseId);
        var calmed = await host.Get<ManageCases>().MoveAsync(office, caseId, CaseTrigger.Calm, "连续 24 小时无新增讨论", await ResponseCaseTests.VersionAsync(host, caseId));
        var afterCalm = await ProgressTasksAsync(host, caseId);

        // Ⅲ: every 6 hours from the publication; the progress statement completes it and plans the next from itself.
        var planned = Assert.Single(afterFirst);
        Assert.Equal((DueTaskState.Open, DbTime.AsStored(first).AddHours(6)), (planned.State, planned.DueAt));
        Assert.Equal([DueTaskState.Done, DueTaskState.Open], afterProgress.Select(t => t.State).ToList());
        Assert.Equal(DbTime.AsStored(second).AddHours(6), afterProgress[1].DueAt);
        Assert.Equal(afterProgress[1].DueAt, view.NextProgressDueAt);
        Assert.True(raised.IsSuccess, raised.Error?.Message);
        Assert.Equal(DbTime.AsStored(second).AddHours(4), afterRaise[1].DueAt);
        Assert.True(calmed.IsSuccess, calmed.Error?.Message);
        Assert.Equal([DueTaskState.Done, DueTaskState.Cancelled], afterCalm.Select(t => t.State).ToList());
    }

    [Theory]
    [BothProviders]
    public async Task Scope_OtherSchoolCannotReadOrAct(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var caseId = await ConsultedCaseAsync(host, IncidentLevelCode.III);
        var id = await DraftAsync(host, caseId, StatementKind.FactReport, FactText);
        var outsider = await host.ActorAsync("xx.secretary");
        var version = await VersionAsync(host, id);
        var statements = host.Get<ManageStatements>();

        var results = new Error?[]
        {
            (await statements.ListAsync(outsider, caseId)).Error,
            (await statements.CreateAsync(outsider, caseId, new CreateStatementInput(StatementKind.FactReport, "通报", "正文"))).Error,
            (await statements.SaveDraftAsync(outsider, caseId, id, new SaveStatementInput("通报", "改", version))).Error,
            (await statements.SubmitAsync(outsider, caseId, id, version)).Error,
            (await statements.ApproveAsync(outsider, caseId, id, version)).Error,
            (await statements.DiffAsync(outsider, caseId, id, 1, 1)).Error,
            (await host.Get<CaseTasks>().ListAsync(outsider, caseId)).Error,
            (await host.Get<ManagePublications>().ListAsync(outsider, caseId)).Error,
            (await host.Get<ManageChannels>().ListAsync(outsider, await host.UnitIdAsync("第一中学"))).Error,
        };

        Assert.All(results, e => Assert.Equal(ErrorKind.NotFound, e?.Kind));
        await using var db = await host.DbAsync();
        Assert.Equal(1, await db.Set<StatementVersion>().CountAsync());
    }

    [Theory]
    [BothProviders]
    public async Task Api_ChannelsAndStatementDiff_RoundTrip(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (caseId, _) = await ResponseCaseTests.OpenAsync(host, IncidentLevelCode.III);
        var unit = await host.UnitIdAsync("第一中学");
        using var api = await ApiClient.ForUserAsync(host, "yz.office");
        using var reviewer = await ApiClient.ForUserAsync(host, "yz.reviewer");

        using var created = await api.PostAsJsonAsync("/api/v1/opinion/channels", new ChannelInput(unit, "第一中学微信公众号", ChannelKind.WeChat, "https://mp.weixin.qq.com/yz", true));
        using var refused = await reviewer.PostAsJsonAsync("/api/v1/opinion/channels", new ChannelInput(unit, "评议公众号", ChannelKind.WeChat, null, true));
        using var badUrl = await api.PostAsJsonAsync("/api/v1/opinion/channels", new ChannelInput(unit, "官网", ChannelKind.Website, "ftp://yz.edu.cn", true));
        using var channels = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/opinion/channels?unitId={unit}"));
        var statementsUrl = $"/api/v1/opinion/response/cases/{caseId}/statements";
        using var draft = await api.PostAsJsonAsync(statementsUrl, new CreateStatementInput(StatementKind.FactReport, "情况通报", "学校已封存留样。"));
        var statementId = await draft.Content.ReadFromJsonAsync<Guid>();
        using var list = JsonDocument.Parse(await api.GetStringAsync(statementsUrl));
        var version = list.RootElement.GetProperty("statements")[0].GetProperty("version").GetGuid();
        using var saved = await api.PostAsJsonAsync($"{statementsUrl}/{statementId}/versions", new SaveStatementInput("情况通报", "学校已封存全部留样。", version));
        using var diff = JsonDocument.Parse(await api.GetStringAsync($"{statementsUrl}/{statementId}/diff?from=1&to=2"));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badUrl.StatusCode);
        var channel = Assert.Single(channels.RootElement.GetProperty("channels").EnumerateArray());
        Assert.Equal(("第一中学微信公众号", "微信公众号"), (channel.GetProperty("name").GetString(), channel.GetProperty("kindName").GetString()));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(
            [("Same", "学校已封存"), ("Inserted", "全部"), ("Same", "留样。")],
            diff.RootElement.EnumerateArray().Select(s => (s.GetProperty("kind").GetString(), s.GetProperty("text").GetString())).ToList());
    }

    /// <summary>A Ⅲ case reported and consulted, so the first approval may move it to 通稿.</summary>
    private static async Task<Guid> ConsultedCaseAsync(TestHost host, IncidentLevelCode level)
    {
        var (id, _) = await ResponseCaseTests.OpenAsync(host, level);
        var cases = host.Get<ManageCases>();
        var office = await host.ActorAsync("yz.office");
        Assert.True((await cases.MoveAsync(office, id, CaseTrigger.ReportFacts, "家长反映食堂饭菜有异物。", await ResponseCaseTests.VersionAsync(host, id))).IsSuccess);
        Assert.True((await cases.MoveAsync(office, id, CaseTrigger.Consult, "发布情况通报，成立调查组。", await ResponseCaseTests.VersionAsync(host, id))).IsSuccess);
        return id;
    }

    private static async Task<Guid> DraftAsync(TestHost host, Guid caseId, StatementKind kind, string text)
    {
        var created = await host.Get<ManageStatements>().CreateAsync(await host.ActorAsync("yz.office"), caseId, new CreateStatementInput(kind, kind == StatementKind.Progress ? "处置进展" : "关于食堂异物的情况通报", text));
        Assert.True(created.IsSuccess, created.Error?.Message);
        return created.Value;
    }

    /// <summary>Drafted by the office, approved by the leader in charge; the id of the approved version.</summary>
    private static async Task<Guid> ApprovedAsync(TestHost host, Guid caseId, StatementKind kind, string text)
    {
        var id = await DraftAsync(host, caseId, kind, text);
        var handler = host.Get<ManageStatements>();
        Assert.True((await handler.SubmitAsync(await host.ActorAsync("yz.office"), caseId, id, await VersionAsync(host, id))).IsSuccess);
        var approved = await handler.ApproveAsync(await host.ActorAsync("yz.leader"), caseId, id, await VersionAsync(host, id));
        Assert.True(approved.IsSuccess, approved.Error?.Message);
        await using var db = await host.DbAsync();
        return await db.Set<StatementVersion>().Where(v => v.StatementId == id && v.Number == 1).Select(v => v.Id).SingleAsync();
    }

    private static async Task<Guid> AssignAsync(TestHost host, Guid caseId, CaseTaskKind kind, string title)
    {
        var assigned = await host.Get<CaseTasks>().AssignAsync(await host.ActorAsync("yz.office"), caseId,
            new AssignCaseTaskInput(kind, title, null, await host.UserIdAsync("yz.moral"), host.Clock.GetUtcNow().UtcDateTime.AddHours(24)));
        Assert.True(assigned.IsSuccess, assigned.Error?.Message);
        return assigned.Value;
    }

    private static async Task<Guid> ChannelAsync(TestHost host, string unit, string name, ChannelKind kind = ChannelKind.Weibo, string user = "yz.office", bool active = true)
    {
        var created = await host.Get<ManageChannels>().CreateAsync(await host.ActorAsync(user), new ChannelInput(await host.UnitIdAsync(unit), name, kind, null, active));
        Assert.True(created.IsSuccess, created.Error?.Message);
        return created.Value;
    }

    private static async Task<Guid> VersionAsync(TestHost host, Guid statementId)
    {
        await using var db = await host.DbAsync();
        return await db.Set<Statement>().Where(s => s.Id == statementId).Select(s => s.Version).SingleAsync();
    }

    private static async Task<Guid> TaskVersionAsync(TestHost host, Guid taskId)
    {
        await using var db = await host.DbAsync();
        return await db.DueTasks.Where(t => t.Id == taskId).Select(t => t.Version).SingleAsync();
    }

    private static async Task<List<DueTask>> ProgressTasksAsync(TestHost host, Guid caseId)
    {
        await using var db = await host.DbAsync();
        var id = caseId.ToString();
        var tasks = await db.DueTasks.AsNoTracking().Where(t => t.SourceType == ProgressReports.SourceType && t.SourceId == id).ToListAsync();
        return [.. tasks.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)];
    }
}
