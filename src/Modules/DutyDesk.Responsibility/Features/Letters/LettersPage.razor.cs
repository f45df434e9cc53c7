using DutyDesk.Platform.Features.Shared;
using DutyDesk.Platform.Features.Units;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Responsibility.Features.Letters;

public sealed partial class LettersPage : ActorPage
{
    private List<UnitDto> units = [];
    private List<UnitDto> manageable = [];
    private IReadOnlyList<LetterSummaryDto> letters = [];
    private List<SignerChoice> choices = [];
    private Guid? unitId;
    private int? year;
    private bool showCreate;
    private bool saving;
    private Error? dialogError;
    private CreateForm form = new();

    [Inject]
    private ListUnits Units { get; set; } = default!;

    [Inject]
    private LetterQueries Queries { get; set; } = default!;

    [Inject]
    private CreateLetter Create { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private string TemplateUrl => "/responsibility/letters/template" + ((unitId ?? manageable.FirstOrDefault()?.Id) is { } id ? $"?unitId={id}" : "");

    protected override async Task LoadAsync()
    {
        units = (await Units.HandleAsync(Actor)).Where(u => !u.IsDisabled).ToList();
        manageable = units.Where(u => LetterAccess.Manages(Actor, u.Id)).ToList();
        year = Display.ToLocal(Clock.GetUtcNow().UtcDateTime).Year;
        await ReloadAsync();
    }

    private async Task ReloadAsync() => letters = await Queries.ListAsync(Actor, new LetterFilter(unitId, year));

    private async Task OpenCreateAsync()
    {
        var unit = manageable.FirstOrDefault(u => u.Id == unitId) ?? manageable[0];
        form = new CreateForm { UnitId = unit.Id, Year = year ?? Display.ToLocal(Clock.GetUtcNow().UtcDateTime).Year };
        dialogError = null;
        await LoadCandidatesAsync();
        showCreate = true;
    }

    private async Task LoadCandidatesAsync()
    {
        var candidates = await Queries.CandidatesAsync(Actor, form.UnitId);
        dialogError = candidates.Error;
        choices = candidates.IsSuccess ? SignerChoice.For(candidates.Value, []) : [];
    }

    private async Task CreateAsync()
    {
        saving = true;
        try
        {
            var created = await Create.HandleAsync(Actor, new CreateLetterCommand(form.UnitId, form.Year, form.Title, SignerChoice.Inputs(choices)));
            dialogError = created.Error;
            if (created.IsSuccess)
            {
                showCreate = false;
                Navigation.NavigateTo($"/responsibility/letters/{created.Value}");
            }
        }
        finally
        {
            saving = false;
        }
    }

    private sealed class CreateForm
    {
        public Guid UnitId { get; set; }

        public int Year { get; set; }

        public string? Title { get; set; }
    }
}
