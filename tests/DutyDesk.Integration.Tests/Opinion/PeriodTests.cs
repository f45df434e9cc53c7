using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Opinion;
using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Periods;
using DutyDesk.Opinion.Jobs;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests.Opinion;

/// <summary>Sensitive periods: made, validated, scoped, inherited from a superior, and the poller polling sooner while one lasts.</summary>
public sealed class PeriodTests
{
    [Theory]
    [BothProviders]
    public async Task Create_ThenList_ActiveNowAndAudited(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unit = await host.UnitIdAsync("第一中学");
        var office = await host.ActorAsync("yz.office");
        var handler = host.Get<ManagePeriods>();
        var t0 = Minute(host);

        var created = await handler.CreateAsync(office, unit, new PeriodInput(" 期末考试 ", t0.AddHours(-1), t0.AddDays(3), 0.5, 0.25, "考试周"));
        var future = await handler.CreateAsync(office, unit, new PeriodInput("元旦", t0.AddDays(30), t0.AddDays(33), 0.8, 0.8, null));
        var list = await handler.ListAsync(await host.ActorAsync("yz.reviewer"), unit);
        var month = await handler.ListAsync(office, unit, t0, t0.AddDays(10));

        Assert.True(created.IsSuccess, created.Error?.Message);
        Assert.True(future.IsSuccess, future.Error?.Message);
        Assert.Equal(["期末考试", "元旦"], list.Value.Periods.Select(p => p.Name));
        var exam = list.Value.Periods[0];
        Assert.Equal((t0.AddHours(-1), t0.AddDays(3), 0.5, 0.25, "考试周", true, false, false), (exam.StartsAt, exam.EndsAt, exam.DeadlineFactor, exam.MonitoringFactor, exam.Note, exam.ActiveNow, exam.Inherited, exam.CanEdit));
        Assert.Equal(created.Value, list.Value.Active?.Id);
        Assert.False(list.Value.CanEdit);
        Assert.Equal(["期末考试"], month.Value.Periods.Select(p => p.Name));
        Assert.True(month.Value.Periods[0].CanEdit);
        await using var db = await host.DbAsync();
        var audit = await db.AuditEntries.Where(a => a.Action == OpinionAudit.PeriodCreate).OrderBy(a => a.Sequence).Select(a => a.Detail).FirstAsync();
        Assert.Contains("期末考试（", audit, StringComparison.Ordinal);
        Assert.Contains("处置期限系数 0.5，监测间隔系数 0.25", audit, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Create_Invalid_NamesFieldAndChangesNothing(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unit = await host.UnitIdAsync("第一中学");
        var office = await host.ActorAsync("yz.office");
        var handler = host.Get<ManagePeriods>();
        var t0 = Minute(host);
        (PeriodInput Input, string Field, string Message)[] cases =
        [
            (new PeriodInput("", t0, t0.AddDays(1), 0.5, 0.5, null), "name", "“名称”不能为空。"),
            (new PeriodInput("高考", t0, t0, 0.5, 0.5, null), "endsAt", "“结束时间”须晚于“开始时间”。"),
            (new PeriodInput("高考", t0, t0.AddDays(1), 0, 0.5, null), "deadlineFactor", "“处置期限系数”须在 0.1 到 1.0 之间（现为 0）。"),
            (new PeriodInput("高考", t0, t0.AddDays(1), 0.5, 1.2, null), "monitoringFactor", "“监测间隔系数”须在 0.1 到 1.0 之间（现为 1.2）。"),
        ];

        foreach (var (input, field, message) in cases)
        {
            var result = await handler.CreateAsync(office, unit, input);
            Assert.Equal((field, message), (result.Error?.Field, result.Error?.Message));
        }

        await using var db = await host.DbAsync();
        Assert.False(await db.Set<SensitivePeriod>().AnyAsync());
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == OpinionAudit.PeriodCreate));
    }

