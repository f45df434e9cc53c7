using DutyDesk.Platform.Features.Tasks;
using DutyDesk.Platform.Results;
using DutyDesk.Responsibility.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace DutyDesk.Responsibility.Features.Obligations;

public sealed partial class ObligationsPage
{
    private Guid? unitId;
    private bool manages;
    private bool saving;
    private bool dialogOpen;
    private string? adoptMessage;
    private IReadOnlyList<ObligationDto> rows = [];
    private ObligationDto? editing;
    private FormModel form = new();
    private Error? pageError;
    private Error? dialogError;

    [Inject]
    private ManageObligations Manage { get; set; } = default!;

    [Inject]
    private IOptions<ResponsibilityOptions> Options { get; set; } = default!;

    protected override Task LoadAsync() => Task.CompletedTask; // the unit picker chooses the first unit

    private async Task ChangeUnitAsync(Guid id)
    {
        unitId = id;
        manages = TaskAccess.Manages(Actor, id);
        adoptMessage = null;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        var result = await Manage.ListAsync(Actor, unitId!.Value);
        rows = result.IsSuccess ? result.Value : [];
        pageError = result.Error;
    }

    private async Task AdoptAsync()
    {
        saving = true;
        try
        {
            var result = await Manage.AdoptDefaultsAsync(Actor, unitId!.Value, ownerId: null);
            pageError = result.Error;
            adoptMessage = result.IsSuccess
                ? result.Value.Adopted == 0 ? "默认要求均已启用，无需重复启用。" : $"已启用 {result.Value.Adopted} 项默认要求，生成近期待办 {result.Value.TasksCreated} 项。"
                : null;
            await ReloadAsync();
        }
        finally
        {
            saving = false;
        }
    }

    private void OpenCreate()
    {
        editing = null;
        form = new FormModel { OwnerId = Actor.UserId };
        dialogError = null;
        dialogOpen = true;
    }

    private void OpenEdit(ObligationDto row)
    {
        editing = row;
        form = new FormModel
        {
            Title = row.Title, Frequency = row.Frequency, TimesPerPeriod = row.TimesPerPeriod, Weekday = row.Weekday, DueAfterDays = row.DueAfterDays,
            PerLeadershipMember = row.PerLeadershipMember, Evidence = row.Evidence, OwnerId = row.OwnerId, ReminderDays = row.ReminderDays,
        };
        dialogError = null;
        dialogOpen = true;
    }

    private async Task SubmitAsync()
    {
        saving = true;
        try
        {
            var figures = form.ToCommand(unitId!.Value);
            dialogError = editing is null
                ? (await Manage.CreateAsync(Actor, figures)).Error
                : (await Manage.UpdateAsync(Actor, new UpdateObligationCommand(editing.Id, figures, editing.Active, editing.Version))).Error;
            if (dialogError is null)
            {
                dialogOpen = false;
                await ReloadAsync();
            }
        }
        finally
        {
            saving = false;
        }
    }

    private async Task ToggleAsync(ObligationDto row)
    {
        var figures = new ObligationCommand(row.UnitId, row.Title, row.Frequency, row.TimesPerPeriod, row.Weekday, row.DueAfterDays,
            row.PerLeadershipMember, row.Evidence, row.OwnerId, row.ReminderDays);
        pageError = (await Manage.UpdateAsync(Actor, new UpdateObligationCommand(row.Id, figures, !row.Active, row.Version))).Error;
        await ReloadAsync();
    }

    private sealed class FormModel
    {
        public string Title { get; set; } = "";

        public Frequency Frequency { get; set; } = Frequency.HalfYearly;

        public int TimesPerPeriod { get; set; } = 1;

        public DayOfWeek Weekday { get; set; } = DayOfWeek.Tuesday;

        public int DueAfterDays { get; set; }

        public bool PerLeadershipMember { get; set; }

        public string Evidence { get; set; } = "";

        public Guid? OwnerId { get; set; }

        public string ReminderDays { get; set; } = "7,1";

        public ObligationCommand ToCommand(Guid unitId) => new(unitId, Title, Frequency, Frequency == Frequency.Weekly ? 1 : TimesPerPeriod, Weekday,
            DueAfterDays, PerLeadershipMember, Evidence, OwnerId, ReminderDays);
    }
}
