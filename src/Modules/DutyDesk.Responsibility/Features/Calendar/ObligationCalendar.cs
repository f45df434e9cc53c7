using DutyDesk.Platform.Results;
using DutyDesk.Responsibility.Domain;

namespace DutyDesk.Responsibility.Features.Calendar;

public sealed record CalendarEntry(string Code, string Title, string Rule, bool PerLeadershipMember, string Evidence, string PeriodKey, DateOnly Scheduled, DateTime DueLocal);

/// <summary>
/// The year's compliance calendar as the default obligations lay it out: every occurrence with its
/// fixed scheduled date and its due time. Units will keep their own figures and generate dated
/// tasks from it; this is the schedule those tasks follow.
/// </summary>
/// <param name="obligations">The obligations in force (today the defaults of <see cref="ObligationCatalog"/>).</param>
public sealed class ObligationCalendar(IReadOnlyList<ObligationTemplate> obligations)
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public Result<IReadOnlyList<CalendarEntry>> ForYear(int year)
    {
        if (year is < FirstYear or > LastYear)
        {
            return Error.Validation("year", $"“年度”须在 {FirstYear} 至 {LastYear} 之间。");
        }

        var entries = obligations
            .SelectMany(o => o.Recurrence.Occurrences(year).Select(x => new CalendarEntry(
                o.Code, o.Title, o.Recurrence.Describe() + (o.PerLeadershipMember ? "（每位班子成员）" : ""),
                o.PerLeadershipMember, o.Evidence, x.PeriodKey, x.Scheduled, x.DueLocal)))
            .OrderBy(e => e.DueLocal)
            .ThenBy(e => e.Title, StringComparer.Ordinal)
            .ToList();
        return entries;
    }
}
