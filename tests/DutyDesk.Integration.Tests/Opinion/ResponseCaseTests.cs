using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Opinion;
using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Response;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Tasks;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests.Opinion;

/// <summary>Response cases: opened with a confirmed level, deadlines as DueTasks from discovery, moves of the procedure, scope.</summary>
public sealed class ResponseCaseTests
{
    internal static OpenCaseInput ByHand(Guid unit, IncidentLevelCode? level, string? reason = "人工研判", DateTime? discoveredAt = null)
        => new(unit, null, "第一中学食堂饭菜异物投诉", "家长在微博投诉食堂饭菜中有异物。", CaseOrigin.Report, "微博", discoveredAt, level, reason);

    internal static async Task<(Guid Id, ResponseCase Case)> OpenAsync(TestHost host, IncidentLevelCode level, string user = "yz.office", DateTime? discoveredAt = null)
    {
        var opened = await host.Get<ManageCases>().OpenAsync(await host.ActorAsync(user), ByHand(await host.UnitIdAsync("第一中学"), level, discoveredAt: discoveredAt));
        Assert.True(opened.IsSuccess, opened.Error?.Message);
        await using var db = await host.DbAsync();
        return (opened.Value, await db.Set<ResponseCase>().AsNoTracking().SingleAsync(c => c.Id == opened.Value));
    }

