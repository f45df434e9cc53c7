using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Sources;
using DutyDesk.Platform.Features.Shared;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Opinion.Features.Schemes;

public sealed partial class SchemePage : ActorPage
{
    private static readonly string[] FormFields = ["name", "subjects", "regions", "events", "exclusions", "expression", "sourceIds"];

    private Guid unitId;
    private SchemeDto? existing;
    private SchemeForm form = new();
    private IReadOnlyList<SourceDto> sources = [];
    private bool configures;
    private bool saving;
    private bool previewing;
    private string? previewText;
    private string? previewedText;
    private TextPreview? textPreview;
    private StoredPreview? storedPreview;
    private Error? error;
    private Error? previewError;

    [Parameter]
    public Guid? Id { get; set; }

    /// <summary>The unit a new scheme is for; the user's own unit when absent.</summary>
    [SupplyParameterFromQuery(Name = "unit")]
    public Guid? Unit { get; set; }

    [Inject]
    private ManageSchemes Schemes { get; set; } = default!;

    [Inject]
    private ManageSources Sources { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private Error? GeneralError => error is { Field: { } named } && FormFields.Contains(named) ? null : error;

    protected override async Task LoadAsync()
    {
        if (Id is { } id)
        {
            var found = await Schemes.GetAsync(Actor, id);
            if (!found.IsSuccess)
            {
                Failed = found.Error!.Message;
                return;
            }

            existing = found.Value;
            unitId = existing.UnitId;
            form = SchemeForm.From(existing);
        }
        else
        {
            unitId = Unit ?? Actor.HomeUnitId;
            if (!Actor.CanSee(unitId))
            {
                Failed = Error.NotFound("单位").Message;
                return;
            }
        }

        configures = OpinionAccess.Configures(Actor, unitId);
        var sourceList = await Sources.ListAsync(Actor, unitId);
        sources = sourceList.IsSuccess ? sourceList.Value : [];
    }

    private async Task SaveAsync()
    {
        saving = true;
        try
        {
            var command = form.ToCommand(unitId);
            if (existing is null)
            {
                var created = await Schemes.CreateAsync(Actor, command);
                error = created.Error;
                if (created.IsSuccess)
                {
                    Navigation.NavigateTo("/opinion/schemes");
                }
            }
            else
            {
                error = (await Schemes.UpdateAsync(Actor, new UpdateSchemeCommand(existing.Id, command, form.Active, existing.Version))).Error;
                if (error is null)
                {
                    Navigation.NavigateTo("/opinion/schemes");
                }
            }
        }
        finally
        {
            saving = false;
        }
    }

    private void PreviewText()
    {
        storedPreview = null;
        var result = ManageSchemes.PreviewText(form.ToCommand(unitId), previewText);
        ShowPreviewError(result.Error);
        textPreview = result.IsSuccess ? result.Value : null;
        previewedText = previewText;
    }

    private async Task PreviewStoredAsync()
    {
        textPreview = null;
        previewing = true;
        try
        {
            var result = await Schemes.PreviewStoredAsync(Actor, form.ToCommand(unitId));
            ShowPreviewError(result.Error);
            storedPreview = result.IsSuccess ? result.Value : null;
        }
        finally
        {
            previewing = false;
        }
    }

    /// <summary>A scheme that does not compile is shown at its field in the form; the preview's own problems below it.</summary>
    private void ShowPreviewError(Error? problem)
    {
        if (problem is { Field: { } named } && FormFields.Contains(named))
        {
            (error, previewError) = (problem, null);
        }
        else
        {
            previewError = problem;
            error = problem is null ? null : error;
        }
    }

    private sealed class SchemeForm
    {
        public string? Name { get; set; }

        public SchemeMode Mode { get; set; }

        public string? Subjects { get; set; }

        public string? Regions { get; set; }

        public string? Events { get; set; }

        public string? Exclusions { get; set; }

        public string? Expression { get; set; }

        public bool TitleOnly { get; set; }

        public IEnumerable<Guid>? SourceIds { get; set; } = [];

        public bool Active { get; set; } = true;

        public static SchemeForm From(SchemeDto s) => new()
        {
            Name = s.Name, Mode = s.Mode, Subjects = s.Subjects, Regions = s.Regions, Events = s.Events, Exclusions = s.Exclusions,
            Expression = s.Expression, TitleOnly = s.TitleOnly, SourceIds = s.SourceIds.ToList(), Active = s.Active,
        };

        public SchemeCommand ToCommand(Guid unitId) => new(
            unitId, Name ?? "", Mode, Subjects, Regions, Events, Exclusions, Expression, TitleOnly, [.. SourceIds ?? []]);
    }
}
