using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Duty;
using DutyDesk.Opinion.Features.Periods;
using DutyDesk.Opinion.Features.Response;
using DutyDesk.Opinion.Ingest;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Tasks;
using Microsoft.EntityFrameworkCore;
using static DutyDesk.Integration.Tests.Opinion.OpinionTestData;
using static DutyDesk.Integration.Tests.Opinion.ResponseCaseTests;

namespace DutyDesk.Integration.Tests.Opinion;

/// <summary>The response half's alerts and sensitive periods: the person on duty first, one alert per event, misses escalated by level, clocks shortened.</summary>
public sealed class CaseAlertTests
{
    private const string Complaint = "第一中学食堂的饭菜里吃出了异物，家长很愤怒，学校到现在也没有任何回应，太让人失望了";

    [Theory]
    [BothProviders]
    public async Task Open_PersonOnDuty_AlertedFirstThenOfficeThenLeaderInCharge(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var reviewer = await host.UserIdAsync("yz.reviewer");
        var shift = await host.Get<ManageDuty>().CreateAsync(await host.ActorAsync("yz.office"), await host.UnitIdAsync("第一中学"),
            new ShiftInput(reviewer, now.AddHours(-1), now.AddHours(7), "白班", null));
        Assert.True(shift.IsSuccess, shift.Error?.Message);

        var (id, _) = await OpenAsync(host, IncidentLevelCode.III);

        await using var db = await host.DbAsync();
        var alert = await db.Alerts.Include(a => a.Recipients).SingleAsync(a => a.SourceId == id.ToString());
        Assert.Equal(
            [reviewer, await host.UserIdAsync("yz.office"), await host.UserIdAsync("yz.leader")],
            alert.Recipients.OrderBy(r => r.Order).Select(r => r.UserId).ToList());
        Assert.Equal((3, false, TimeSpan.FromMinutes(15)), (alert.Severity, alert.Urgent, alert.AckWithin));
        Assert.Equal($"/opinion/response/{id}", alert.Link);
    }

    [Theory]
    [BothProviders]
    public async Task Ingest_ComplaintsInTwoBatches_OneEventOneAlert(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var source = await SourceAsync(host);
        await SchemeAsync(host, "食堂", "第一中学", "食堂");
        var pipeline = host.Get<IngestPipeline>();

        await pipeline.IngestAsync(source, [Post(Complaint, url: "https://bbs.example.cn/t/1"), Post(Complaint + "！", url: "https://bbs.example.cn/t/2")]);
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        await pipeline.IngestAsync(source, [Post(Complaint + "，必须说明", url: "https://bbs.example.cn/t/3"), Post("第一中学食堂饭菜有异物，家长投诉无人理", url: "https://bbs.example.cn/t/4")]);

        await using var db = await host.DbAsync();
        var events = await db.Set<OpinionCase>().ToListAsync();
        var alerts = await db.Alerts.Include(a => a.Recipients).Where(a => a.SourceType == "Event").ToListAsync();
        var e = Assert.Single(events);
        Assert.True(e.ProposedLevel <= IncidentLevelCode.IV, e.ProposedRule);
        var alert = Assert.Single(alerts);
        Assert.Equal(e.Id.ToString(), alert.SourceId);
        Assert.Equal(await host.UserIdAsync("yz.office"), alert.Recipients.Single(r => r.Order == 0).UserId);
    }

    [Theory]
    [BothProviders]
    public async Task Scheduler_LevelIIIReportMissed_AlertToLeaderInChargeFirstInsteadOfPlainNotice(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (id, _) = await OpenAsync(host, IncidentLevelCode.III);
        host.Clock.Advance(TimeSpan.FromMinutes(31));

        await host.Get<DueTaskScheduler>().RunOnceAsync(CancellationToken.None);

        await using var db = await host.DbAsync();
        var missed = await db.Alerts.Include(a => a.Recipients).SingleAsync(a => a.DedupKey.StartsWith("deadline:"));
        Assert.Equal(await host.UserIdAsync("yz.leader"), missed.Recipients.Single(r => r.Order == 0).UserId);
        Assert.StartsWith("处置时限已过：向领导小组报送快报", missed.Title, StringComparison.Ordinal);
        Assert.Equal(0, await db.Outbox.CountAsync(m => m.IdempotencyKey.Contains(":overdue:to:")));
        // The owner still hears of it.
        Assert.Equal(1, await db.Outbox.CountAsync(m => m.Kind == "notify.in-app" && m.IdempotencyKey.EndsWith(":overdue:owner:app")));
    }

    [Theory]
    [BothProviders]
    public async Task Open_InBureauSensitivePeriod_ClocksHalvedAndNoted(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var period = await host.Get<ManagePeriods>().CreateAsync(await host.ActorAsync("jyj.office"), await host.UnitIdAsync("市教育局"),
            new PeriodInput("全国两会", now.AddDays(-1), now.AddDays(10), 0.5, 0.5, null));
        Assert.True(period.IsSuccess, period.Error?.Message);

        var (id, c) = await OpenAsync(host, IncidentLevelCode.II);
        var detail = (await host.Get<ResponseQueries>().GetAsync(await host.ActorAsync("yz.office"), id)).Value;

        Assert.Equal(("全国两会", 0.5), (c.SensitivePeriod, c.DeadlineFactor));
        Assert.Equal(
            [(DeadlineKind.ReportToGroup, 15.0), (DeadlineKind.ReportToSuperior, 60.0), (DeadlineKind.OfficialResponse, 360.0), (DeadlineKind.OuterLimit, 720.0)],
            detail.Deadlines.Select(d => (d.Kind, (d.DueAt - c.DiscoveredAt).TotalMinutes)).ToList());
        Assert.Contains(detail.Timeline, t => t.Text == "处于敏感时期“全国两会”，各项时限按 0.5 倍缩短");
    }
}