    [Theory]
    [BothProviders]
    public async Task Open_LevelIII_DeadlinesFromDiscoveryAsDueTasksAndTimeline(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var discovered = host.Clock.GetUtcNow().UtcDateTime.AddMinutes(-20);

        var (id, c) = await OpenAsync(host, IncidentLevelCode.III, discoveredAt: discovered);
        discovered = c.DiscoveredAt;
        var detail = (await host.Get<ResponseQueries>().GetAsync(await host.ActorAsync("yz.office"), id)).Value;

        Assert.Equal((CaseStep.Discovered, IncidentLevelCode.III), (c.Step, c.Level));
        Assert.Equal(
            [(DeadlineKind.ReportToGroup, discovered.AddMinutes(30)), (DeadlineKind.OfficialResponse, discovered.AddHours(12)), (DeadlineKind.OuterLimit, discovered.AddHours(24))],
            detail.Deadlines.Select(d => (d.Kind, d.DueAt)).ToList());
        await using var db = await host.DbAsync();
        var tasks = await db.DueTasks.Where(t => t.SourceType == "ResponseCase" && t.SourceId == id.ToString()).ToListAsync();
        Assert.Equal(3, tasks.Count);
        var office = await host.UserIdAsync("yz.office");
        var leader = await host.UserIdAsync("yz.leader");
        Assert.All(tasks, t => Assert.Equal(office, t.OwnerId));
        // Ⅲ escalates to the leader in charge (赵敏).
        Assert.All(tasks, t => Assert.Equal(leader, t.EscalateToId));
        Assert.Equal([TimelineKind.Opened, TimelineKind.Level], detail.Timeline.Select(t => t.Kind).ToList());
        Assert.Equal("人工研判", Assert.Single(detail.Levels).Reason);
        Assert.Contains(detail.Moves, m => m.Trigger == CaseTrigger.ReportFacts && m.NeedsNote);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == OpinionAudit.CaseOpen && a.ObjectId == id.ToString()));
    }

    [Theory]
    [BothProviders]
    public async Task Open_LevelI_ReportToSuperiorWithinAnHourAndEscalationToSecretaryAndBureau(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (id, c) = await OpenAsync(host, IncidentLevelCode.I);
        await using var db = await host.DbAsync();

        var superior = await db.Set<CaseDeadline>().Where(d => d.CaseId == id && d.Kind == DeadlineKind.ReportToSuperior)
            .Join(db.DueTasks, d => d.TaskId, t => t.Id, (d, t) => t).SingleAsync();
        var targets = await CaseWork.EscalationTargetsAsync(db, c.UnitId, IncidentLevelCode.I, default);

        Assert.Equal(c.DiscoveredAt.AddHours(1), superior.DueAt);
        Assert.Equal([await host.UserIdAsync("yz.secretary"), await host.UserIdAsync("jyj.office")], targets);
    }

    [Theory]
    [BothProviders]
    public async Task ChangeLevel_IIIToII_AddsSuperiorDeadlineAndLogsReason_BackToIV_CancelsIt(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (id, c) = await OpenAsync(host, IncidentLevelCode.III);
        var handler = host.Get<ManageCases>();
        var leader = await host.ActorAsync("yz.leader");

        var noReason = await handler.ChangeLevelAsync(leader, id, IncidentLevelCode.II, " ", c.Version);
        var raised = await handler.ChangeLevelAsync(leader, id, IncidentLevelCode.II, "省级媒体已转载", c.Version);
        var stale = await handler.ChangeLevelAsync(leader, id, IncidentLevelCode.IV, "误判", c.Version);
        var version = await VersionAsync(host, id);
        var lowered = await handler.ChangeLevelAsync(leader, id, IncidentLevelCode.IV, "经核实为个别投诉", version);
        var detail = (await host.Get<ResponseQueries>().GetAsync(leader, id)).Value;

        Assert.Equal(("reason", "“调整理由”不能为空。"), (noReason.Error?.Field, noReason.Error?.Message));
        Assert.True(raised.IsSuccess, raised.Error?.Message);
        Assert.Equal(ErrorKind.Conflict, stale.Error?.Kind);
        Assert.True(lowered.IsSuccess, lowered.Error?.Message);
        Assert.Equal(
            [(null, IncidentLevelCode.III, "人工研判"), (IncidentLevelCode.III, IncidentLevelCode.II, "省级媒体已转载"), (IncidentLevelCode.II, IncidentLevelCode.IV, "经核实为个别投诉")],
            detail.Levels.Select(l => (l.From, l.To, l.Reason)).ToList());
        var superior = Assert.Single(detail.Deadlines, d => d.Kind == DeadlineKind.ReportToSuperior);
        Assert.Equal((DueTaskState.Cancelled, c.DiscoveredAt.AddHours(2)), (superior.State, superior.DueAt));
        await using var db = await host.DbAsync();
        // Ⅳ escalates to the leading group office.
        var officeId = await host.UserIdAsync("yz.office");
        Assert.All(await db.DueTasks.Where(t => t.SourceId == id.ToString() && t.State == DueTaskState.Open).ToListAsync(),
            t => Assert.Equal(officeId, t.EscalateToId));
    }

    [Theory]
    [BothProviders]
    public async Task Move_ReportFactsInTime_DeadlineKept_WrongMoveRefusedWithAllowedOnes(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (id, _) = await OpenAsync(host, IncidentLevelCode.III);
        var handler = host.Get<ManageCases>();
        var office = await host.ActorAsync("yz.office");
        host.Clock.Advance(TimeSpan.FromMinutes(12));

        var missingNote = await handler.MoveAsync(office, id, CaseTrigger.ReportFacts, "", await VersionAsync(host, id));
        var reported = await handler.MoveAsync(office, id, CaseTrigger.ReportFacts, "家长反映食堂饭菜有异物，学校已封存留样。", await VersionAsync(host, id));
        var wrong = await handler.MoveAsync(office, id, CaseTrigger.Calm, "已无新增", await VersionAsync(host, id));
        var viaStatement = await handler.MoveAsync(office, id, CaseTrigger.ApproveStatement, null, await VersionAsync(host, id));
        var detail = (await host.Get<ResponseQueries>().GetAsync(office, id)).Value;

        Assert.Equal("note", missingNote.Error?.Field);
        Assert.True(reported.IsSuccess, reported.Error?.Message);
        Assert.Equal("事件处于“快报”步骤，不能“确认平息”。现在可以：会商研判。", wrong.Error?.Message);
        Assert.Equal("trigger", viaStatement.Error?.Field);
        Assert.Equal(CaseStep.Reported, detail.Step);
        var report = Assert.Single(detail.Deadlines, d => d.Kind == DeadlineKind.ReportToGroup);
        Assert.True(report.KeptAt(host.Clock.GetUtcNow().UtcDateTime));
        Assert.Contains(detail.Timeline, t => t.Kind == TimelineKind.Deadline && t.Text == "时限“向领导小组报送快报”按时完成");
        Assert.Contains(detail.Timeline, t => t.Kind == TimelineKind.Step && t.Text.Contains("学校已封存留样", StringComparison.Ordinal));
    }

    [Theory]
    [BothProviders]
    public async Task Move_NotPermittedRoleOrOtherUnit_RefusedAndAudited(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (id, c) = await OpenAsync(host, IncidentLevelCode.IV);
        var handler = host.Get<ManageCases>();

        var reviewer = await handler.MoveAsync(await host.ActorAsync("yz.reviewer"), id, CaseTrigger.Monitor, null, c.Version);
        var otherSchool = await handler.MoveAsync(await host.ActorAsync("xx.office"), id, CaseTrigger.Monitor, null, c.Version);
        var otherRead = await host.Get<ResponseQueries>().GetAsync(await host.ActorAsync("xx.office"), id);
        var otherBoard = await host.Get<ResponseQueries>().BoardAsync(await host.ActorAsync("xx.office"), null, closed: false);
        var bureauBoard = await host.Get<ResponseQueries>().BoardAsync(await host.ActorAsync("jyj.office"), null, closed: false);

        Assert.Equal(ErrorKind.Forbidden, reviewer.Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, otherSchool.Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, otherRead.Error?.Kind);
        Assert.Empty(otherBoard.Value);
        Assert.Equal(id, Assert.Single(bureauBoard.Value).Id);
        await using var db = await host.DbAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "access.denied" && a.ObjectId == id.ToString()));
    }

    [Theory]
    [BothProviders]
    public async Task Open_BadInput_ChineseMessageNamingFieldAndNothingSaved(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unit = await host.UnitIdAsync("第一中学");
        var office = await host.ActorAsync("yz.office");
        var handler = host.Get<ManageCases>();
        var now = host.Clock.GetUtcNow().UtcDateTime;

        var noLevel = await handler.OpenAsync(office, ByHand(unit, null));
        var noReason = await handler.OpenAsync(office, ByHand(unit, IncidentLevelCode.III, reason: null));
        var future = await handler.OpenAsync(office, ByHand(unit, IncidentLevelCode.III, discoveredAt: now.AddHours(1)));
        var longTitle = await handler.OpenAsync(office, ByHand(unit, IncidentLevelCode.III) with { Title = new string('长', 201) });

        Assert.Equal(("level", "请确认“事件级别”（Ⅰ—Ⅴ级）。"), (noLevel.Error?.Field, noLevel.Error?.Message));
        Assert.Equal(("levelReason", "请填写“定级理由”。"), (noReason.Error?.Field, noReason.Error?.Message));
        Assert.Equal(("discoveredAt", "“发现时间”不能晚于现在。"), (future.Error?.Field, future.Error?.Message));
        Assert.Equal("title", longTitle.Error?.Field);
        await using var db = await host.DbAsync();
        Assert.Equal(0, await db.Set<ResponseCase>().CountAsync());
        Assert.Equal(0, await db.DueTasks.CountAsync(t => t.SourceType == "ResponseCase"));
    }

    internal static async Task<Guid> VersionAsync(TestHost host, Guid id)
    {
        await using var db = await host.DbAsync();
        return await db.Set<ResponseCase>().Where(c => c.Id == id).Select(c => c.Version).SingleAsync();
    }
}
