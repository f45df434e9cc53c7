using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Features.Calendar;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Tasks;
using DutyDesk.Responsibility.Domain;
using DutyDesk.Responsibility.Features.Lists;
using DutyDesk.Responsibility.Features.Meetings;
using DutyDesk.Responsibility.Features.Obligations;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests;

/// <summary>Holes found in the security review of the responsibility module, each proven here before it was closed.</summary>
public sealed class ResponsibilityReviewTests
{
    [Theory]
    [BothProviders]
    public async Task CreateObligation_TextThatGrowsWhenNormalised_ValidationNamingTheFieldAndNothingSaved(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unit = await host.UnitIdAsync("第一中学");
        var office = await host.ActorAsync("yz.office");
        var manage = host.Get<ManageObligations>();
        // NFKC spells U+FDFA out as eighteen characters and ㍿ as four: within the limit as typed, far beyond it as stored.
        var longTitle = new string('\uFDFA', Obligation.TitleMaxLength);
        var longEvidence = new string('㍿', 100);

        var title = await manage.CreateAsync(office, new ObligationCommand(unit, longTitle, Frequency.Quarterly, 1, DayOfWeek.Monday, 5, false, "签到表", null, null));
        var evidence = await manage.CreateAsync(office, new ObligationCommand(unit, "舆情队伍培训", Frequency.Quarterly, 1, DayOfWeek.Monday, 5, false, longEvidence, null, null));

        Assert.Equal(("title", ErrorKind.Validation), (title.Error?.Field, title.Error?.Kind));
        Assert.Contains("“要求名称”", title.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(("evidence", ErrorKind.Validation), (evidence.Error?.Field, evidence.Error?.Kind));
        Assert.Contains("“佐证材料”", evidence.Error!.Message, StringComparison.Ordinal);
        await using var db = await host.DbAsync();
        Assert.False(await db.Set<Obligation>().AnyAsync());
    }

    [Theory]
    [BothProviders]
    public async Task CompleteItem_NoteOfTheFullLength_ValidationNamingTheNoteAndRowStillOpen(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var office = await host.ActorAsync("yz.office");
        var year = host.Clock.GetUtcNow().Year + 1;
        var created = await host.Get<CreateList>().FromTemplateAsync(office, new CreateListCommand(await host.UnitIdAsync("第一中学"), year));
        Assert.True(created.IsSuccess, created.Error?.Message);
        var listId = created.Value.ListId;
        var item = (await host.Get<ListQueries>().GetAsync(office, listId)).Value.Items[0];
        using (var stream = new MemoryStream(SampleFiles.Png(4, 4)))
        {
            Assert.True((await host.Get<WorkOnItem>().AddEvidenceAsync(office, listId, item.Id, stream, "会议纪要.png")).IsSuccess);
        }

        var version = (await host.Get<ListQueries>().GetAsync(office, listId)).Value.Items[0].Version;

        // The note is stored as “办结：” + note: a note of the full length must not overflow the column.
        var result = await host.Get<WorkOnItem>().CompleteAsync(office, new CompleteItemCommand(listId, item.Id, new string('成', ListItemNote.TextMaxLength), version));

        Assert.Equal(("note", ErrorKind.Validation), (result.Error?.Field, result.Error?.Kind));
        Assert.Contains("“办结说明”", result.Error!.Message, StringComparison.Ordinal);
        var row = (await host.Get<ListQueries>().GetAsync(office, listId)).Value.Items[0];
        Assert.NotEqual(ItemStatus.Done, row.Status);
        Assert.Equal(DueTaskState.Open, row.TaskState);
        Assert.Empty(row.Notes);
    }

    [Theory]
    [BothProviders]
    public async Task UnitFeed_NonManagerAsks_ForbiddenAndAuditedAsDenied(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unit = await host.UnitIdAsync("第一中学");

        var result = await host.Get<TaskCalendarFeed>().IssueAsync(await host.ActorAsync("yz.reviewer"), unit);

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
        await using var db = await host.DbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.AccessDenied && a.UserName == "yz.reviewer" && a.Outcome == AuditOutcome.Denied));
        Assert.False(await db.CalendarFeedTokens.AnyAsync());
    }

    [Theory]
    [BothProviders]
    public async Task OpenTasks_ReviewerWhoCannotCloseThem_ForbiddenAndNoTaskShown(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unit = await host.UnitIdAsync("第一中学");
        var meetingId = (await host.Get<ManageMeetings>().CreateAsync(await host.ActorAsync("yz.office"), new CreateMeetingCommand(
            unit, MeetingType.SpecialMeeting, "专题研究意识形态工作", new DateTime(2026, 3, 10, 6, 30, 0, DateTimeKind.Utc), null, null, null, "<p>纪要</p>"))).Value;
        var now = host.Clock.GetUtcNow().UtcDateTime;
        await using (var db = await host.DbAsync())
        {
            db.AddDueTask(new DueTaskDraft("向上级专题汇报（第1季度）", null, unit, await host.UserIdAsync("yz.secretary"), now.AddDays(10), [1440],
                null, EvidenceRequired: true, SourceModule: "responsibility", SourceType: "ObligationOccurrence", SourceId: "report:Q1"), await host.UserIdAsync("yz.secretary"), now);
            await db.SaveChangesAsync();
        }

        var reviewer = await host.Get<MeetingQueries>().OpenOccurrenceTasksAsync(await host.ActorAsync("yz.reviewer"), meetingId);
        var office = await host.Get<MeetingQueries>().OpenOccurrenceTasksAsync(await host.ActorAsync("yz.office"), meetingId);

        Assert.Equal(ErrorKind.Forbidden, reviewer.Error?.Kind);
        Assert.Equal("向上级专题汇报（第1季度）", Assert.Single(office.Value).Title);
    }
}
