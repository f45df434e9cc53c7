using System.Net;
using System.Net.Http.Json;
using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Features.Tasks;
using DutyDesk.Platform.Features.Units;
using DutyDesk.Platform.Features.Users;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Tasks;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests;

/// <summary>属地管理、分级负责: a school never sees the other school; the bureau above sees both.</summary>
public sealed class UnitScopeTests
{
    private static readonly string[] FirstSchool = ["第一中学", "一中校长办公室", "一中德育处", "一中教师第一党支部"];
    private static readonly string[] PrimarySchool = ["实验小学", "实小校长办公室", "实小教务处", "实小党支部"];

    [Theory]
    [BothProviders]
    public async Task ListUnits_UserOfOneSchool_SeesOwnSchoolOnly(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);

        var units = (await host.Get<ListUnits>().HandleAsync(await host.ActorAsync("yz.office"))).Select(u => u.Name).ToList();

        Assert.Equal(FirstSchool.Order(StringComparer.Ordinal), units.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(units, PrimarySchool.Contains);
        Assert.DoesNotContain("市教育局", units);
    }

    [Theory]
    [BothProviders]
    public async Task ListUnits_Sibling_SeesNeitherOtherSchoolNorSuperior(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);

        var units = (await host.Get<ListUnits>().HandleAsync(await host.ActorAsync("xx.office"))).Select(u => u.Name).ToList();

