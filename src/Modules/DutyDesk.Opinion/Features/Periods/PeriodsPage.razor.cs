using System.Globalization;
using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Opinion.Features.Periods;

public sealed partial class PeriodsPage
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly string[] WeekdayNames = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    private static readonly string[] FormFields = ["name", "startsAt", "endsAt", "deadlineFactor", "monitoringFactor", "note"];
    private static readonly string[] BandColours = ["#fff1f0", "#fff7e6", "#e6f4ff", "#f9f0ff", "#f6ffed"];

    private Guid? unitId;
    private DateOnly month;
    private DateOnly today;
    private bool reading;
    private bool saving;
    private bool dialogOpen;
    private bool deleteArmed;
    private PeriodsView? view;
    private PeriodDto? editing;
    private PeriodForm form = new();
    private string? done;
    private Error? pageError;
    private Error? dialogError;

    [Inject]
    private ManagePeriods Periods { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private DateTime Now => Clock.GetUtcNow().UtcDateTime;

    private Error? GeneralError => dialogError is { Field: { } named } && FormFields.Contains(named) ? null : dialogError;

    private DateOnly GridStart => month.AddDays(-(((int)month.DayOfWeek + 6) % 7));

    private DateOnly GridEnd
    {
        get
        {
            var last = month.AddMonths(1).AddDays(-1);
            return last.AddDays(6 - (((int)last.DayOfWeek + 6) % 7));
        }
    }

    private IEnumerable<DateOnly[]> Weeks
        => Enumerable.Range(0, (GridEnd.DayNumber - GridStart.DayNumber + 1) / 7).Select(w => Enumerable.Range(0, 7).Select(d => GridStart.AddDays((w * 7) + d)).ToArray());

    protected override Task LoadAsync()
    {
        today = DateOnly.FromDateTime(Display.ToLocal(Now));
        month = new DateOnly(today.Year, today.Month, 1);
        return Task.CompletedTask; // the unit picker chooses the user's unit
    }

    /// <summary>The periods lasting into the local day.</summary>
    private IEnumerable<PeriodDto> On(DateOnly day)
    {
        var (start, end) = (Display.ToUtc(day.ToDateTime(TimeOnly.MinValue)), Display.ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        return view!.Periods.Where(p => DutyRules.Overlaps(p.StartsAt, p.EndsAt, start, end));
    }

    private string BandStyle(PeriodDto p)
    {
        var index = view!.Periods.ToList().FindIndex(x => x.Id == p.Id);
        return $"background:{BandColours[index % BandColours.Length]};border-left:3px solid {(p.ActiveNow ? "#cf1322" : "#d9d9d9")};padding-left:4px";
    }

    private string? DayClass(DateOnly day) => day == today ? "dd-today" : day.Month != month.Month ? "dd-other-month" : null;

    private async Task ChangeUnitAsync(Guid id)
    {
        unitId = id;
        await ReloadAsync();
    }

    private async Task MoveAsync(int months)
    {
        month = month.AddMonths(months);
        done = null;
        await ReloadAsync();
    }

    private async Task ThisMonthAsync()
    {
        today = DateOnly.FromDateTime(Display.ToLocal(Now));
        month = new DateOnly(today.Year, today.Month, 1);
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        if (unitId is not { } id)
        {
            return;
        }

        reading = true;
        try
        {
            var result = await Periods.ListAsync(
                Actor, id, Display.ToUtc(GridStart.ToDateTime(TimeOnly.MinValue)), Display.ToUtc(GridEnd.AddDays(1).ToDateTime(TimeOnly.MinValue)));
            view = result.IsSuccess ? result.Value : null;
            pageError = result.Error;
        }
        finally
        {
            reading = false;
        }
    }

    private void OpenCreate()
    {
        var start = (today.Month == month.Month && today.Year == month.Year ? today : month).ToDateTime(TimeOnly.MinValue);
        (editing, dialogError, done, deleteArmed) = (null, null, null, false);
        form = new PeriodForm { Start = start, End = start.AddDays(1) };
        dialogOpen = true;
    }

    private void OpenEdit(PeriodDto p)
    {
        (editing, dialogError, done, deleteArmed) = (p, null, null, false);
        form = new PeriodForm
        {
            Name = p.Name, Start = Display.ToLocal(p.StartsAt), End = Display.ToLocal(p.EndsAt), DeadlineFactor = p.DeadlineFactor, MonitoringFactor = p.MonitoringFactor, Note = p.Note,
        };
        dialogOpen = true;
    }

    private async Task SaveAsync()
    {
        if (form.Start is not { } start || form.End is not { } end)
        {
            dialogError = Error.Validation(form.Start is null ? "startsAt" : "endsAt", "请填写开始和结束时间。");
            return;
        }

        saving = true;
        try
        {
            var input = new PeriodInput(
                form.Name, Display.ToUtc(start), Display.ToUtc(end), form.DeadlineFactor ?? SensitivePeriod.DefaultFactor, form.MonitoringFactor ?? SensitivePeriod.DefaultFactor, form.Note);
            var result = editing is null
                ? await Periods.CreateAsync(Actor, unitId!.Value, input)
                : await Periods.UpdateAsync(Actor, editing.Id, input, editing.Version);
            dialogError = result.Error;
            if (result.IsSuccess)
            {
                dialogOpen = false;
                done = editing is null ? "敏感时期已添加。" : "敏感时期已修改。";
                await ReloadAsync();
            }
        }
        finally
        {
            saving = false;
        }
    }

    private async Task DeleteAsync()
    {
        if (!deleteArmed)
        {
            deleteArmed = true;
            return;
        }

        saving = true;
        try
        {
            var result = await Periods.DeleteAsync(Actor, editing!.Id, editing.Version);
            dialogError = result.Error;
            if (result.IsSuccess)
            {
                dialogOpen = false;
                done = "敏感时期已取消。";
                await ReloadAsync();
            }
        }
        finally
        {
            saving = false;
        }
    }

    private sealed class PeriodForm
    {
        public string? Name { get; set; }

        public DateTime? Start { get; set; }

        public DateTime? End { get; set; }

        public double? DeadlineFactor { get; set; } = SensitivePeriod.DefaultFactor;

        public double? MonitoringFactor { get; set; } = SensitivePeriod.DefaultFactor;

        public string? Note { get; set; }
    }
}
