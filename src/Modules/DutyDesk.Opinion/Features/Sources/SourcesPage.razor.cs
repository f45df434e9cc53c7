using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Periods;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Opinion.Features.Sources;

public sealed partial class SourcesPage
{
    public const string FieldMapExample = """{"items":"data.list","id":"id","title":"title","text":"content","url":"link","published":"pub_time"}""";

    /// <summary>Manual sources are made by the first report, not by hand.</summary>
    private static readonly SourceKind[] EditableKinds = [SourceKind.Feed, SourceKind.JsonPull, SourceKind.Push, SourceKind.FileImport];

    private static readonly string[] FormFields = ["name", "url", "pollMinutes", "settings"];

    private Guid? unitId;
    private bool configures;
    private bool saving;
    private bool dialogOpen;
    private IReadOnlyList<SourceDto> rows = [];
    private SourceDto? editing;
    private SourceForm form = new();
    private SourceDto? secretFor;
    private string? secret;
    private Error? pageError;
    private Error? dialogError;
    private Error? secretError;
    private ActivePeriod? period;

    [Inject]
    private ManageSources Sources { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    [Inject]
    private ManagePeriods Periods { get; set; } = default!;

    private Error? GeneralError => dialogError is { Field: { } named } && FormFields.Contains(named) ? null : dialogError;

    /// <summary>How a monitoring vendor calls the push endpoint of a source, as handed to them with the secret.</summary>
    public static string PushEndpoint(Guid sourceId)
        => $"POST /api/v1/opinion/sources/{sourceId}/push，Authorization: Bearer <API 令牌>，X-DutyDesk-Signature: sha256=<HMAC-SHA256(body, 密钥)>";

    protected override Task LoadAsync() => Task.CompletedTask; // the unit picker chooses the user's unit

    private async Task ChangeUnitAsync(Guid id)
    {
        unitId = id;
        configures = OpinionAccess.Configures(Actor, id);
        var active = await Periods.ActiveAsync(Actor, id);
        period = active.IsSuccess ? active.Value : null;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        var result = await Sources.ListAsync(Actor, unitId!.Value);
        rows = result.IsSuccess ? result.Value : [];
        pageError = result.Error;
    }

    private void OpenCreate()
    {
        editing = null;
        form = new SourceForm();
        dialogError = null;
        dialogOpen = true;
    }

    private void OpenEdit(SourceDto row)
    {
        editing = row;
        form = new SourceForm
        {
            Name = row.Name, Kind = row.Kind, Url = row.Url, Settings = row.Settings, Active = row.Active,
            PollMinutes = row.PollMinutes > 0 ? row.PollMinutes : SourceForm.DefaultPollMinutes,
        };
        dialogError = null;
        dialogOpen = true;
    }

    private async Task SubmitAsync()
    {
        saving = true;
        try
        {
            var command = new SourceCommand(unitId!.Value, form.Name ?? "", form.Kind, form.Url, form.Settings, form.PollMinutes);
            dialogError = editing is null
                ? (await Sources.CreateAsync(Actor, command)).Error
                : (await Sources.UpdateAsync(Actor, new UpdateSourceCommand(editing.Id, command, form.Active, editing.Version))).Error;
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

    private void AskSecret(SourceDto row)
    {
        (secretFor, secret, secretError) = (row, null, null);
    }

    private async Task IssueSecretAsync()
    {
        if (secret is not null)
        {
            await CloseSecret();
            return;
        }

        saving = true;
        try
        {
            var result = await Sources.IssuePushSecretAsync(Actor, secretFor!.Id);
            secretError = result.Error;
            secret = result.IsSuccess ? result.Value : null;
        }
        finally
        {
            saving = false;
        }
    }

    private async Task CloseSecret()
    {
        // The secret leaves memory with the dialog: it is shown once.
        (secretFor, secret, secretError) = (null, null, null);
        await ReloadAsync();
    }

    private sealed class SourceForm
    {
        public const int DefaultPollMinutes = 15;

        public string? Name { get; set; }

        public SourceKind Kind { get; set; } = SourceKind.Feed;

        public string? Url { get; set; }

        public string? Settings { get; set; }

        public int PollMinutes { get; set; } = DefaultPollMinutes;

        public bool Active { get; set; } = true;
    }
}