        Assert.Equal(PrimarySchool.Order(StringComparer.Ordinal), units.Order(StringComparer.Ordinal));
    }

    [Theory]
    [BothProviders]
    public async Task ListUnits_SuperiorUnit_SeesBothSchools(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);

        var units = (await host.Get<ListUnits>().HandleAsync(await host.ActorAsync("jyj.office"))).Select(u => u.Name).ToList();

        Assert.All(FirstSchool.Concat(PrimarySchool).Append("市教育局"), name => Assert.Contains(name, units));
    }

    [Theory]
    [BothProviders]
    public async Task ListUsers_FilterOnOtherSchool_ReturnsNothing(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var actor = await host.ActorAsync("yz.office");
        var users = host.Get<ListUsers>();

        Assert.Empty(await users.HandleAsync(actor, new UserFilter(await host.UnitIdAsync("实验小学"))));
        Assert.Empty(await users.HandleAsync(actor, new UserFilter(await host.UnitIdAsync("实小校长办公室"))));
        Assert.Empty(await users.HandleAsync(actor, new UserFilter(Search: "xx.")));
        var all = await users.HandleAsync(actor, new UserFilter());
        Assert.Contains(all, u => u.UserName == "yz.moral");
        Assert.DoesNotContain(all, u => u.UserName.StartsWith("xx.", StringComparison.Ordinal) || u.UserName.StartsWith("jyj.", StringComparison.Ordinal));
    }

    [Theory]
    [BothProviders]
    public async Task ListUsers_SuperiorUnit_SeesPeopleOfBothSchools(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);

        var users = await host.Get<ListUsers>().HandleAsync(await host.ActorAsync("jyj.office"), new UserFilter());

        Assert.Contains(users, u => u.UserName == "yz.moral");
        Assert.Contains(users, u => u.UserName == "xx.teach");
    }

    [Theory]
    [BothProviders]
    public async Task GetTask_OtherSchoolsTaskById_NotFound(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var taskId = await host.CreateTaskAsync("xx.office", "实验小学", "xx.teach", TimeSpan.FromDays(3));

        var read = await host.Get<TaskQueries>().GetAsync(await host.ActorAsync("yz.office"), taskId);

        Assert.Equal(ErrorKind.NotFound, read.Error?.Kind);
    }

    [Theory]
    [BothProviders]
    public async Task GetTask_SuperiorUnit_ReadsTasksOfBothSchools(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var first = await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromDays(3));
        var primary = await host.CreateTaskAsync("xx.office", "实验小学", "xx.teach", TimeSpan.FromDays(3));
        var superior = await host.ActorAsync("jyj.office");
        var queries = host.Get<TaskQueries>();

        Assert.True((await queries.GetAsync(superior, first)).IsSuccess);
        Assert.True((await queries.GetAsync(superior, primary)).IsSuccess);
    }

    [Theory]
    [BothProviders]
    public async Task CompleteTask_OtherSchoolsTask_NotFoundAndStillOpen(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var taskId = await host.CreateTaskAsync("xx.office", "实验小学", "xx.teach", TimeSpan.FromDays(3));
        var version = await TaskVersionAsync(host, taskId);

        var done = await host.Get<ManageTasks>().CompleteAsync(await host.ActorAsync("yz.office"), new CompleteTaskCommand(taskId, "越权办结", version));

        Assert.Equal(ErrorKind.NotFound, done.Error?.Kind);
        await using var db = await host.DbAsync();
        Assert.Equal(DueTaskState.Open, (await db.DueTasks.SingleAsync(t => t.Id == taskId)).State);
    }

    [Theory]
    [BothProviders]
    public async Task CreateTask_OverPostedOtherSchoolUnit_NotFoundAndNothingWritten(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var before = await CountTasksAsync(host);
        var command = new CreateTaskCommand("越权布置", null, await host.UnitIdAsync("实验小学"), await host.UserIdAsync("yz.moral"),
            host.Clock.GetUtcNow().UtcDateTime.AddDays(2), null, null, false);

        var created = await host.Get<ManageTasks>().CreateAsync(await host.ActorAsync("yz.office"), command);

        Assert.Equal(ErrorKind.NotFound, created.Error?.Kind);
        Assert.Equal(before, await CountTasksAsync(host));
    }

    [Theory]
    [BothProviders]
    public async Task CreateTask_OwnerFromOtherSchool_RejectedAndNothingWritten(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var before = await CountTasksAsync(host);
        var command = new CreateTaskCommand("布置给外校", null, await host.UnitIdAsync("第一中学"), await host.UserIdAsync("xx.teach"),
            host.Clock.GetUtcNow().UtcDateTime.AddDays(2), null, null, false);

        var created = await host.Get<ManageTasks>().CreateAsync(await host.ActorAsync("yz.office"), command);

        Assert.False(created.IsSuccess);
        Assert.Equal("ownerId", created.Error!.Field);
        Assert.Equal(before, await CountTasksAsync(host));
    }

    [Theory]
    [BothProviders]
    public async Task CreateTask_EscalationTargetFromOtherSchool_RejectedAndNothingWritten(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var before = await CountTasksAsync(host);
        var command = new CreateTaskCommand("督办给外校", null, await host.UnitIdAsync("第一中学"), await host.UserIdAsync("yz.moral"),
            host.Clock.GetUtcNow().UtcDateTime.AddDays(2), null, await host.UserIdAsync("xx.office"), false);

        var created = await host.Get<ManageTasks>().CreateAsync(await host.ActorAsync("yz.office"), command);

        // The escalation target may read the task, so a person of the other school must not become one.
        Assert.Equal("escalateToId", created.Error?.Field);
        Assert.Equal(before, await CountTasksAsync(host));
    }

    [Theory]
    [BothProviders]
    public async Task CreateTask_EscalationTargetInSuperiorUnit_Accepted(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);

        var taskId = await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromDays(2), escalateTo: "jyj.office");

        var read = await host.Get<TaskQueries>().GetAsync(await host.ActorAsync("jyj.office"), taskId);
        Assert.True(read.IsSuccess, read.Error?.Message);
    }

    [Theory]
    [BothProviders]
    public async Task ApiGetTask_OtherSchoolsTaskWithToken_404(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var other = await host.CreateTaskAsync("xx.office", "实验小学", "xx.teach", TimeSpan.FromDays(3));
        var own = await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromDays(3));
        using var api = await ApiClient.ForUserAsync(host, "yz.office");

        using var denied = await api.GetAsync($"/api/v1/tasks/{other}");
        using var allowed = await api.GetAsync($"/api/v1/tasks/{own}");

        Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Theory]
    [BothProviders]
    public async Task ApiCreateTask_OverPostedOtherSchoolUnit_404(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var before = await CountTasksAsync(host);
        using var api = await ApiClient.ForUserAsync(host, "yz.office");
        var body = new
        {
            title = "越权布置",
            unitId = await host.UnitIdAsync("实验小学"),
            ownerId = await host.UserIdAsync("yz.moral"),
            dueAt = host.Clock.GetUtcNow().UtcDateTime.AddDays(2),
            evidenceRequired = false,
        };

        using var response = await api.PostAsJsonAsync("/api/v1/tasks", body);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await CountTasksAsync(host));
    }

    [Theory]
    [BothProviders]
    public async Task ApiListUnits_UserOfOneSchool_ListsNoUnitOfOtherSchool(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        using var api = await ApiClient.ForUserAsync(host, "yz.office");

        var units = await api.GetFromJsonAsync<List<UnitView>>("/api/v1/units");

        Assert.NotNull(units);
        Assert.Contains(units, u => u.Name == "第一中学");
        Assert.DoesNotContain(units, u => PrimarySchool.Contains(u.Name));
    }

    private sealed record UnitView(Guid Id, string Name);

    private static async Task<int> CountTasksAsync(TestHost host)
    {
        await using var db = await host.DbAsync();
        return await db.DueTasks.CountAsync();
    }

    private static async Task<Guid> TaskVersionAsync(TestHost host, Guid taskId)
    {
        await using var db = await host.DbAsync();
        return await db.DueTasks.Where(t => t.Id == taskId).Select(t => t.Version).SingleAsync();
    }
}
