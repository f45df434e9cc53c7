using System.Text;
using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Response;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Tasks;
using Microsoft.EntityFrameworkCore;
using static DutyDesk.Integration.Tests.Opinion.ResponseCaseTests;

namespace DutyDesk.Integration.Tests.Opinion;

/// <summary>The actions log and the escalation of missed response deadlines by level.</summary>
public sealed class CaseActionTests
{
    [Theory]
    [BothProviders]
    public async Task Record_CorrectionRequestWithoutFacts_RefusedNamingFacts_WithFactsRecordedOnTimeline(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (id, _) = await OpenAsync(host, IncidentLevelCode.III);
        var actions = host.Get<CaseActions>();
        var office = await host.ActorAsync("yz.office");

        var noFacts = await actions.RecordAsync(office, id, new(CaseActionKind.CorrectionRequest, null, "申请更正不实帖子", null, "某论坛", "https://bbs.example.cn/t/1"), []);
        var badUrl = await actions.RecordAsync(office, id, new(CaseActionKind.CorrectionRequest, null, "申请更正不实帖子", "帖称食物中毒，经卫健部门检测无致病菌", "某论坛", "javascript:alert(1)"), []);
        var police = await actions.RecordAsync(office, id, new(CaseActionKind.PoliceReport, null, "就造谣帖报案", " ", "城关派出所", null), []);
        var done = await actions.RecordAsync(office, id, new(CaseActionKind.CorrectionRequest, null, "申请更正不实帖子", "帖称食物中毒，经卫健部门检测无致病菌", "某论坛", "https://bbs.example.cn/t/1"), []);
        var list = (await actions.ListAsync(office, id)).Value;
        var detail = (await host.Get<ResponseQueries>().GetAsync(office, id)).Value;

        Assert.Equal("facts", noFacts.Error?.Field);
        Assert.Contains("证明内容不实的事实", noFacts.Error?.Message, StringComparison.Ordinal);
        Assert.Equal("contentUrl", badUrl.Error?.Field);
        Assert.Equal("facts", police.Error?.Field);
        Assert.True(done.IsSuccess, done.Error?.Message);
        var recorded = Assert.Single(list);
        Assert.Equal((CaseActionKind.CorrectionRequest, "帖称食物中毒，经卫健部门检测无致病菌", "孙磊"), (recorded.Kind, recorded.Facts, recorded.By));
        Assert.Contains(detail.Timeline, t => t.Kind == TimelineKind.Action && t.Text == "向平台申请更正（某论坛）：申请更正不实帖子");
    }

    [Theory]
    [BothProviders]
    public async Task Record_ReportUpWithDocument_FulfilsSuperiorDeadline_WithoutDocumentRefused(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (id, _) = await OpenAsync(host, IncidentLevelCode.I);
        var actions = host.Get<CaseActions>();
        var office = await host.ActorAsync("yz.office");
        host.Clock.Advance(TimeSpan.FromMinutes(40));

        var bare = await actions.RecordAsync(office, id, new(CaseActionKind.ReportUp, null, "电话报告市教育局", null, "市教育局", null), []);
        using var document = new MemoryStream(Encoding.UTF8.GetBytes("关于第一中学食堂事件的情况报告"));
        var reported = await actions.RecordAsync(office, id, new(CaseActionKind.ReportUp, null, "书面报告市教育局", null, "市教育局", null), [new ActionUpload("情况报告.txt", document)]);
        var detail = (await host.Get<ResponseQueries>().GetAsync(office, id)).Value;
        var list = (await actions.ListAsync(office, id)).Value;
        var file = await actions.GetFileAsync(office, id, Assert.Single(Assert.Single(list).Files).FileId);
        var otherSchool = await actions.GetFileAsync(await host.ActorAsync("xx.office"), id, file.Value.Id);

        Assert.Equal(("files", "向上级报告须附上报告文件。"), (bare.Error?.Field, bare.Error?.Message));
        Assert.True(reported.IsSuccess, reported.Error?.Message);
        var superior = Assert.Single(detail.Deadlines, d => d.Kind == DeadlineKind.ReportToSuperior);
        Assert.Equal(DueTaskState.Done, superior.State);
        Assert.True(superior.KeptAt(host.Clock.GetUtcNow().UtcDateTime));
        Assert.Equal("情况报告.txt", file.Value.FileName);
        Assert.False(otherSchool.IsSuccess);
    }

    [Theory]
    [BothProviders]
    public async Task Scheduler_LevelIIReportMissed_LeaderInChargeAlertedAndTimelineSaysSo(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (id, _) = await OpenAsync(host, IncidentLevelCode.II);
        host.Clock.Advance(TimeSpan.FromMinutes(31));

        await host.Get<DueTaskScheduler>().RunOnceAsync(CancellationToken.None);

        await using var db = await host.DbAsync();
        var missed = await db.Alerts.Include(a => a.Recipients).SingleAsync(a => a.DedupKey.StartsWith("deadline:"));
        Assert.Equal(await host.UserIdAsync("yz.leader"), missed.Recipients.Single(r => r.Order == 0).UserId);
        Assert.True(missed.Urgent);
        var detail = (await host.Get<ResponseQueries>().GetAsync(await host.ActorAsync("yz.office"), id)).Value;
        Assert.Contains(detail.Timeline, t => t.Kind == TimelineKind.Deadline && t.Text == "时限“向领导小组报送快报”已过（Ⅱ级 重大），报告分管领导" && t.By is null);
        Assert.False(Assert.Single(detail.Deadlines, d => d.Kind == DeadlineKind.ReportToGroup).KeptAt(host.Clock.GetUtcNow().UtcDateTime));
    }

    [Theory]
    [BothProviders]
    public async Task Scheduler_LevelIReportMissed_TopLeaderAndSuperiorOfficeAlertedFirst(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await OpenAsync(host, IncidentLevelCode.I);
        host.Clock.Advance(TimeSpan.FromMinutes(31));

        await host.Get<DueTaskScheduler>().RunOnceAsync(CancellationToken.None);

        await using var db = await host.DbAsync();
        var missed = await db.Alerts.Include(a => a.Recipients).SingleAsync(a => a.DedupKey.StartsWith("deadline:"));
        Assert.Equal(
            [await host.UserIdAsync("yz.secretary"), await host.UserIdAsync("jyj.office"), await host.UserIdAsync("yz.office")],
            missed.Recipients.OrderBy(r => r.Order).Select(r => r.UserId).ToList());
    }
}