    [Theory]
    [BothProviders]
    public async Task ActiveAsync_SuperiorPeriod_InheritedAndSmallestDeadlineFactorWins(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (bureau, school, department, other) = (await host.UnitIdAsync("市教育局"), await host.UnitIdAsync("第一中学"), await host.UnitIdAsync("一中德育处"), await host.UnitIdAsync("实验小学"));
        var handler = host.Get<ManagePeriods>();
        var t0 = Minute(host);
        var gaokao = await handler.CreateAsync(await host.ActorAsync("jyj.office"), bureau, new PeriodInput("高考", t0, t0.AddDays(3), 0.4, 0.5, null));
        var schoolOwn = await handler.CreateAsync(await host.ActorAsync("yz.office"), school, new PeriodInput("校庆", t0.AddDays(1), t0.AddDays(5), 0.3, 0.9, null));
        await using var db = await host.DbAsync();

        var before = await SensitivePeriods.ActiveAsync(db, department, t0.AddTicks(-10), CancellationToken.None);
        var first = await SensitivePeriods.ActiveAsync(db, department, t0, CancellationToken.None);
        var both = await SensitivePeriods.ActiveAsync(db, department, t0.AddDays(2), CancellationToken.None);
        var sibling = await SensitivePeriods.ActiveAsync(db, other, t0.AddDays(2), CancellationToken.None);
        var bureauItself = await SensitivePeriods.ActiveAsync(db, bureau, t0.AddDays(2), CancellationToken.None);
        var afterGaokao = await SensitivePeriods.ActiveAsync(db, school, t0.AddDays(3), CancellationToken.None);
        var ended = await SensitivePeriods.ActiveAsync(db, school, t0.AddDays(5), CancellationToken.None);
        host.Clock.SetUtcNow(new DateTimeOffset(t0));
        var view = await handler.ListAsync(await host.ActorAsync("yz.office"), school);

        Assert.Null(before);
        Assert.Equal(gaokao.Value, first?.Id);
        Assert.Equal(schoolOwn.Value, both?.Id);
        Assert.Equal(gaokao.Value, sibling?.Id);
        Assert.Equal(gaokao.Value, bureauItself?.Id);
        Assert.Equal(schoolOwn.Value, afterGaokao?.Id);
        Assert.Null(ended);
        var inherited = view.Value.Periods.Single(p => p.Name == "高考");
        Assert.Equal((true, "市教育局", false, true), (inherited.Inherited, inherited.UnitName, inherited.CanEdit, inherited.ActiveNow));
        Assert.Equal(gaokao.Value, view.Value.Active?.Id);
        Assert.Equal(0.5, await SensitivePeriods.MonitoringFactorAsync(db, department, t0.AddDays(2), CancellationToken.None));
        Assert.Equal(1.0, await SensitivePeriods.MonitoringFactorAsync(db, department, t0.AddDays(6), CancellationToken.None));
    }

