using DutyDesk.Platform.Features.Calendar;
using DutyDesk.Platform.Features.Shared;
using DutyDesk.Platform.Features.Tasks;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using DutyDesk.Responsibility.Features.Obligations;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Responsibility.Features.Calendar;

public sealed partial class CalendarPage
{
    private static readonly string[] WeekdayNames = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];

    private Guid? unitId;
    private int year;
    private int month;
    private bool monthView;
    private bool manages;
    private bool busy;
    private bool hasFeed;
    private string? feedUrl;
    private DateOnly today;
    private UnitCalendarView? view;
    private Error? error;
    private Error? feedError;

    [Inject]
    private UnitCalendar Calendar { get; set; } = default!;

    [Inject]
    private ManageObligations Obligations { get; set; } = default!;

    [Inject]
    private TaskCalendarFeed Feed { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    protected override Task LoadAsync()
    {
        var now = Display.ToLocal(Clock.GetUtcNow().UtcDateTime);
        today = DateOnly.FromDateTime(now);
        (year, month) = (now.Year, now.Month);
        return Task.CompletedTask; // the unit picker chooses the first unit, which loads the calendar
    }

    private async Task ChangeUnitAsync(Guid id)
    {
        unitId = id;
        manages = TaskAccess.Manages(Actor, id);
        feedUrl = null;
        hasFeed = manages && await Feed.HasLinkAsync(Actor, id);
        await ReloadAsync();
    }

    private async Task MoveAsync(int step)
    {
        if (monthView)
        {
            var first = new DateOnly(year, month, 1).AddMonths(step);
            (year, month) = (first.Year, first.Month);
        }
        else
        {
            year += step;
        }

        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        if (unitId is not { } id)
        {
            return;
        }

        var result = await Calendar.ForYearAsync(Actor, id, year);
        view = result.IsSuccess ? result.Value : null;
        error = result.Error;
    }

    private async Task AdoptAsync()
    {
        busy = true;
        try
        {
            var result = await Obligations.AdoptDefaultsAsync(Actor, unitId!.Value, ownerId: null);
            error = result.Error;
            await ReloadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task IssueFeedAsync()
    {
        var result = await Feed.IssueAsync(Actor, unitId!.Value);
        feedError = result.Error;
        feedUrl = result.IsSuccess ? result.Value.Url : null;
        hasFeed = result.IsSuccess || hasFeed;
    }

    private async Task RevokeFeedAsync()
    {
        await Feed.RevokeAsync(Actor, unitId!.Value);
        (feedUrl, hasFeed) = (null, false);
    }

    private IEnumerable<DateOnly[]> Weeks()
    {
        var first = new DateOnly(year, month, 1);
        var start = first.AddDays(-(((int)first.DayOfWeek + 6) % 7));
        for (var day = start; day.Year < year || (day.Year == year && day.Month <= month); day = day.AddDays(7))
        {
            yield return Enumerable.Range(0, 7).Select(day.AddDays).ToArray();
        }
    }

    private IEnumerable<OccurrenceEntry> EntriesOn(DateOnly day)
        => view!.Entries.Where(e => DateOnly.FromDateTime(e.DueLocal) == day);

    private string DayClass(DateOnly day) => day.Month != month ? "dd-other-month" : day == today ? "dd-today" : "";
}
