using System.Net;
using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Features.Calendar;
using Ical.Net;

namespace DutyDesk.Integration.Tests;

/// <summary>A person's deadlines as an iCalendar feed behind a revocable secret URL, read as a calendar client would.</summary>
public sealed class CalendarFeedTests
{
    [Theory]
    [BothProviders]
    public async Task Feed_OwnOpenTasks_ParsedWithEventsAndAlarms(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var mine = await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromDays(3), reminders: "1440,60", title: "提交月度排查报告");
        var others = await host.CreateTaskAsync("yz.office", "第一中学", "yz.leader", TimeSpan.FromDays(3), title: "别人的待办");
        var issued = await host.Get<TaskCalendarFeed>().IssueAsync(await host.ActorAsync("yz.moral"));
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri(issued.Url).PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync())!;
        var ev = Assert.Single(calendar.Events, e => e.Uid == $"{mine:N}@dutydesk");
        Assert.Equal("提交月度排查报告", ev.Summary);
        Assert.Equal(2, ev.Alarms.Count);
        await using var db = await host.DbAsync();
        var due = db.DueTasks.Single(t => t.Id == mine).DueAt;
        Assert.Equal(due.AddTicks(-(due.Ticks % TimeSpan.TicksPerSecond)), ev.DtEnd!.AsUtc);
        Assert.DoesNotContain(calendar.Events, e => e.Uid == $"{others:N}@dutydesk");
    }

    [Theory]
    [BothProviders]
    public async Task Feed_RevokedOrReissued_OldLinkAnswers404(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var feed = host.Get<TaskCalendarFeed>();
        var actor = await host.ActorAsync("yz.moral");
        var first = new Uri((await feed.IssueAsync(actor)).Url).PathAndQuery;
        var second = new Uri((await feed.IssueAsync(actor)).Url).PathAndQuery;
        using var client = host.CreateClient();

        using var replaced = await client.GetAsync(first);
        using var current = await client.GetAsync(second);
        await feed.RevokeAsync(actor);
        using var revoked = await client.GetAsync(second);
        using var guessed = await client.GetAsync("/calendar/" + new string('a', 48) + ".ics");

        Assert.Equal(HttpStatusCode.NotFound, replaced.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
    }
}
