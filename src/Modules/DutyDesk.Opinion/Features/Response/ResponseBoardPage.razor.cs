using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Opinion.Features.Response;

public sealed partial class ResponseBoardPage
{
    private Guid? unitId;
    private bool closed;
    private bool opening;
    private IReadOnlyList<CaseCardDto> cards = [];
    private Error? pageError;

    [Inject]
    private ResponseQueries Queries { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private bool CanOpen => unitId is { } unit && ResponseProcedure.CaseWorkers.Any(r => Actor.HoldsIn(r, unit));

    // The unit picker chooses the user's unit and loads from there.
    protected override Task LoadAsync() => Task.CompletedTask;

    internal static AntDesign.TagColor StepColor(CaseStep step) => step switch
    {
        CaseStep.Discovered or CaseStep.Monitoring => AntDesign.TagColor.Blue,
        CaseStep.Reported or CaseStep.Consulted => AntDesign.TagColor.Cyan,
        CaseStep.Statement or CaseStep.Responded or CaseStep.Following => AntDesign.TagColor.GeekBlue,
        CaseStep.AfterCare or CaseStep.Review => AntDesign.TagColor.Green,
        _ => AntDesign.TagColor.Default,
    };

    private async Task ChangeUnitAsync(Guid id)
    {
        unitId = id;
        await ReloadAsync();
    }

    private async Task ShowClosedAsync(bool value)
    {
        closed = value;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        var result = await Queries.BoardAsync(Actor, unitId, closed);
        cards = result.IsSuccess ? result.Value : [];
        pageError = result.Error;
    }

    private Task OpenedAsync(Guid? id)
    {
        opening = false;
        if (id is { } created)
        {
            Navigation.NavigateTo($"/opinion/response/{created}");
        }

        return Task.CompletedTask;
    }
}
