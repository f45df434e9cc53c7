using DutyDesk.Platform.Features.Shared;
using DutyDesk.Platform.Features.Units;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Responsibility.Features.Letters;

public sealed partial class LetterTemplatePage : ActorPage
{
    private List<UnitDto> units = [];
    private LetterTemplateDto? template;
    private LetterContentForm? form;
    private Guid unitId;
    private bool saving;
    private bool saved;
    private Error? error;

    [SupplyParameterFromQuery(Name = "unitId")]
    public Guid? RequestedUnitId { get; set; }

    [Inject]
    private ListUnits Units { get; set; } = default!;

    [Inject]
    private LetterTemplates Templates { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    protected override async Task LoadAsync()
    {
        units = (await Units.HandleAsync(Actor)).Where(u => !u.IsDisabled).ToList();
        if (units.Count == 0)
        {
            return;
        }

        unitId = units.FirstOrDefault(u => u.Id == RequestedUnitId)?.Id
                 ?? units.FirstOrDefault(u => LetterAccess.Manages(Actor, u.Id))?.Id
                 ?? units[0].Id;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        saved = false;
        var result = await Templates.GetAsync(Actor, unitId);
        error = result.Error;
        template = result.IsSuccess ? result.Value : null;
        form = template is null ? null : LetterContentForm.From(template.Content);
    }

    private async Task SaveAsync()
    {
        saving = true;
        try
        {
            var result = await Templates.UpdateAsync(Actor, new UpdateLetterTemplateCommand(unitId, form!.ToContent(), template!.Version));
            error = result.Error;
            if (result.IsSuccess)
            {
                template = result.Value;
                form = LetterContentForm.From(template.Content);
                saved = true;
            }
        }
        finally
        {
            saving = false;
        }
    }
}
