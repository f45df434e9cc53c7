using System.Net;
using System.Net.Http.Json;
using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Features.Calendar;
using DutyDesk.Platform.Features.Tasks;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Tasks;
using DutyDesk.Responsibility.Domain;
using DutyDesk.Responsibility.Features.Calendar;
using DutyDesk.Responsibility.Features.Obligations;
using DutyDesk.Responsibility.Jobs;
using Ical.Net;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests;

/// <summary>A unit's recurring obligations becoming dated tasks, closed with evidence or a 零报告, on its calendar and feed.</summary>
public sealed class ObligationTests
{
    // Monday 6 January 2031, 10:00 in Beijing: Tuesdays of study fall on 7, 14, 21 … January.
    private static readonly DateTimeOffset Adoption = new(2031, 1, 6, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [BothProviders]
    public async Task AdoptDefaults_NewUnit_PlansTasksWithinTheHorizonOnly(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        host.Clock.SetUtcNow(Adoption);
        var unit = await host.UnitIdAsync("第一中学");

        var result = await host.Get<ManageObligations>().AdoptDefaultsAsync(await host.ActorAsync("yz.office"), unit, ownerId: null);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(ObligationCatalog.Defaults.Count, result.Value.Adopted);
        // Horizon 62 days (to 8 March): last year's Q4 report (due 10 Jan), screenings of January and February, nine Tuesdays of study.
        var tasks = await OccurrenceTasksAsync(host, unit);
        Assert.Equal(12, result.Value.TasksCreated);
        Assert.Equal(12, tasks.Count);
        Assert.Equal(2, tasks.Count(t => t.Title.StartsWith("风险排查并形成排查报告", StringComparison.Ordinal)));
        Assert.Equal(9, tasks.Count(t => t.Title.StartsWith("理论学习", StringComparison.Ordinal)));
        var report = Assert.Single(tasks, t => t.Title == "向上级专题汇报（2030年第4季度）");
        Assert.Equal(new DateTime(2031, 1, 10, 9, 30, 0, DateTimeKind.Utc), report.DueAt); // 17:30 Beijing
        var january = Assert.Single(tasks, t => t.Title == "风险排查并形成排查报告（2031年1月）");
        Assert.Equal(new DateTime(2031, 1, 31, 9, 30, 0, DateTimeKind.Utc), january.DueAt);
        Assert.Equal(new DateTime(2031, 1, 28, 9, 30, 0, DateTimeKind.Utc), january.NextReminderAt); // 3 days before
        Assert.All(tasks, t => Assert.True(t.EvidenceRequired && t.AllowsNothingToReport));
        var office = await host.UserIdAsync("yz.office");
        Assert.All(tasks, t => Assert.Equal(office, t.OwnerId));
    }

    [Theory]
    [BothProviders]
    public async Task Plan_RunTwiceAndOnTwoNodesAtOnce_EachOccurrenceOnce(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        host.Clock.SetUtcNow(Adoption);
        var unit = await host.UnitIdAsync("第一中学");
        await host.Get<ManageObligations>().AdoptDefaultsAsync(await host.ActorAsync("yz.office"), unit, ownerId: null);
        host.Clock.SetUtcNow(new DateTimeOffset(2031, 3, 3, 2, 0, 0, TimeSpan.Zero));
        await using var second = host.StartSecondNode("node-b", out var secondServices);

        var counts = await Task.WhenAll(
            host.Get<ObligationPlanner>().PlanAsync(null, CancellationToken.None),
            ((ObligationPlanner)secondServices.GetService(typeof(ObligationPlanner))!).PlanAsync(null, CancellationToken.None));
        var again = await host.Get<ObligationPlanner>().PlanAsync(null, CancellationToken.None);

        // By 3 March the horizon reaches 4 May: screenings of March and April, Q1's report, eight more Tuesdays.
        Assert.Equal(23, (await OccurrenceTasksAsync(host, unit)).Count);
        Assert.Equal(11, counts.Sum());
        Assert.Equal(0, again);
        await using var db = await host.DbAsync();
        Assert.Equal(23, await db.Set<ObligationOccurrence>().CountAsync(x => x.UnitId == unit));
    }

    [Theory]
    [BothProviders]
    public async Task PerLeadershipMember_PolicyLecture_OneTaskForEachMember(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        host.Clock.SetUtcNow(new DateTimeOffset(2031, 11, 17, 2, 0, 0, TimeSpan.Zero));
        var unit = await host.UnitIdAsync("第一中学");

        await host.Get<ManageObligations>().AdoptDefaultsAsync(await host.ActorAsync("yz.office"), unit, ownerId: null);

        var lectures = (await OccurrenceTasksAsync(host, unit)).Where(t => t.Title.StartsWith("形势政策报告", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lectures.Count);
        Assert.Equal(
            new[] { await host.UserIdAsync("yz.leader"), await host.UserIdAsync("yz.secretary") }.Order(),
            lectures.Select(t => t.OwnerId).Order());
        Assert.Contains(lectures, t => t.Title == "形势政策报告（2031年度 · 刘志强）");
    }

    [Theory]
    [BothProviders]
    public async Task Close_NothingToReportWithoutReason_RefusedThenWithReasonShownAsZeroReport(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        host.Clock.SetUtcNow(Adoption);
        var unit = await host.UnitIdAsync("第一中学");
        var office = await host.ActorAsync("yz.office");
        await host.Get<ManageObligations>().AdoptDefaultsAsync(office, unit, ownerId: null);
        var task = (await OccurrenceTasksAsync(host, unit)).Single(t => t.Title == "风险排查并形成排查报告（2031年1月）");
        var manage = host.Get<ManageTasks>();

        var noEvidence = await manage.CompleteAsync(office, new CompleteTaskCommand(task.Id, "已排查", task.Version));
        var noReason = await manage.CompleteAsync(office, new CompleteTaskCommand(task.Id, "  ", task.Version, NothingToReport: true));
        var withReason = await manage.CompleteAsync(office, new CompleteTaskCommand(task.Id, "本月排查未发现风险点", task.Version, NothingToReport: true));

        Assert.Equal("evidence", noEvidence.Error?.Field);
        Assert.Contains("零报告", noEvidence.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("note", noReason.Error?.Field);
        Assert.True(withReason.IsSuccess, withReason.Error?.Message);
        var calendar = (await host.Get<UnitCalendar>().ForYearAsync(office, unit, 2031)).Value;
        var entry = Assert.Single(calendar.Entries, e => e.TaskId == task.Id);
        Assert.Equal(OccurrenceStatus.NothingToReport, entry.Status);
        var screening = Assert.Single(calendar.Obligations, o => o.Title == "风险排查并形成排查报告");
        Assert.Equal(1, screening.Done);
    }

    [Theory]
    [BothProviders]
    public async Task Reschedule_Occurrence_DueMovesScheduledDateStays(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        host.Clock.SetUtcNow(Adoption);
        var unit = await host.UnitIdAsync("第一中学");
        var office = await host.ActorAsync("yz.office");
        await host.Get<ManageObligations>().AdoptDefaultsAsync(office, unit, ownerId: null);
        var task = (await OccurrenceTasksAsync(host, unit)).Single(t => t.Title == "风险排查并形成排查报告（2031年1月）");
        var later = new DateTime(2031, 2, 5, 9, 30, 0, DateTimeKind.Utc);

        var noReason = await host.Get<ManageTasks>().RescheduleAsync(office, new RescheduleTaskCommand(task.Id, later, "", task.Version));
        var moved = await host.Get<ManageTasks>().RescheduleAsync(office, new RescheduleTaskCommand(task.Id, later, "春节假期顺延", task.Version));
        var stale = await host.Get<ManageTasks>().RescheduleAsync(office, new RescheduleTaskCommand(task.Id, later.AddDays(1), "再次顺延", task.Version));

        Assert.Equal("reason", noReason.Error?.Field);
        Assert.True(moved.IsSuccess, moved.Error?.Message);
        Assert.Equal(ErrorKind.Conflict, stale.Error?.Kind);
        var entry = (await host.Get<UnitCalendar>().ForYearAsync(office, unit, 2031)).Value.Entries.Single(e => e.TaskId == task.Id);
        Assert.Equal(new DateOnly(2031, 1, 31), entry.Scheduled);
        Assert.Equal(new DateTime(2031, 2, 5, 17, 30, 0), entry.DueLocal);
        await using var db = await host.DbAsync();
        var saved = await db.DueTasks.SingleAsync(t => t.Id == task.Id);
        Assert.Equal(later.AddDays(-3), saved.NextReminderAt);
        Assert.Contains(await db.AuditEntries.Where(a => a.ObjectId == task.Id.ToString()).Select(a => a.Detail).ToListAsync(), d => d!.Contains("春节假期顺延", StringComparison.Ordinal));
    }

    [Theory]
    [BothProviders]
    public async Task Update_StopObligation_CancelsOpenTasksNotYetDue(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        host.Clock.SetUtcNow(Adoption);
        var unit = await host.UnitIdAsync("第一中学");
        var office = await host.ActorAsync("yz.office");
        var manage = host.Get<ManageObligations>();
        await manage.AdoptDefaultsAsync(office, unit, ownerId: null);
        var study = (await manage.ListAsync(office, unit)).Value.Single(o => o.Code == "group-study");
        var figures = new ObligationCommand(unit, study.Title, study.Frequency, study.TimesPerPeriod, study.Weekday, study.DueAfterDays, study.PerLeadershipMember, study.Evidence, study.OwnerId, study.ReminderDays);

        var stopped = await manage.UpdateAsync(office, new UpdateObligationCommand(study.Id, figures, Active: false, study.Version));
        var stale = await manage.UpdateAsync(office, new UpdateObligationCommand(study.Id, figures, Active: true, study.Version));

        Assert.True(stopped.IsSuccess, stopped.Error?.Message);
        Assert.Equal(ErrorKind.Conflict, stale.Error?.Kind);
        var studies = (await OccurrenceTasksAsync(host, unit)).Where(t => t.Title.StartsWith("理论学习", StringComparison.Ordinal)).ToList();
        Assert.Equal(9, studies.Count);
        Assert.All(studies, t => Assert.Equal(DueTaskState.Cancelled, t.State));
    }

    [Theory]
    [BothProviders]
    public async Task Create_CustomObligationWithBadFigures_NamesTheFieldAndSavesNothing(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unit = await host.UnitIdAsync("第一中学");
        var office = await host.ActorAsync("yz.office");
        var manage = host.Get<ManageObligations>();

        var uneven = await manage.CreateAsync(office, new ObligationCommand(unit, "舆情队伍培训", Frequency.Yearly, 5, DayOfWeek.Monday, 0, false, "签到表", null, "7,1"));
        var badReminder = await manage.CreateAsync(office, new ObligationCommand(unit, "舆情队伍培训", Frequency.Quarterly, 1, DayOfWeek.Monday, 0, false, "签到表", null, "七天"));
        var noTitle = await manage.CreateAsync(office, new ObligationCommand(unit, " ", Frequency.Quarterly, 1, DayOfWeek.Monday, 0, false, "签到表", null, null));
        var good = await manage.CreateAsync(office, new ObligationCommand(unit, "舆情队伍培训", Frequency.Quarterly, 1, DayOfWeek.Monday, 5, false, "签到表与课件", null, "10,2"));

        Assert.Equal("timesPerPeriod", uneven.Error?.Field);
        Assert.Contains("可选 1、2、3、4、6、12 次", uneven.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("reminderDays", badReminder.Error?.Field);
        Assert.Equal("title", noTitle.Error?.Field);
        Assert.True(good.IsSuccess, good.Error?.Message);
        var list = (await manage.ListAsync(office, unit)).Value;
        var saved = Assert.Single(list);
        Assert.Equal("每季度", saved.Rule);
        Assert.Equal("10,2", saved.ReminderDays);
    }

    [Theory]
    [BothProviders]
    public async Task UnitFeed_ManagerSubscribes_ParsedOccurrencesAndRevocable(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        host.Clock.SetUtcNow(Adoption);
        var unit = await host.UnitIdAsync("第一中学");
        var office = await host.ActorAsync("yz.office");
        await host.Get<ManageObligations>().AdoptDefaultsAsync(office, unit, ownerId: null);
        var feed = host.Get<TaskCalendarFeed>();

        var issued = await feed.IssueAsync(office, unit);
        var outsider = await feed.IssueAsync(await host.ActorAsync("xx.office"), unit);
        var reviewer = await feed.IssueAsync(await host.ActorAsync("yz.reviewer"), unit);
        using var client = host.CreateClient();
        using var response = await client.GetAsync(new Uri(issued.Value.Url).PathAndQuery);

        Assert.Equal(ErrorKind.NotFound, outsider.Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, reviewer.Error?.Kind);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync())!;
        var tasks = await OccurrenceTasksAsync(host, unit);
        Assert.Equal(tasks.Select(t => $"{t.Id:N}@dutydesk").Order(), calendar.Events.Select(e => e.Uid!).Order());
        var screening = Assert.Single(calendar.Events, e => e.Summary == "风险排查并形成排查报告（2031年1月）");
        Assert.Equal(new DateTime(2031, 1, 31, 9, 30, 0, DateTimeKind.Utc), screening.DtEnd!.AsUtc);
        Assert.Contains("第一中学", calendar.Properties["X-WR-CALNAME"]?.Value?.ToString() ?? "", StringComparison.Ordinal);

        await feed.RevokeAsync(office, unit);
        using var revoked = await client.GetAsync(new Uri(issued.Value.Url).PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
    }

    [Theory]
    [BothProviders]
    public async Task Scope_OtherSchoolOffice_CannotReadOrAdoptThroughHandlerOrApi(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unit = await host.UnitIdAsync("第一中学");
        var outsider = await host.ActorAsync("xx.office");
        var manage = host.Get<ManageObligations>();

        var list = await manage.ListAsync(outsider, unit);
        var adopt = await manage.AdoptDefaultsAsync(outsider, unit, ownerId: null);
        var calendar = await host.Get<UnitCalendar>().ForYearAsync(outsider, unit, 2031);
        using var api = await ApiClient.ForUserAsync(host, "xx.office");
        using var apiList = await api.GetAsync($"/api/v1/responsibility/units/{unit}/obligations");
        using var apiAdopt = await api.PostAsJsonAsync("/api/v1/responsibility/obligations/adopt-defaults", new { unitId = unit });
        using var apiCalendar = await api.GetAsync($"/api/v1/responsibility/units/{unit}/calendar/2031");

        Assert.Equal(ErrorKind.NotFound, list.Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, adopt.Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, calendar.Error?.Kind);
        Assert.Equal(HttpStatusCode.NotFound, apiList.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, apiAdopt.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, apiCalendar.StatusCode);
        await using var db = await host.DbAsync();
        Assert.False(await db.Set<Obligation>().AnyAsync());
    }

    [Theory]
    [BothProviders]
    public async Task Api_AdoptThenCalendar_ShowsPlannedAndTaskOccurrences(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        host.Clock.SetUtcNow(Adoption);
        var unit = await host.UnitIdAsync("第一中学");
        using var api = await ApiClient.ForUserAsync(host, "yz.office");

        using var adopt = await api.PostAsJsonAsync("/api/v1/responsibility/obligations/adopt-defaults", new { unitId = unit });
        using var calendar = await api.GetAsync($"/api/v1/responsibility/units/{unit}/calendar/2031");

        Assert.Equal(HttpStatusCode.OK, adopt.StatusCode);
        var body = await calendar.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, calendar.StatusCode);
        Assert.Contains("\"status\":\"Open\"", body, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"Planned\"", body, StringComparison.Ordinal);
        Assert.Contains("2031年下半年", body, StringComparison.Ordinal);
    }

    private static async Task<List<DueTask>> OccurrenceTasksAsync(TestHost host, Guid unit)
    {
        await using var db = await host.DbAsync();
        return await db.DueTasks.AsNoTracking()
            .Where(t => t.UnitId == unit && t.SourceModule == "responsibility" && t.SourceType == "ObligationOccurrence")
            .OrderBy(t => t.DueAt)
            .ToListAsync();
    }
}
