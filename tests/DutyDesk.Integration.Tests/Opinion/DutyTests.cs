using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Opinion;
using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Duty;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests.Opinion;

/// <summary>The duty roster: shifts made, listed, refused, scoped, generated from a weekly pattern, and who is on duty at an instant.</summary>
public sealed class DutyTests
{
    [Theory]
    [BothProviders]
    public async Task Create_ThenList_ShiftShownOnDutyNowAndAudited(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unit = await host.UnitIdAsync("第一中学");
        var office = await host.ActorAsync("yz.office");
        var handler = host.Get<ManageDuty>();
        var t0 = Minute(host);
        var moral = await host.UserIdAsync("yz.moral");

        var created = await handler.CreateAsync(office, unit, new ShiftInput(moral, t0, t0.AddHours(9), " 白班 ", "带手机"));
        var later = await handler.CreateAsync(office, unit, new ShiftInput(await host.UserIdAsync("yz.leader"), t0.AddHours(9), t0.AddHours(24), "夜班", null));
        var list = await handler.ListAsync(await host.ActorAsync("yz.reviewer"), unit, t0.AddDays(-1), t0.AddDays(6));

        Assert.True(created.IsSuccess, created.Error?.Message);
        Assert.True(later.IsSuccess, later.Error?.Message);
        Assert.Equal(2, list.Value.Shifts.Count);
        var first = list.Value.Shifts[0];
        Assert.Equal((created.Value, moral, "周婷", "白班", "带手机", t0, t0.AddHours(9), true), (first.Id, first.UserId, first.UserName, first.Label, first.Note, first.StartsAt, first.EndsAt, first.OnDutyNow));
        Assert.False(list.Value.Shifts[1].OnDutyNow);
        Assert.Equal(["周婷"], list.Value.OnDutyNow);
        Assert.False(list.Value.CanEdit);
        Assert.Contains(list.Value.Shifts, s => s.UserName == "赵敏");
        var people = (await handler.PeopleAsync(office, unit)).Value.Select(p => p.DisplayName).ToList();
        Assert.Contains("周婷", people);
        Assert.Contains("刘志强", people);
        Assert.DoesNotContain("王建国", people);
        Assert.DoesNotContain("许强", people);
        var audit = await AuditAsync(host, OpinionAudit.DutyCreate);
        Assert.Equal(2, audit.Count);
        Assert.StartsWith("周婷 白班 ", audit[0], StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Create_OverlapOfOnePerson_RefusedAdjacentAndOtherPersonAccepted(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unit = await host.UnitIdAsync("第一中学");
        var office = await host.ActorAsync("yz.office");
        var handler = host.Get<ManageDuty>();
        var t0 = Minute(host);
        var moral = await host.UserIdAsync("yz.moral");
        Assert.True((await handler.CreateAsync(office, unit, new ShiftInput(moral, t0, t0.AddHours(8), "白班", null))).IsSuccess);

        var overlap = await handler.CreateAsync(office, unit, new ShiftInput(moral, t0.AddHours(7), t0.AddHours(12), "夜班", null));
        // 一中德育处 is another roster, but still the same person, who cannot be on two shifts at once.
        var elsewhere = await handler.CreateAsync(office, await host.UnitIdAsync("一中德育处"), new ShiftInput(moral, t0.AddHours(1), t0.AddHours(2), "值守", null));
        var adjacent = await handler.CreateAsync(office, unit, new ShiftInput(moral, t0.AddHours(8), t0.AddHours(12), "夜班", null));
        var other = await handler.CreateAsync(office, unit, new ShiftInput(await host.UserIdAsync("yz.leader"), t0.AddHours(7), t0.AddHours(12), "夜班", null));
        var noRole = await handler.CreateAsync(office, unit, new ShiftInput(await host.UserIdAsync("jyj.secretary"), t0.AddDays(2), t0.AddDays(2).AddHours(1), "白班", null));
        var tooLong = await handler.CreateAsync(office, unit, new ShiftInput(moral, t0.AddDays(3), t0.AddDays(4).AddMinutes(1), "全天", null));

        Assert.Equal(("startsAt", ErrorKind.Validation), (overlap.Error?.Field, overlap.Error?.Kind));
        Assert.Contains("周婷在 ", overlap.Error!.Message, StringComparison.Ordinal);
        Assert.EndsWith("已有值班，同一人的班次不能重叠。", overlap.Error.Message, StringComparison.Ordinal);
        Assert.Equal("startsAt", elsewhere.Error?.Field);
        Assert.True(adjacent.IsSuccess, adjacent.Error?.Message);
        Assert.True(other.IsSuccess, other.Error?.Message);
        Assert.Equal(("userId", "“值班人员”须在本单位或下级单位担任职务。"), (noRole.Error?.Field, noRole.Error?.Message));
        Assert.Equal("endsAt", tooLong.Error?.Field);
        await using var db = await host.DbAsync();
        Assert.Equal(3, await db.Set<DutyShift>().CountAsync());
    }

    [Theory]
    [BothProviders]
    public async Task Create_OverlappingShiftsSavedAtOnce_ExactlyOneKept(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var units = new[] { await host.UnitIdAsync("第一中学"), await host.UnitIdAsync("一中德育处") };
        var office = await host.ActorAsync("yz.office");
        var handler = host.Get<ManageDuty>();
        var t0 = Minute(host);
        var moral = await host.UserIdAsync("yz.moral");
        using var start = new SemaphoreSlim(0);

        // Eight offices' clerks put the same person on overlapping shifts at the same moment, on two rosters.
        var saves = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await handler.CreateAsync(office, units[i % 2], new ShiftInput(moral, t0.AddMinutes(10 * i), t0.AddHours(4).AddMinutes(10 * i), $"班次 {i}", null));
        })).ToList();
        start.Release(saves.Count);
        var results = await Task.WhenAll(saves);

        Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal("startsAt", r.Error?.Field));
        await using var db = await host.DbAsync();
        Assert.Equal(1, await db.Set<DutyShift>().CountAsync(s => s.UserId == moral));
        Assert.Single(await AuditAsync(host, OpinionAudit.DutyCreate));
    }

    [Theory]
    [BothProviders]
    public async Task Roster_OtherSchoolAndReviewer_NotFoundOrForbiddenAndNothingChanged(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unit = await host.UnitIdAsync("第一中学");
        var handler = host.Get<ManageDuty>();
        var t0 = Minute(host);
        var input = new ShiftInput(await host.UserIdAsync("yz.moral"), t0, t0.AddHours(8), "白班", null);
        var shift = await handler.CreateAsync(await host.ActorAsync("yz.office"), unit, input);
        var version = (await handler.ListAsync(await host.ActorAsync("yz.office"), unit, t0, t0.AddDays(1))).Value.Shifts[0].Version;
        var foreign = await host.ActorAsync("xx.office");
        var reviewer = await host.ActorAsync("yz.reviewer");

        var foreignList = await handler.ListAsync(foreign, unit, t0, t0.AddDays(7));
        var foreignPeople = await handler.PeopleAsync(foreign, unit);
        var foreignCreate = await handler.CreateAsync(foreign, unit, input with { StartsAt = t0.AddDays(1), EndsAt = t0.AddDays(1).AddHours(1) });
        var foreignUpdate = await handler.UpdateAsync(foreign, shift.Value, input with { Label = "夜班" }, version);
        var foreignDelete = await handler.DeleteAsync(foreign, shift.Value, version);
        var reviewerCreate = await handler.CreateAsync(reviewer, unit, input with { StartsAt = t0.AddDays(1), EndsAt = t0.AddDays(1).AddHours(1) });
        var reviewerDelete = await handler.DeleteAsync(reviewer, shift.Value, version);
        var ownUnitOfForeign = await handler.CreateAsync(foreign, await host.UnitIdAsync("实验小学"), input);

        Assert.Equal(ErrorKind.NotFound, foreignList.Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, foreignPeople.Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, foreignCreate.Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, foreignUpdate.Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, foreignDelete.Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, reviewerCreate.Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, reviewerDelete.Error?.Kind);
        Assert.Equal("userId", ownUnitOfForeign.Error?.Field);
        await using var db = await host.DbAsync();
        var stored = await db.Set<DutyShift>().SingleAsync();
        Assert.Equal(("白班", version), (stored.Label, stored.Version));
        var denied = await db.AuditEntries.Where(a => a.Action == AuditActions.AccessDenied && a.UserName == "yz.reviewer").Select(a => a.Detail).ToListAsync();
        Assert.Equal(["新增值班班次", "删除值班班次"], denied.Order(StringComparer.Ordinal).Reverse());
    }

    [Theory]
    [BothProviders]
    public async Task Update_StaleVersion_ConflictAndFirstEditKept(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unit = await host.UnitIdAsync("第一中学");
        var office = await host.ActorAsync("yz.office");
        var handler = host.Get<ManageDuty>();
        var t0 = Minute(host);
        var input = new ShiftInput(await host.UserIdAsync("yz.moral"), t0, t0.AddHours(8), "白班", null);
        var id = (await handler.CreateAsync(office, unit, input)).Value;
        var read = (await handler.ListAsync(office, unit, t0, t0.AddDays(1))).Value.Shifts[0].Version;

        var first = await handler.UpdateAsync(office, id, input with { Label = "早班", EndsAt = t0.AddHours(6) }, read);
        var stale = await handler.UpdateAsync(office, id, input with { Label = "晚班" }, read);
        var staleDelete = await handler.DeleteAsync(office, id, read);
        var fresh = (await handler.ListAsync(office, unit, t0, t0.AddDays(1))).Value.Shifts[0];
        var deleted = await handler.DeleteAsync(office, id, fresh.Version);
        var again = await handler.DeleteAsync(office, id, fresh.Version);

        Assert.True(first.IsSuccess, first.Error?.Message);
        Assert.Equal("班次已被他人修改，请刷新后重试。", stale.Error?.Message);
        Assert.Equal(ErrorKind.Conflict, staleDelete.Error?.Kind);
        Assert.Equal(("早班", t0.AddHours(6)), (fresh.Label, fresh.EndsAt));
        Assert.True(deleted.IsSuccess);
        Assert.Equal(ErrorKind.NotFound, again.Error?.Kind);
        Assert.Contains("周婷 白班 ", (await AuditAsync(host, OpinionAudit.DutyUpdate)).Single(), StringComparison.Ordinal);
        Assert.Contains(" → 周婷 早班 ", (await AuditAsync(host, OpinionAudit.DutyUpdate)).Single(), StringComparison.Ordinal);
        Assert.Single(await AuditAsync(host, OpinionAudit.DutyDelete));
    }

    [Theory]
    [BothProviders]
    public async Task Generate_WorkWeek_ShiftsInShanghaiTimeRotatingAndSecondRunRefused(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unit = await host.UnitIdAsync("第一中学");
        var office = await host.ActorAsync("yz.office");
        var handler = host.Get<ManageDuty>();
        var display = host.Get<DisplayClock>();
        var monday = NextMonday(host);
        string[] names = ["yz.moral", "yz.leader", "yz.office", "yz.secretary"];
        var people = new List<Guid>();
        foreach (var name in names)
        {
            people.Add(await host.UserIdAsync(name));
        }

        var pattern = new WeeklyPattern(
            monday, monday.AddDays(6),
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
            [new DutySlot("白班", new TimeOnly(8, 30), new TimeOnly(17, 30)), new DutySlot("夜班", new TimeOnly(17, 30), new TimeOnly(8, 30))],
            people);

        var generated = await handler.GenerateAsync(office, unit, pattern);
        var again = await handler.GenerateAsync(office, unit, pattern);
        var mondayMorning = display.ToUtc(monday.ToDateTime(new TimeOnly(8, 30)));
        var week = await handler.ListAsync(office, unit, mondayMorning.AddHours(-8.5), mondayMorning.AddDays(7));
        var stranger = await handler.GenerateAsync(office, unit, pattern with { From = monday.AddDays(7), To = monday.AddDays(13), People = [await host.UserIdAsync("xx.monitor")] });

        Assert.True(generated.IsSuccess, generated.Error?.Message);
        Assert.Equal((10, mondayMorning, display.ToUtc(monday.AddDays(5).ToDateTime(new TimeOnly(8, 30)))), (generated.Value.Count, generated.Value.FirstStart, generated.Value.LastEnd));
        Assert.Equal(("people", ErrorKind.Validation), (again.Error?.Field, again.Error?.Kind));
        Assert.EndsWith("重叠，未生成任何班次。", again.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(10, week.Value.Shifts.Count);
        Assert.Equal(["周婷", "赵敏", "孙磊", "刘志强", "周婷"], week.Value.Shifts.Take(5).Select(s => s.UserName));
        Assert.Equal(["白班", "夜班", "白班", "夜班", "白班"], week.Value.Shifts.Take(5).Select(s => s.Label));
        Assert.Equal(new TimeOnly(0, 30), TimeOnly.FromDateTime(week.Value.Shifts[0].StartsAt));
        Assert.Equal(ErrorKind.Validation, stranger.Error?.Kind);
        Assert.Contains("许强", stranger.Error!.Message, StringComparison.Ordinal);
        var audit = Assert.Single(await AuditAsync(host, OpinionAudit.DutyGenerate));
        Assert.Contains("（周一、周二、周三、周四、周五；白班 08:30–17:30、夜班 17:30–次日08:30）共 10 个班次，轮值：周婷、赵敏、孙磊、刘志强", audit, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task OnDutyAsync_ShiftBoundaries_StartInclusiveEndExclusiveEarliestFirst(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unit = await host.UnitIdAsync("第一中学");
        var office = await host.ActorAsync("yz.office");
        var handler = host.Get<ManageDuty>();
        var t0 = Minute(host).AddDays(1);
        var (moral, leader, secretary) = (await host.UserIdAsync("yz.moral"), await host.UserIdAsync("yz.leader"), await host.UserIdAsync("yz.secretary"));
        Assert.True((await handler.CreateAsync(office, unit, new ShiftInput(leader, t0.AddHours(8), t0.AddHours(16), "夜班", null))).IsSuccess);
        Assert.True((await handler.CreateAsync(office, unit, new ShiftInput(moral, t0, t0.AddHours(8), "白班", null))).IsSuccess);
        Assert.True((await handler.CreateAsync(office, unit, new ShiftInput(secretary, t0.AddHours(6), t0.AddHours(10), "带班", null))).IsSuccess);
        // Another school's roster at the same hours does not count for 第一中学.
        Assert.True((await handler.CreateAsync(await host.ActorAsync("xx.office"), await host.UnitIdAsync("实验小学"), new ShiftInput(await host.UserIdAsync("xx.monitor"), t0, t0.AddHours(8), "白班", null))).IsSuccess);

        await using var db = await host.DbAsync();
        async Task<IReadOnlyList<Guid>> At(TimeSpan offset) => await DutyRoster.OnDutyAsync(db, unit, t0 + offset, CancellationToken.None);

        Assert.Empty(await At(TimeSpan.FromTicks(-10)));
        Assert.Equal([moral], await At(TimeSpan.Zero));
        Assert.Equal([moral, secretary], await At(TimeSpan.FromHours(6)));
        Assert.Equal([moral, secretary], await At(TimeSpan.FromHours(8) - TimeSpan.FromMicroseconds(1)));
        Assert.Equal([secretary, leader], await At(TimeSpan.FromHours(8)));
        Assert.Equal([leader], await At(TimeSpan.FromHours(10)));
        Assert.Empty(await At(TimeSpan.FromHours(16)));
    }

    [Theory]
    [BothProviders]
    public async Task DutyApi_CreateListGenerateUpdateDelete_RoundTripAndProblemDetails(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unit = await host.UnitIdAsync("第一中学");
        var moral = await host.UserIdAsync("yz.moral");
        using var api = await ApiClient.ForUserAsync(host, "yz.office");
        var t0 = new DateTimeOffset(Minute(host));
        var monday = NextMonday(host);

        using var invalid = await api.PostAsJsonAsync($"/api/v1/opinion/duty/{unit}", new ShiftBody(moral, t0, t0, "白班", null));
        using var created = await api.PostAsJsonAsync($"/api/v1/opinion/duty/{unit}", new ShiftBody(moral, t0, t0.AddHours(8), "白班", null));
        using var badSlot = await api.PostAsJsonAsync($"/api/v1/opinion/duty/{unit}/generate",
            new GenerateBody(monday, monday.AddDays(6), [1], [new SlotBody("白班", "8点半", "17:30")], [moral]));
        using var generated = await api.PostAsJsonAsync($"/api/v1/opinion/duty/{unit}/generate",
            new GenerateBody(monday, monday.AddDays(6), [6, 7], [new SlotBody("全天", "8:00", "08:00")], [moral]));
        var range = $"from={Uri.EscapeDataString(t0.AddDays(-1).ToString("O"))}&to={Uri.EscapeDataString(t0.AddDays(20).ToString("O"))}";
        using var list = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/opinion/duty/{unit}?{range}"));
        var first = list.RootElement.GetProperty("shifts")[0];
        var id = first.GetProperty("id").GetGuid();
        var version = first.GetProperty("version").GetGuid();
        using var update = await api.PutAsJsonAsync($"/api/v1/opinion/duty/shifts/{id}", new ShiftBody(moral, t0, t0.AddHours(4), "早班", "改短", version));
        using var stale = await api.PutAsJsonAsync($"/api/v1/opinion/duty/shifts/{id}", new ShiftBody(moral, t0, t0.AddHours(4), "早班", null, version));
        using var people = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/opinion/duty/{unit}/people"));
        using var foreign = await (await ApiClient.ForUserAsync(host, "xx.office")).GetAsync($"/api/v1/opinion/duty/{unit}?{range}");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        using (var problem = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()))
        {
            Assert.Equal("“结束时间”须晚于“开始时间”。", problem.RootElement.GetProperty("errors").GetProperty("endsAt")[0].GetString());
        }

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSlot.StatusCode);
        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        using (var body = JsonDocument.Parse(await generated.Content.ReadAsStringAsync()))
        {
            Assert.Equal(2, body.RootElement.GetProperty("count").GetInt32());
        }

        Assert.Equal(3, list.RootElement.GetProperty("shifts").GetArrayLength());
        Assert.Equal("周婷", first.GetProperty("userName").GetString());
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains(people.RootElement.EnumerateArray(), p => p.GetProperty("displayName").GetString() == "周婷");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        var fresh = (await host.Get<ManageDuty>().ListAsync(await host.ActorAsync("yz.office"), unit, t0.UtcDateTime, t0.UtcDateTime.AddDays(1))).Value.Shifts[0];
        using var delete = await api.DeleteAsync($"/api/v1/opinion/duty/shifts/{id}?version={fresh.Version}");
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(("早班", "改短"), (fresh.Label, fresh.Note));
    }

    [Theory]
    [BothProviders]
    public async Task DutyPage_ShiftNow_WeekGridShowsPersonOnDutyHighlighted(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unit = await host.UnitIdAsync("第一中学");
        var t0 = Minute(host);
        var shift = await host.Get<ManageDuty>().CreateAsync(await host.ActorAsync("yz.office"), unit, new ShiftInput(await host.UserIdAsync("yz.moral"), t0, t0.AddHours(2), "带班", null));
        using var client = await MeetingTests.SignedInAsync(host, "yz.office");

        using var page = await client.GetAsync("/opinion/duty");
        var html = await LoginForm.TextAsync(page);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("id=\"duty-grid\"", html, StringComparison.Ordinal);
        Assert.Contains($"id=\"duty-shift-{shift.Value}\"", html, StringComparison.Ordinal);
        Assert.Contains("当前值班：", html, StringComparison.Ordinal);
        Assert.Contains("值班中", html, StringComparison.Ordinal);
        Assert.Contains("生成排班", html, StringComparison.Ordinal);
    }

    /// <summary>The current whole minute: a time both databases keep exactly, and already begun.</summary>
    private static DateTime Minute(TestHost host)
    {
        var now = host.Clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
    }

    private static DateOnly NextMonday(TestHost host)
    {
        var today = DateOnly.FromDateTime(host.Get<DisplayClock>().ToLocal(host.Clock.GetUtcNow().UtcDateTime));
        return today.AddDays(7 - (((int)today.DayOfWeek + 6) % 7));
    }

    private static async Task<List<string>> AuditAsync(TestHost host, string action)
    {
        await using var db = await host.DbAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Action == action).OrderBy(a => a.Sequence).Select(a => a.Detail ?? "").ToListAsync();
    }
}
