using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using DutyDesk.Platform.Tasks;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Responsibility.Features.Calendar;

public enum OccurrenceStatus
{
    /// <summary>Not a task yet: it will be planned when it comes within the horizon.</summary>
    Planned,
    Open,
    Overdue,
    Done,
    DoneLate,
    NothingToReport,
    Cancelled,
}

public sealed record OccurrenceEntry(
    Guid ObligationId, string Title, string Period, DateOnly Scheduled, DateTime DueLocal, OccurrenceStatus Status, Guid? TaskId, string? OwnerName);

/// <summary>"At least N" for one obligation over the year so far: required by now, done, and whether it is met.</summary>
public sealed record ObligationYear(Guid ObligationId, string Title, string Rule, bool Active, int Planned, int DueByNow, int Done, int OnTime, bool Met);

public sealed record UnitCalendarView(Guid UnitId, string UnitName, int Year, IReadOnlyList<ObligationYear> Obligations, IReadOnlyList<OccurrenceEntry> Entries);

/// <summary>
/// A unit's compliance calendar for a year: every occurrence of its obligations, those already tasks with
/// their task's due time and state, the rest as planned by the rule; and per obligation whether the year's
/// "at least N" is met so far.
/// </summary>
internal sealed class UnitCalendar(IDbContextFactory<AppDbContext> dbFactory, DisplayClock display, TimeProvider clock)
{
    public async Task<Result<UnitCalendarView>> ForYearAsync(Actor actor, Guid unitId, int year, CancellationToken ct = default)
    {
        if (year is < ObligationCalendar.FirstYear or > ObligationCalendar.LastYear)
        {
            return Error.Validation("year", $"“年度”须在 {ObligationCalendar.FirstYear} 至 {ObligationCalendar.LastYear} 之间。");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unitName = actor.CanSee(unitId) ? await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(ct) : null;
        if (unitName is null)
        {
            return Error.NotFound("单位");
        }

        var obligations = await db.Set<Obligation>().AsNoTracking().Where(o => o.UnitId == unitId).ToListAsync(ct);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var occurrences = await db.Set<ObligationOccurrence>().AsNoTracking()
            .Where(x => x.UnitId == unitId && x.Scheduled >= first && x.Scheduled <= last)
            .Join(db.DueTasks.AsNoTracking(), x => x.TaskId, t => t.Id, (x, t) => new { Occurrence = x, Task = t })
            .ToListAsync(ct);
        var ownerIds = occurrences.Select(x => x.Task.OwnerId).Distinct().ToList();
        var owners = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var entries = new List<OccurrenceEntry>();
        var byObligation = obligations.ToDictionary(o => o.Id);
        foreach (var x in occurrences)
        {
            var obligation = byObligation[x.Occurrence.ObligationId];
            var period = OccurrencePlan.Label(x.Occurrence.PeriodKey);
            if (x.Occurrence.MemberId != ObligationOccurrence.WholeUnit)
            {
                period += " · " + owners.GetValueOrDefault(x.Task.OwnerId, "?"); // each leadership member's own occurrence
            }

            entries.Add(new OccurrenceEntry(obligation.Id, obligation.Title, period, x.Occurrence.Scheduled,
                display.ToLocal(x.Task.DueAt), StatusOf(x.Task, now), x.Task.Id, owners.GetValueOrDefault(x.Task.OwnerId)));
        }

        // What the rule still has to bring this year (unit-wide occurrences; members' shares appear once planned).
        var planned = occurrences.Select(x => (x.Occurrence.ObligationId, x.Occurrence.PeriodKey)).ToHashSet();
        foreach (var obligation in obligations.Where(o => o.Active && o.Recurrence.Problem() is null))
        {
            var from = obligation.StartsOn.ToDateTime(TimeOnly.MinValue);
            foreach (var occurrence in obligation.Recurrence.Occurrences(year).Where(o => o.DueLocal >= from && !planned.Contains((obligation.Id, o.PeriodKey))))
            {
                entries.Add(new OccurrenceEntry(obligation.Id, obligation.Title, OccurrencePlan.Label(occurrence.PeriodKey), occurrence.Scheduled,
                    occurrence.DueLocal, OccurrenceStatus.Planned, null, null));
            }
        }

        var summary = obligations
            .OrderByDescending(o => o.Active)
            .ThenBy(o => o.Title, StringComparer.Ordinal)
            .Select(o => Summarise(o, entries.Where(e => e.ObligationId == o.Id).ToList(), display.ToLocal(now), year))
            .Where(s => s.Planned > 0 || s.Active)
            .ToList();
        return new UnitCalendarView(unitId, unitName, year, summary,
            entries.OrderBy(e => e.DueLocal).ThenBy(e => e.Title, StringComparer.Ordinal).ToList());
    }

    internal static OccurrenceStatus StatusOf(DueTask task, DateTime now) => task.State switch
    {
        DueTaskState.Cancelled => OccurrenceStatus.Cancelled,
        DueTaskState.Done when task.NothingToReport => OccurrenceStatus.NothingToReport,
        DueTaskState.Done => task.IsDoneOnTime ? OccurrenceStatus.Done : OccurrenceStatus.DoneLate,
        _ => task.IsOverdueAt(now) ? OccurrenceStatus.Overdue : OccurrenceStatus.Open,
    };

    private static ObligationYear Summarise(Obligation obligation, List<OccurrenceEntry> entries, DateTime nowLocal, int year)
    {
        var counted = entries.Where(e => e.Status != OccurrenceStatus.Cancelled).ToList();
        var dueByNow = counted.Count(e => e.DueLocal <= nowLocal);
        var doneDates = counted.Where(e => e.Status is OccurrenceStatus.Done or OccurrenceStatus.DoneLate or OccurrenceStatus.NothingToReport)
            .Select(e => e.Scheduled).ToList();
        var onTime = counted.Count(e => e.Status is OccurrenceStatus.Done or OccurrenceStatus.NothingToReport);
        // "At least N by now": the occurrences already due are the requirement so far; done ones count wherever they fall in the year.
        var met = dueByNow == 0 || Fulfilment.Evaluate(dueByNow, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), doneDates).Met;
        return new ObligationYear(obligation.Id, obligation.Title, obligation.Recurrence.Describe() + (obligation.PerLeadershipMember ? "（每位班子成员）" : ""),
            obligation.Active, counted.Count, dueByNow, doneDates.Count, onTime, met);
    }
}

public static class OccurrenceStatusNames
{
    public static string ToChinese(this OccurrenceStatus status) => status switch
    {
        OccurrenceStatus.Planned => "计划",
        OccurrenceStatus.Open => "待办",
        OccurrenceStatus.Overdue => "逾期",
        OccurrenceStatus.Done => "已办结",
        OccurrenceStatus.DoneLate => "逾期办结",
        OccurrenceStatus.NothingToReport => "零报告",
        _ => "已取消",
    };
}
