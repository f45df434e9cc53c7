using AntDesign;
using DutyDesk.Platform.Features.Shared;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using DutyDesk.Responsibility.Domain;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Responsibility.Features.Letters;

public sealed partial class LetterPage : ActorPage
{
    private const string TextStyle = "white-space:pre-wrap;line-height:1.9;margin-bottom:8px";

    private LetterDetailDto? letter;
    private LetterContentForm? draftForm;
    private SigningPreview? preview;
    private List<SignerChoice>? signerChoices;
    private string password = "";
    private bool saving;
    private bool confirmingIssue;
    private Error? actionError;
    private Error? editError;
    private Error? signError;
    private Error? signersError;
    private int? shownNumber;

    [Parameter]
    public Guid Id { get; set; }

    /// <summary>
    /// The version on screen, read through the field: AntDesign's Descriptions keeps its items' first
    /// render fragments, so a local captured in one render would show a stale version there.
    /// </summary>
    private LetterVersionDto Shown => letter!.Shown;

    [Inject]
    private LetterQueries Queries { get; set; } = default!;

    [Inject]
    private EditLetterDraft Edit { get; set; } = default!;

    [Inject]
    private IssueLetterVersion Issue { get; set; } = default!;

    [Inject]
    private SupersedeLetter Supersede { get; set; } = default!;

    [Inject]
    private ChangeLetterSigners Signers { get; set; } = default!;

    [Inject]
    private SignLetter Sign { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    public static TagColor StateColor(LetterVersionState state) => state switch
    {
        LetterVersionState.Draft => TagColor.Orange,
        LetterVersionState.Issued => TagColor.Green,
        _ => TagColor.Default,
    };

    private static TagColor StatusColor(SignerStatus status) => status switch
    {
        SignerStatus.Valid => TagColor.Green,
        SignerStatus.Pending => TagColor.Blue,
        SignerStatus.Broken => TagColor.Red,
        _ => TagColor.Default,
    };

    protected override Task LoadAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        var result = await Queries.GetAsync(Actor, Id, shownNumber);
        letter = result.IsSuccess ? result.Value : null;
        Failed = result.Error?.Message;
    }

    private async Task ShowAsync(int number)
    {
        shownNumber = number;
        draftForm = null;
        actionError = null;
        await ReloadAsync();
    }

    private void StartEdit()
    {
        editError = null;
        draftForm = LetterContentForm.From(letter!.Shown.Content);
    }

    private async Task SaveDraftAsync()
    {
        await RunAsync(async () =>
        {
            editError = (await Edit.HandleAsync(Actor, new EditLetterDraftCommand(Id, letter!.Shown.Number, draftForm!.ToContent(), letter.Shown.Version))).Error;
            if (editError is null)
            {
                draftForm = null;
            }
        });
    }

    private async Task IssueAsync()
    {
        await RunAsync(async () =>
        {
            confirmingIssue = false;
            actionError = (await Issue.HandleAsync(Actor, new IssueLetterVersionCommand(Id, letter!.Shown.Number, letter.Shown.Version))).Error;
            shownNumber = null;
        });
    }

    private async Task SupersedeAsync()
    {
        await RunAsync(async () =>
        {
            var revised = await Supersede.HandleAsync(Actor, new SupersedeLetterCommand(Id, letter!.Version));
            actionError = revised.Error;
            if (revised.IsSuccess)
            {
                shownNumber = revised.Value;
            }
        });
    }

    private async Task OpenSignersAsync()
    {
        var candidates = await Queries.CandidatesAsync(Actor, letter!.UnitId);
        actionError = candidates.Error;
        signersError = null;
        signerChoices = candidates.IsSuccess ? SignerChoice.For(candidates.Value, letter.Signers.Select(s => (s.UserId, s.Post))) : null;
    }

    private async Task SaveSignersAsync()
    {
        await RunAsync(async () =>
        {
            signersError = (await Signers.HandleAsync(Actor, new ChangeLetterSignersCommand(Id, SignerChoice.Inputs(signerChoices!), letter!.Version))).Error;
            if (signersError is null)
            {
                signerChoices = null;
            }
        });
    }

    private async Task OpenSignAsync()
    {
        signError = null;
        password = "";
        var result = await Sign.PreviewAsync(Actor, Id, letter!.CurrentNumber!.Value);
        actionError = result.Error;
        preview = result.IsSuccess ? result.Value : null;
    }

    private void CloseSign()
    {
        preview = null;
        password = "";
    }

    private async Task SignAsync()
    {
        await RunAsync(async () =>
        {
            var signed = await Sign.HandleAsync(Actor, new SignLetterCommand(Id, preview!.Number, password));
            password = "";
            signError = signed.Error;
            if (signed.IsSuccess)
            {
                preview = null;
                shownNumber = signed.Value.Number;
            }
        });
    }

    /// <summary>Runs an action with the buttons busy, then shows the letter as it now stands.</summary>
    private async Task RunAsync(Func<Task> action)
    {
        saving = true;
        try
        {
            await action();
            await ReloadAsync();
        }
        finally
        {
            saving = false;
        }
    }
}
