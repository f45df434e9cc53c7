using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace DutyDesk.Documents;

/// <summary>
/// One dated item of a subscribed calendar. Its Uid stays the same across refreshes, so that calendar
/// clients update the event instead of duplicating it; the event ends at DueUtc; the client raises an
/// alarm at each of ReminderMinutesBefore.
/// </summary>
public sealed record FeedEvent(string Uid, string Title, string? Description, DateTime DueUtc, string? Url, IReadOnlyList<int> ReminderMinutesBefore);

/// <summary>
/// Writes an iCalendar (RFC 5545) feed that Outlook, WPS and phone calendars subscribe to: each
/// deadline as a half-hour event ending at the due time, with its alarms.
/// </summary>
public static class CalendarFeed
{
    public static string Write(string name, IEnumerable<FeedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var calendar = new Calendar { ProductId = "-//DutyDesk//责任台//ZH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", "Asia/Shanghai");
        foreach (var item in events)
        {
            var due = DateTime.SpecifyKind(item.DueUtc, DateTimeKind.Utc);
            var calendarEvent = new CalendarEvent
            {
                Uid = item.Uid,
                Summary = item.Title,
                Description = item.Description,
                DtStart = new CalDateTime(due.AddMinutes(-30), "UTC"),
                DtEnd = new CalDateTime(due, "UTC"),
                Url = item.Url is null ? null : new Uri(item.Url),
            };
            foreach (var minutes in item.ReminderMinutesBefore)
            {
                calendarEvent.Alarms.Add(new Alarm
                {
                    Action = AlarmAction.Display,
                    Description = item.Title,
                    Trigger = new Trigger(Duration.FromMinutes(-minutes)),
                });
            }

            calendar.Events.Add(calendarEvent);
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