    [Theory]
    [BothProviders]
    public async Task Periods_OtherSchoolSubordinateAndReviewer_NotFoundOrForbidden(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (bureau, school) = (await host.UnitIdAsync("市教育局"), await host.UnitIdAsync("第一中学"));
        var handler = host.Get<ManagePeriods>();
        var t0 = Minute(host);
        var input = new PeriodInput("高考", t0, t0.AddDays(3), 0.5, 0.5, null);
        var bureauPeriod = (await handler.CreateAsync(await host.ActorAsync("jyj.office"), bureau, input)).Value;
        var schoolPeriod = (await handler.CreateAsync(await host.ActorAsync("yz.office"), school, input with { Name = "校庆" })).Value;
        var version = (await handler.ListAsync(await host.ActorAsync("yz.office"), school)).Value.Periods.Single(p => p.Id == schoolPeriod).Version;
        var foreign = await host.ActorAsync("xx.office");
        var reviewer = await host.ActorAsync("yz.reviewer");
        var office = await host.ActorAsync("yz.office");

        var foreignList = await handler.ListAsync(foreign, school);
        var foreignUpdate = await handler.UpdateAsync(foreign, schoolPeriod, input with { Name = "改" }, version);
        var foreignDelete = await handler.DeleteAsync(foreign, schoolPeriod, version);
        var superiorsPeriod = await handler.DeleteAsync(office, bureauPeriod, Guid.Empty);
        var reviewerCreate = await handler.CreateAsync(reviewer, school, input);
        var reviewerUpdate = await handler.UpdateAsync(reviewer, schoolPeriod, input with { Name = "改" }, version);
        var foreignOwnSees = await handler.ListAsync(foreign, await host.UnitIdAsync("实验小学"));

        Assert.Equal(ErrorKind.NotFound, foreignList.Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, foreignUpdate.Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, foreignDelete.Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, superiorsPeriod.Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, reviewerCreate.Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, reviewerUpdate.Error?.Kind);
        Assert.Equal(["高考"], foreignOwnSees.Value.Periods.Select(p => p.Name));
        await using var db = await host.DbAsync();
        Assert.Equal(2, await db.Set<SensitivePeriod>().CountAsync());
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.AccessDenied && a.UserName == "yz.reviewer"));
    }

    [Theory]
    [BothProviders]
    public async Task Update_StaleVersion_ConflictThenDeleteCancels(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var school = await host.UnitIdAsync("第一中学");
        var office = await host.ActorAsync("yz.office");
        var handler = host.Get<ManagePeriods>();
        var t0 = Minute(host);
        var input = new PeriodInput("校庆", t0, t0.AddDays(3), 0.5, 0.5, null);
        var id = (await handler.CreateAsync(office, school, input)).Value;
        var read = (await handler.ListAsync(office, school)).Value.Periods[0].Version;

        var first = await handler.UpdateAsync(office, id, input with { DeadlineFactor = 0.333 }, read);
        var stale = await handler.UpdateAsync(office, id, input with { Name = "晚到的修改" }, read);
        var fresh = (await handler.ListAsync(office, school)).Value.Periods[0];
        var deleted = await handler.DeleteAsync(office, id, fresh.Version);

        Assert.True(first.IsSuccess, first.Error?.Message);
        Assert.Equal("敏感时期已被他人修改，请刷新后重试。", stale.Error?.Message);
        Assert.Equal(("校庆", 0.33), (fresh.Name, fresh.DeadlineFactor));
        Assert.True(deleted.IsSuccess);
        Assert.Empty((await handler.ListAsync(office, school)).Value.Periods);
        await using var db = await host.DbAsync();
        Assert.Contains("处置期限系数 0.5", await db.AuditEntries.Where(a => a.Action == OpinionAudit.PeriodUpdate).Select(a => a.Detail).SingleAsync(), StringComparison.Ordinal);
        Assert.Contains("校庆", await db.AuditEntries.Where(a => a.Action == OpinionAudit.PeriodDelete).Select(a => a.Detail).SingleAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Poll_SourceOfUnitInSuperiorsPeriod_PolledAtIntervalTimesFactor(DatabaseProvider provider)
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/rss+xml; charset=utf-8";
            await context.Response.WriteAsync("""<?xml version="1.0"?><rss version="2.0"><channel><title>论坛</title><item><title>第一中学读书节</title><guid>a</guid></item></channel></rss>""");
        });
        await using var host = await TestHost.StartAsync(provider, new Dictionary<string, string?>
        {
            ["DutyDesk:Opinion:Poller:HostSpacingSeconds"] = "0", ["DutyDesk:Opinion:Poller:AllowPrivateAddresses"] = "true",
        });
        var school = await IntakeTestData.CreateSourceAsync(host, "本校论坛", SourceKind.Feed, server.Url("/school"), pollMinutes: 20);
        var other = await IntakeTestData.CreateSourceAsync(host, "实小论坛", SourceKind.Feed, server.Url("/other"), user: "xx.office", unit: "实验小学", pollMinutes: 20);
        var t0 = host.Clock.GetUtcNow().UtcDateTime;
        // 第一中学's period raises its monitoring only; 实验小学 beside it polls at its own interval.
        var period = await host.Get<ManagePeriods>().CreateAsync(await host.ActorAsync("yz.office"), await host.UnitIdAsync("第一中学"), new PeriodInput("高考", t0.AddMinutes(-1), t0.AddDays(1), 0.5, 0.25, null));
        Assert.True(period.IsSuccess, period.Error?.Message);

        Assert.Equal(2, await RunAsync(host));
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var polledSooner = await IntakeTestData.SourceAsync(host, school);
        var polledNormally = await IntakeTestData.SourceAsync(host, other);
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        var secondRound = await RunAsync(host);

        Assert.Equal(now.AddMinutes(5), polledSooner.NextPollAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(now.AddMinutes(20), polledNormally.NextPollAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, secondRound);
        Assert.Equal(2, server.HitsTo("/school").Count);
        Assert.Single(server.HitsTo("/other"));
    }

    [Theory]
    [BothProviders]
    public async Task Poll_PeriodSavedWhileSourcesWait_SubtreePolledWhenItBegins(DatabaseProvider provider)
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/rss+xml; charset=utf-8";
            await context.Response.WriteAsync("""<?xml version="1.0"?><rss version="2.0"><channel><title>论坛</title><item><title>第一中学运动会</title><guid>b</guid></item></channel></rss>""");
        });
        await using var host = await TestHost.StartAsync(provider, new Dictionary<string, string?>
        {
            ["DutyDesk:Opinion:Poller:HostSpacingSeconds"] = "0", ["DutyDesk:Opinion:Poller:AllowPrivateAddresses"] = "true",
        });
        var school = await IntakeTestData.CreateSourceAsync(host, "本校论坛", SourceKind.Feed, server.Url("/school"), pollMinutes: 20);
        var department = await IntakeTestData.CreateSourceAsync(host, "德育处订阅", SourceKind.Feed, server.Url("/department"), unit: "一中德育处", pollMinutes: 20);
        var other = await IntakeTestData.CreateSourceAsync(host, "实小论坛", SourceKind.Feed, server.Url("/other"), user: "xx.office", unit: "实验小学", pollMinutes: 20);
        Assert.Equal(3, await RunAsync(host));
        var polledAt = host.Clock.GetUtcNow().UtcDateTime;
        var period = await host.Get<ManagePeriods>().CreateAsync(await host.ActorAsync("yz.office"), await host.UnitIdAsync("第一中学"),
            new PeriodInput("运动会", polledAt.AddMinutes(5), polledAt.AddDays(1), 0.5, 0.5, null));
        Assert.True(period.IsSuccess, period.Error?.Message);

        var pulled = await IntakeTestData.SourceAsync(host, department);
        host.Clock.Advance(TimeSpan.FromMinutes(4));
        var early = await RunAsync(host);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var atStart = await RunAsync(host);
        var after = await IntakeTestData.SourceAsync(host, school);

        Assert.Equal(polledAt.AddMinutes(5), pulled.NextPollAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal((0, 2), (early, atStart));
        Assert.Equal(polledAt.AddMinutes(15), after.NextPollAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(polledAt.AddMinutes(20), (await IntakeTestData.SourceAsync(host, other)).NextPollAt!.Value, TimeSpan.FromMilliseconds(1));
    }

    [Theory]
    [BothProviders]
    public async Task PeriodsApi_CreateListUpdateDelete_RoundTripAndProblemDetails(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var school = await host.UnitIdAsync("第一中学");
        using var api = await ApiClient.ForUserAsync(host, "yz.office");
        var t0 = new DateTimeOffset(Minute(host).AddMinutes(-2)).ToOffset(TimeSpan.FromHours(8));
        var url = $"/api/v1/opinion/periods/{school}";

        using var invalid = await api.PostAsJsonAsync(url, new PeriodBody("高考", t0, t0.AddDays(1), DeadlineFactor: 2));
        using var created = await api.PostAsJsonAsync(url, new PeriodBody("高考", t0, t0.AddDays(1)));
        using var list = JsonDocument.Parse(await api.GetStringAsync(url));
        var period = list.RootElement.GetProperty("periods")[0];
        var id = period.GetProperty("id").GetGuid();
        var version = period.GetProperty("version").GetGuid();
        using var update = await api.PutAsJsonAsync($"/api/v1/opinion/periods/{id}", new PeriodBody("高考", t0, t0.AddDays(2), 0.3, 0.4, "延长", version));
        using var stale = await api.PutAsJsonAsync($"/api/v1/opinion/periods/{id}", new PeriodBody("高考", t0, t0.AddDays(2), Version: version));
        using var after = JsonDocument.Parse(await api.GetStringAsync(url));
        var newVersion = after.RootElement.GetProperty("periods")[0].GetProperty("version").GetGuid();
        using var delete = await api.DeleteAsync($"/api/v1/opinion/periods/{id}?version={newVersion}");
        using var foreign = await (await ApiClient.ForUserAsync(host, "xx.office")).GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        using (var problem = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()))
        {
            Assert.Equal("“处置期限系数”须在 0.1 到 1.0 之间（现为 2）。", problem.RootElement.GetProperty("errors").GetProperty("deadlineFactor")[0].GetString());
        }

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal((0.5, 0.5), (period.GetProperty("deadlineFactor").GetDouble(), period.GetProperty("monitoringFactor").GetDouble()));
        Assert.Equal(t0.UtcDateTime, period.GetProperty("startsAt").GetDateTime());
        Assert.Equal(id, list.RootElement.GetProperty("active").GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal((0.3, "延长"), (after.RootElement.GetProperty("periods")[0].GetProperty("deadlineFactor").GetDouble(), after.RootElement.GetProperty("periods")[0].GetProperty("note").GetString()));
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Theory]
    [BothProviders]
    public async Task Pages_SuperiorsPeriodActive_CalendarTableAndSourcesBanner(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var t0 = Minute(host).AddMinutes(-1);
        Assert.True((await host.Get<ManagePeriods>().CreateAsync(await host.ActorAsync("jyj.office"), await host.UnitIdAsync("市教育局"), new PeriodInput("全市统考", t0, t0.AddDays(2), 0.5, 0.25, null))).IsSuccess);
        using var client = await MeetingTests.SignedInAsync(host, "yz.office");

        using var periods = await client.GetAsync("/opinion/periods");
        using var sources = await client.GetAsync("/opinion/sources");
        var periodsHtml = await LoginForm.TextAsync(periods);
        var sourcesHtml = await LoginForm.TextAsync(sources);

        Assert.Equal(HttpStatusCode.OK, periods.StatusCode);
        Assert.Contains("id=\"periods-calendar\"", periodsHtml, StringComparison.Ordinal);
        Assert.Contains("当前处于敏感时期：全市统考", periodsHtml, StringComparison.Ordinal);
        Assert.Contains("市教育局设置", periodsHtml, StringComparison.Ordinal);
        Assert.Contains("dd-period-band", periodsHtml, StringComparison.Ordinal);
        Assert.Contains("敏感时期：全市统考（至 ", sourcesHtml, StringComparison.Ordinal);
        Assert.Contains("监测频率已提高", sourcesHtml, StringComparison.Ordinal);
        Assert.Contains("设定值的 25%", sourcesHtml, StringComparison.Ordinal);
    }

    private static DateTime Minute(TestHost host)
    {
        var now = host.Clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc).AddMinutes(1);
    }

    private static async Task<int> RunAsync(TestHost host)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await host.Get<SourcePoller>().RunOnceAsync(timeout.Token);
    }
}
