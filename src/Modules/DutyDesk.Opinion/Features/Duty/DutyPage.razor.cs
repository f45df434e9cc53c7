using System.Globalization;
using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Opinion.Features.Duty;

public sealed partial class DutyPage
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly DayOfWeek[] WeekOrder = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];
    private static readonly string[] ShiftFields = ["userId", "label", "startsAt", "endsAt", "note"];
    private static readonly string[] GenerateFields = ["to", "days", "slots", "people"];

    private Guid? unitId;
    private DateOnly monday;
    private DateOnly today;
    private bool reading;
    private bool saving;
    private bool shiftOpen;
    private bool generateOpen;
    private bool deleteArmed;
    private RosterView? view;
    private IReadOnlyList<DutyPerson> people = [];
    private ShiftDto? editing;
    private ShiftForm shiftForm = new();
    private GenerateForm generateForm = new();
    private string? done;
    private Error? pageError;
    private Error? shiftError;
    private Error? generateError;

    [Inject]
    private ManageDuty Duty { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private IEnumerable<DateOnly> Days => Enumerable.Range(0, 7).Select(monday.AddDays);

    private string WeekText => $"{monday:yyyy-MM-dd} 至 {monday.AddDays(6):MM-dd}";

    private Error? ShiftGeneralError => shiftError is { Field: { } named } && ShiftFields.Contains(named) ? null : shiftError;

    private Error? GenerateGeneralError => generateError is { Field: { } named } && GenerateFields.Contains(named) ? null : generateError;

    /// <summary>The rows of the grid: one per shift name of the week, the presets first in their order, then the unit's own names.</summary>
    private List<string> Rows => view is null
        ? []
        : view.Shifts.Select(s => s.Label).Distinct()
            .OrderBy(l => DutyRules.Presets.Contains(l) ? DutyRules.Presets.ToList().IndexOf(l) : DutyRules.Presets.Count)
            .ThenBy(l => l, StringComparer.Ordinal)
            .ToList();

    protected override Task LoadAsync()
    {
        today = LocalToday();
        monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return Task.CompletedTask; // the unit picker chooses the user's unit
    }

    /// <summary>A shift shows on the day it starts, in local time.</summary>
    private IEnumerable<ShiftDto> Cell(string label, DateOnly day)
        => view!.Shifts.Where(s => s.Label == label && DateOnly.FromDateTime(Display.ToLocal(s.StartsAt)) == day);

    private string TimeText(ShiftDto s)
    {
        var (start, end) = (Display.ToLocal(s.StartsAt), Display.ToLocal(s.EndsAt));
        return $"{start:HH:mm}–{(end.Date > start.Date ? "次日" : "")}{end:HH:mm}";
    }

    private DateOnly LocalToday() => DateOnly.FromDateTime(Display.ToLocal(Clock.GetUtcNow().UtcDateTime));

    private async Task ChangeUnitAsync(Guid id)
    {
        unitId = id;
        var found = await Duty.PeopleAsync(Actor, id);
        people = found.IsSuccess ? found.Value : [];
        await ReloadAsync();
    }

    private async Task MoveAsync(int days)
    {
        monday = monday.AddDays(days);
        done = null;
        await ReloadAsync();
    }

    private async Task ThisWeekAsync()
    {
        today = LocalToday();
        monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
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
            var from = Display.ToUtc(monday.ToDateTime(TimeOnly.MinValue));
            var result = await Duty.ListAsync(Actor, id, from, Display.ToUtc(monday.AddDays(7).ToDateTime(TimeOnly.MinValue)));
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
        // A new shift starts on today's date when the week shown holds it, else on the week's Monday.
        var day = today >= monday && today < monday.AddDays(7) ? today : monday;
        var start = day.ToDateTime(new TimeOnly(8, 30));
        (editing, shiftError, done, deleteArmed) = (null, null, null, false);
        shiftForm = new ShiftForm { Label = DutyRules.DayShift, Start = start, End = start.AddHours(9) };
        shiftOpen = true;
    }

    private void OpenEdit(ShiftDto shift)
    {
        (editing, shiftError, done, deleteArmed) = (shift, null, null, false);
        shiftForm = new ShiftForm
        {
            UserId = shift.UserId.ToString(), Label = shift.Label, Note = shift.Note, Start = Display.ToLocal(shift.StartsAt), End = Display.ToLocal(shift.EndsAt),
        };
        shiftOpen = true;
    }

    private async Task SaveShiftAsync()
    {
        if (shiftForm.Start is not { } start || shiftForm.End is not { } end)
        {
            shiftError = Error.Validation(shiftForm.Start is null ? "startsAt" : "endsAt", "请填写开始和结束时间。");
            return;
        }

        saving = true;
        try
        {
            var input = new ShiftInput(Guid.TryParse(shiftForm.UserId, out var user) ? user : Guid.Empty, Display.ToUtc(start), Display.ToUtc(end), shiftForm.Label, shiftForm.Note);
            var result = editing is null
                ? await Duty.CreateAsync(Actor, unitId!.Value, input)
                : await Duty.UpdateAsync(Actor, editing.Id, input, editing.Version);
            shiftError = result.Error;
            if (result.IsSuccess)
            {
                shiftOpen = false;
                done = editing is null ? "班次已添加。" : "班次已修改。";
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
            var result = await Duty.DeleteAsync(Actor, editing!.Id, editing.Version);
            shiftError = result.Error;
            if (result.IsSuccess)
            {
                shiftOpen = false;
                done = "班次已删除。";
                await ReloadAsync();
            }
        }
        finally
        {
            saving = false;
        }
    }

    private void OpenGenerate()
    {
        (generateError, done) = (null, null);
        generateForm = new GenerateForm { From = monday.AddDays(7), To = monday.AddDays(13) };
        generateOpen = true;
    }

    private static void Toggle<T>(List<T> list, T value, ChangeEventArgs e)
    {
        list.Remove(value);
        if (e.Value is true)
        {
            list.Add(value);
        }
    }

    private async Task GenerateAsync()
    {
        saving = true;
        try
        {
            var pattern = new WeeklyPattern(
                generateForm.From, generateForm.To, generateForm.Days.ToList(),
                generateForm.Slots.Select(s => new DutySlot(s.Label ?? "", s.Start, s.End)).ToList(), generateForm.People.ToList());
            var result = await Duty.GenerateAsync(Actor, unitId!.Value, pattern);
            generateError = result.Error;
            if (result.IsSuccess)
            {
                generateOpen = false;
                done = $"已生成 {result.Value.Count} 个班次（{Display.Format(result.Value.FirstStart)} 至 {Display.Format(result.Value.LastEnd)}）。";
                monday = generateForm.From.AddDays(-(((int)generateForm.From.DayOfWeek + 6) % 7));
                await ReloadAsync();
            }
        }
        finally
        {
            saving = false;
        }
    }

    private sealed class ShiftForm
    {
        public string? UserId { get; set; }

        public string? Label { get; set; }

        public DateTime? Start { get; set; }

        public DateTime? End { get; set; }

        public string? Note { get; set; }
    }

    private sealed class SlotForm
    {
        public string? Label { get; set; } = DutyRules.DayShift;

        public TimeOnly Start { get; set; } = new(8, 30);

        public TimeOnly End { get; set; } = new(17, 30);
    }

    private sealed class GenerateForm
    {
        public DateOnly From { get; set; }

        public DateOnly To { get; set; }

        public List<DayOfWeek> Days { get; } = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

        public List<SlotForm> Slots { get; } =
        [
            new(),
            new() { Label = DutyRules.NightShift, Start = new TimeOnly(17, 30), End = new TimeOnly(8, 30) },
        ];

        public List<Guid> People { get; } = [];
    }
}
