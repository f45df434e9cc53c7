using DutyDesk.Platform.Features.Shared;
using DutyDesk.Platform.Features.Units;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Responsibility.Features.Assessment;

public sealed partial class AssessmentPage : ActorPage
{
    private IReadOnlyList<UnitDto> units = [];
    private AssessmentView? view;
    private Guid unitId;
    private int year;
    private decimal points;
    private string? reason;
    private string? measure;
    private bool saving;
    private Error? error;
    private Error? editError;

    [Inject]
    private ManageAssessment Manage { get; set; } = default!;

    [Inject]
    private ListUnits ListUnits { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private int CurrentYear => Display.ToLocal(Clock.GetUtcNow().UtcDateTime).Year;

    private IEnumerable<int> Years => Enumerable.Range(0, 6).Select(i => CurrentYear - i);

    protected override async Task LoadAsync()
    {
        units = await ListUnits.HandleAsync(Actor);
        if (units.Count == 0)
        {
            return;
        }

        unitId = units[0].Id;
        year = CurrentYear;
        await ShowAsync();
    }

    private async Task ShowAsync()
    {
        var result = await Manage.GetAsync(Actor, unitId, year);
        error = result.Error;
        view = result.IsSuccess ? result.Value : null;
        measure = view?.Measure;
        editError = null;
    }

    private Task RefreshAsync() => SaveAsync(async () => (await Manage.RefreshAsync(Actor, new RefreshAssessmentCommand(unitId, year, view!.Id is null ? null : view.Version))).Error);

    private Task AdjustAsync() => SaveAsync(async () =>
    {
        var failure = (await Manage.AddAdjustmentAsync(Actor, new AddAdjustmentCommand(view!.Id!.Value, points, reason, view.Version))).Error;
        if (failure is null)
        {
            points = 0;
            reason = null;
        }

        return failure;
    });

    private Task SetMeasureAsync() => SaveAsync(async () => (await Manage.SetMeasureAsync(Actor, new SetMeasureCommand(view!.Id!.Value, measure, view.Version))).Error);

    private Task ConfirmAsync() => SaveAsync(async () => (await Manage.ConfirmAsync(Actor, new ConfirmAssessmentCommand(view!.Id!.Value, view.Version))).Error);

    private async Task SaveAsync(Func<Task<Error?>> save)
    {
        saving = true;
        try
        {
            var failure = await save();
            if (failure is null)
            {
                await ShowAsync();
            }

            // A refused change keeps what was typed, so it can be corrected.
            editError = failure;
        }
        finally
        {
            saving = false;
        }
    }
}
