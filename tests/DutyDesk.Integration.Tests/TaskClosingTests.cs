using System.Net;
using System.Net.Http.Json;
using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Features.Tasks;
using DutyDesk.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests;

/// <summary>零报告 and moved deadlines on any task, through the handler and the API.</summary>
public sealed class TaskClosingTests
{
    [Theory]
    [BothProviders]
    public async Task Complete_NothingToReportOnATaskThatDoesNotAllowIt_RefusedAndStillOpen(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var id = await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromDays(3), evidence: true);
        await using var db = await host.DbAsync();
        var version = (await db.DueTasks.SingleAsync(t => t.Id == id)).Version;

        var result = await host.Get<ManageTasks>().CompleteAsync(await host.ActorAsync("yz.moral"), new CompleteTaskCommand(id, "本月无情况", version, NothingToReport: true));

        Assert.Equal("nothingToReport", result.Error?.Field);
        await using var after = await host.DbAsync();
        Assert.Equal(Platform.Tasks.DueTaskState.Open, (await after.DueTasks.SingleAsync(t => t.Id == id)).State);
    }

    [Theory]
    [BothProviders]
    public async Task Reschedule_OwnerWhoIsNotAManager_ForbiddenAndAudited(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var id = await host.CreateTaskAsync("yz.office", "第一中学", "yz.reviewer", TimeSpan.FromDays(3));
        await using var db = await host.DbAsync();
        var task = await db.DueTasks.SingleAsync(t => t.Id == id);

        var result = await host.Get<ManageTasks>().RescheduleAsync(await host.ActorAsync("yz.reviewer"),
            new RescheduleTaskCommand(id, task.DueAt.AddDays(7), "想晚点交", task.Version));

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
        await using var after = await host.DbAsync();
        Assert.Equal(task.DueAt, (await after.DueTasks.SingleAsync(t => t.Id == id)).DueAt);
        Assert.True(await after.AuditEntries.AnyAsync(a => a.ObjectId == id.ToString() && a.Outcome == Platform.Auditing.AuditOutcome.Denied));
    }

    [Theory]
    [BothProviders]
    public async Task Api_RescheduleIntoThePastThenForward_FieldNamedThenMoved(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var id = await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromDays(3), reminders: "1440");
        await using var db = await host.DbAsync();
        var task = await db.DueTasks.SingleAsync(t => t.Id == id);
        using var api = await ApiClient.ForUserAsync(host, "yz.office");
        var past = host.Clock.GetUtcNow().AddHours(-1);
        var later = new DateTimeOffset(task.DueAt.AddDays(10), TimeSpan.Zero).ToOffset(TimeSpan.FromHours(8));

        using var refused = await api.PostAsJsonAsync($"/api/v1/tasks/{id}/reschedule", new { dueAt = past, reason = "顺延", version = task.Version });
        using var absurd = await api.PostAsJsonAsync($"/api/v1/tasks/{id}/reschedule", new { dueAt = new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero), reason = "顺延", version = task.Version });
        using var moved = await api.PostAsJsonAsync($"/api/v1/tasks/{id}/reschedule", new { dueAt = later, reason = "上级通知延期", version = task.Version });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("dueAt", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, absurd.StatusCode);
        Assert.Contains("年之后", await absurd.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        await using var after = await host.DbAsync();
        var saved = await after.DueTasks.SingleAsync(t => t.Id == id);
        Assert.Equal(task.DueAt.AddDays(10), saved.DueAt);
        Assert.Equal(task.DueAt.AddDays(9), saved.NextReminderAt);
    }
}
