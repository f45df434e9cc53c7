using DutyDesk.Responsibility;
using System.Net;
using System.Net.Http.Json;
using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using DutyDesk.Platform.Tasks;
using DutyDesk.Responsibility.Domain;
using DutyDesk.Responsibility.Features.Assessment;
using DutyDesk.Responsibility.Features.Meetings;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests;

/// <summary>年度考核 and 责任追究: the score from the year's tasks, audited adjustments, confirmation, and accountability rules.</summary>
public sealed class AssessmentTests
{
    [Theory]
    [BothProviders]
    public async Task Refresh_SeededTasksSomeLate_ScoreFromOnTimeObligationsAndDoneItems(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var year = await SeedLastYearAsync(host);
        var actor = await host.ActorAsync("yz.office");
        var unitId = await host.UnitIdAsync("第一中学");

        var refreshed = await host.Get<ManageAssessment>().RefreshAsync(actor, new RefreshAssessmentCommand(unitId, year, null));

        Assert.True(refreshed.IsSuccess, refreshed.Error?.Message);
        var view = (await host.Get<ManageAssessment>().GetAsync(actor, unitId, year)).Value;
        // Obligations 2 of 4 on time (57.142857 × 1/2), list items 2 of 3 done (42.857143 × 2/3): 28.571 + 28.571 = 57.1.
        Assert.Equal(57.1m, view.ComputedScore);
        Assert.Equal(57.1m, view.FinalScore);
        Assert.Equal("按时办结 2/4", view.Lines.Single(l => l.Key == "obligations").Basis);
        Assert.Equal("已完成 2/3", view.Lines.Single(l => l.Key == "list-items").Basis);
        Assert.Equal("尚无整改记录，不计入", view.Lines.Single(l => l.Key == "rectifications").Basis);
        Assert.Equal(refreshed.Value, view.Id);
        Assert.Equal(AssessmentStatus.Draft, view.Status);
        Assert.Contains("×40", view.FormulaText, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task AddAdjustment_WithoutReason_RefusedAndScoreUnchanged(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (id, _) = await DraftAsync(host);
        var handler = host.Get<ManageAssessment>();
        var actor = await host.ActorAsync("yz.office");

        var refused = await handler.AddAdjustmentAsync(actor, new AddAdjustmentCommand(id, 5m, "  ", await VersionAsync(host, id)));
        var added = await handler.AddAdjustmentAsync(actor, new AddAdjustmentCommand(id, 2.5m, "年度工作获市级通报表扬", await VersionAsync(host, id)));

        Assert.Equal("reason", refused.Error?.Field);
        Assert.True(added.IsSuccess, added.Error?.Message);
        await using var db = await host.DbAsync();
        var stored = await db.Set<UnitAssessment>().Include(a => a.Adjustments).SingleAsync(a => a.Id == id);
        Assert.Equal([2.5m], stored.Adjustments.Select(a => a.Points));
        Assert.Equal(59.6m, stored.FinalScore);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == ResponsibilityAudit.AssessmentAdjust && a.Detail!.Contains("市级通报表扬")));
    }

    [Theory]
    [BothProviders]
    public async Task Confirm_ThenAnyChange_RefusedAsImmutable(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (id, year) = await DraftAsync(host);
        var handler = host.Get<ManageAssessment>();
        var actor = await host.ActorAsync("jyj.office");
        Assert.True((await handler.SetMeasureAsync(await host.ActorAsync("yz.office"), new SetMeasureCommand(id, "约谈警示", await VersionAsync(host, id)))).IsSuccess);
        Assert.True((await handler.ConfirmAsync(actor, new ConfirmAssessmentCommand(id, await VersionAsync(host, id)))).IsSuccess);
        var version = await VersionAsync(host, id);

        var adjust = await handler.AddAdjustmentAsync(actor, new AddAdjustmentCommand(id, 1m, "确定后再加分", version));
        var measure = await handler.SetMeasureAsync(actor, new SetMeasureCommand(id, "一票否决", version));
        var refresh = await handler.RefreshAsync(actor, new RefreshAssessmentCommand(await host.UnitIdAsync("第一中学"), year, version));
        var confirmAgain = await handler.ConfirmAsync(actor, new ConfirmAssessmentCommand(id, version));

        Assert.All([adjust.Error, measure.Error, refresh.Error, confirmAgain.Error], e => Assert.Contains("已确定", e?.Message, StringComparison.Ordinal));
        await using var db = await host.DbAsync();
        var stored = await db.Set<UnitAssessment>().Include(a => a.Adjustments).SingleAsync(a => a.Id == id);
        Assert.Equal((AssessmentStatus.Confirmed, "约谈警示", 0, version), (stored.Status, stored.Measure, stored.Adjustments.Count, stored.Version));
    }

    [Theory]
    [BothProviders]
    public async Task Confirm_ByTheUnitsOwnOffice_ForbiddenAuditedAndStillDraft(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (id, year) = await DraftAsync(host);

        var own = await host.Get<ManageAssessment>().ConfirmAsync(await host.ActorAsync("yz.office"), new ConfirmAssessmentCommand(id, await VersionAsync(host, id)));

        Assert.Equal(ErrorKind.Forbidden, own.Error?.Kind);
        Assert.Contains("上级单位", own.Error!.Message, StringComparison.Ordinal);
        var unit = await host.UnitIdAsync("第一中学");
        Assert.False((await host.Get<ManageAssessment>().GetAsync(await host.ActorAsync("yz.office"), unit, year)).Value.CanConfirm);
        Assert.True((await host.Get<ManageAssessment>().GetAsync(await host.ActorAsync("jyj.office"), unit, year)).Value.CanConfirm);
        await using var db = await host.DbAsync();
        Assert.Equal(AssessmentStatus.Draft, (await db.Set<UnitAssessment>().SingleAsync(a => a.Id == id)).Status);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ObjectId == id.ToString() && a.Outcome == DutyDesk.Platform.Auditing.AuditOutcome.Denied));
    }

    [Theory]
    [BothProviders]
    public async Task SetMeasure_NotInCatalog_Refused(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (id, _) = await DraftAsync(host);

        var set = await host.Get<ManageAssessment>().SetMeasureAsync(await host.ActorAsync("yz.office"), new SetMeasureCommand(id, "通报批评", await VersionAsync(host, id)));

        Assert.Equal("measure", set.Error?.Field);
    }

    [Theory]
    [BothProviders]
    public async Task Refresh_OfficeOfFirstSchoolForPrimarySchool_NotFound_BureauOfficeAssessesBoth(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var year = LastYear(host);
        var handler = host.Get<ManageAssessment>();
        var primary = await host.UnitIdAsync("实验小学");

        var sibling = await handler.RefreshAsync(await host.ActorAsync("yz.office"), new RefreshAssessmentCommand(primary, year, null));
        var siblingRead = await handler.GetAsync(await host.ActorAsync("yz.office"), primary, year);
        var department = await handler.RefreshAsync(await host.ActorAsync("yz.reviewer"), new RefreshAssessmentCommand(await host.UnitIdAsync("第一中学"), year, null));
        var superior = await handler.RefreshAsync(await host.ActorAsync("jyj.office"), new RefreshAssessmentCommand(primary, year, null));

        Assert.Equal(ErrorKind.NotFound, sibling.Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, siblingRead.Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, department.Error?.Kind);
        Assert.True(superior.IsSuccess, superior.Error?.Message);
        using var api = await ApiClient.ForUserAsync(host, "yz.office");
        using var response = await api.GetAsync($"/api/v1/responsibility/assessments?unitId={primary}&year={year}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [BothProviders]
    public async Task CreateAccountability_Circumstance14_RefusedAndNothingWritten(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);

        var created = await host.Get<ManageAccountability>().CreateAsync(await host.ActorAsync("yz.office"), new CreateAccountabilityCommand(
            await host.UnitIdAsync("第一中学"), LastYear(host), 14, "不存在的情形", AccountabilityScope.Collective, null, null, null));

        Assert.Equal("circumstance", created.Error?.Field);
        Assert.Contains("第 1 至 13 项", created.Error!.Message, StringComparison.Ordinal);
        await using var db = await host.DbAsync();
        Assert.Equal(0, await db.Set<AccountabilityRecord>().CountAsync());
    }

    [Theory]
    [BothProviders]
    public async Task CreateAccountability_LeadershipResponsibilityOfObjector_RefusedButCollectiveListsHimExempt(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (decisionId, leader, secretary) = await DecisionWithObjectorAsync(host);
        var handler = host.Get<ManageAccountability>();
        var actor = await host.ActorAsync("yz.office");
        var unitId = await host.UnitIdAsync("第一中学");
        var year = host.Get<DisplayClock>().ToLocal(host.Clock.GetUtcNow().UtcDateTime).Year;

        var objector = await handler.CreateAsync(actor, new CreateAccountabilityCommand(unitId, year, 3, "评论区出现错误导向言论",
            AccountabilityScope.Individual, leader, IndividualResponsibility.ImportantLeadership, decisionId));
        var agreed = await handler.CreateAsync(actor, new CreateAccountabilityCommand(unitId, year, 3, "评论区出现错误导向言论",
            AccountabilityScope.Individual, secretary, IndividualResponsibility.PrincipalLeadership, decisionId));
        var collective = await handler.CreateAsync(actor, new CreateAccountabilityCommand(unitId, year, 3, "评论区出现错误导向言论",
            AccountabilityScope.Collective, null, null, decisionId));

        Assert.Equal("personId", objector.Error?.Field);
        Assert.Contains("明确表示反对", objector.Error!.Message, StringComparison.Ordinal);
        Assert.True(agreed.IsSuccess, agreed.Error?.Message);
        Assert.True(collective.IsSuccess, collective.Error?.Message);
        var records = (await handler.ListAsync(actor, unitId, year)).Value;
        Assert.Equal(2, records.Count);
        Assert.Equal(["赵敏"], records.Single(r => r.Scope == AccountabilityScope.Collective).ExemptMembers);
        Assert.Equal(AccountabilityCatalog.Circumstance(3)!.Text, records[0].CircumstanceText);
    }

    [Theory]
    [BothProviders]
    public async Task AssessmentPage_SignedIn_ShowsFormulaScoreAndMissingComponents(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        using var client = await MeetingTests.SignedInAsync(host, "yz.office");

        using var page = await client.GetAsync("/responsibility/assessment");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await LoginForm.TextAsync(page);
        Assert.Contains("计分公式", html, StringComparison.Ordinal);
        Assert.Contains("尚无整改记录，不计入", html, StringComparison.Ordinal);
        Assert.Contains("责任追究", html, StringComparison.Ordinal);
    }

    /// <summary>Seeds last year's tasks of 第一中学 (and some that must not count) and returns the year.</summary>
    private static async Task<int> SeedLastYearAsync(TestHost host)
    {
        var year = LastYear(host);
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var school = await host.UnitIdAsync("第一中学");
        var department = await host.UnitIdAsync("一中德育处");
        var owner = await host.UserIdAsync("yz.office");
        await using var db = await host.DbAsync();
        DueTask Add(string type, Guid unit, int month, string module = "responsibility")
            => db.AddDueTask(new DueTaskDraft($"{type} {month} 月", null, unit, owner, new DateTime(year, month, 15, 9, 30, 0, DateTimeKind.Utc), [],
                null, EvidenceRequired: true, SourceModule: module, SourceType: type, SourceId: $"{type}:{month}"), owner, now);
        void Done(DueTask task, int daysAfterDue) => task.Complete(task.DueAt.AddDays(daysAfterDue), owner, "已办", nothingToReport: false);

        Done(Add(TaskSources.ObligationOccurrence, school, 2), -3);
        Done(Add(TaskSources.ObligationOccurrence, school, 4), 0);
        Done(Add(TaskSources.ObligationOccurrence, school, 6), 5);
        Add(TaskSources.ObligationOccurrence, school, 8);
        Done(Add(TaskSources.ListItem, school, 3), -1);
        Done(Add(TaskSources.ListItem, school, 5), 20);
        Add(TaskSources.ListItem, school, 9);

        // Not counted: cancelled, another unit, another module, next year.
        Add(TaskSources.ObligationOccurrence, school, 10).State = DueTaskState.Cancelled;
        Add(TaskSources.ObligationOccurrence, department, 10);
        Add(TaskSources.ObligationOccurrence, school, 11, module: "platform");
        db.AddDueTask(new DueTaskDraft("下一年度", null, school, owner, new DateTime(year + 1, 2, 15, 9, 0, 0, DateTimeKind.Utc), [], null, true,
            "responsibility", TaskSources.ObligationOccurrence, "next"), owner, now);
        await db.SaveChangesAsync();
        return year;
    }

    private static async Task<(Guid Id, int Year)> DraftAsync(TestHost host)
    {
        var year = await SeedLastYearAsync(host);
        var created = await host.Get<ManageAssessment>().RefreshAsync(await host.ActorAsync("yz.office"), new RefreshAssessmentCommand(await host.UnitIdAsync("第一中学"), year, null));
        Assert.True(created.IsSuccess, created.Error?.Message);
        return (created.Value, year);
    }

    private static async Task<(Guid DecisionId, Guid Objector, Guid Agreed)> DecisionWithObjectorAsync(TestHost host)
    {
        var meetingId = await MeetingTests.CreateMeetingAsync(host, "yz.office", "第一中学", "<p>研究校园网评论区</p>");
        var actor = await host.ActorAsync("yz.office");
        var decisions = host.Get<MeetingDecisions>();
        var decision = await decisions.SaveDecisionAsync(actor, new SaveDecisionCommand(meetingId, null, "在校园网开设不审核的评论区", true, await MeetingTests.VersionAsync(host, meetingId)));
        Assert.True(decision.IsSuccess, decision.Error?.Message);
        var (secretary, leader, moral) = (await host.UserIdAsync("yz.secretary"), await host.UserIdAsync("yz.leader"), await host.UserIdAsync("yz.moral"));
        var recorded = await decisions.RecordPositionsAsync(actor, new RecordPositionsCommand(meetingId, decision.Value,
            [new(secretary, DecisionStance.Agree, null), new(leader, DecisionStance.Oppose, "无人审核，风险大"), new(moral, DecisionStance.Abstain, null)],
            await MeetingTests.VersionAsync(host, meetingId)));
        Assert.True(recorded.IsSuccess, recorded.Error?.Message);
        return (decision.Value, leader, secretary);
    }

    private static int LastYear(TestHost host) => host.Get<DisplayClock>().ToLocal(host.Clock.GetUtcNow().UtcDateTime).Year - 1;

    private static async Task<Guid> VersionAsync(TestHost host, Guid id)
    {
        await using var db = await host.DbAsync();
        return await db.Set<UnitAssessment>().Where(a => a.Id == id).Select(a => a.Version).SingleAsync();
    }
}
