using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Responsibility.Domain;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Responsibility.Features.Meetings;

public sealed partial class MeetingDecisionsCard
{
    private static readonly DecisionStance?[] Stances = [DecisionStance.Agree, DecisionStance.Oppose, DecisionStance.Abstain];

    private Dictionary<Guid, DecisionForm> forms = [];
    private string? newText;
    private bool newAdopted = true;
    private bool saving;
    private Error? error;

    [Parameter, EditorRequired]
    public MeetingDetails Meeting { get; set; } = default!;

    [Parameter, EditorRequired]
    public Actor Actor { get; set; } = default!;

    /// <summary>Raised after a change was saved: the page reloads the meeting (and its new version).</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    [Inject]
    private MeetingDecisions Decisions { get; set; } = default!;

    protected override void OnParametersSet()
        => forms = Meeting.Decisions.ToDictionary(d => d.Id, d => new DecisionForm
        {
            Text = d.Text,
            Adopted = d.Adopted,
            Positions = Meeting.Attendees.ToDictionary(a => a.Id, a =>
            {
                var position = d.Positions.FirstOrDefault(p => p.MemberId == a.Id);
                return new PositionRow { Stance = position?.Stance, Reason = position?.Reason };
            }),
        });

    private Task AddDecisionAsync()
        => RunAsync(async () =>
        {
            var saved = await Decisions.SaveDecisionAsync(Actor, new SaveDecisionCommand(Meeting.Id, null, newText ?? "", newAdopted, Meeting.Version));
            if (saved.IsSuccess)
            {
                newText = null;
                newAdopted = true;
            }

            return saved.Error;
        });

    private Task SaveDecisionAsync(Guid decisionId, DecisionForm form)
        => RunAsync(async () => (await Decisions.SaveDecisionAsync(Actor, new SaveDecisionCommand(Meeting.Id, decisionId, form.Text ?? "", form.Adopted, Meeting.Version))).Error);

    private Task SavePositionsAsync(Guid decisionId, DecisionForm form)
        => RunAsync(async () =>
        {
            var positions = form.Positions.Where(p => p.Value.Stance is not null)
                .Select(p => new PositionEntry(p.Key, p.Value.Stance!.Value, p.Value.Reason)).ToList();
            return (await Decisions.RecordPositionsAsync(Actor, new RecordPositionsCommand(Meeting.Id, decisionId, positions, Meeting.Version))).Error;
        });

    private async Task RunAsync(Func<Task<Error?>> save)
    {
        saving = true;
        try
        {
            error = await save();
            if (error is null)
            {
                await Changed.InvokeAsync();
            }
        }
        finally
        {
            saving = false;
        }
    }

    private sealed class DecisionForm
    {
        public string? Text { get; set; }

        public bool Adopted { get; set; }

        public Dictionary<Guid, PositionRow> Positions { get; set; } = [];
    }

    private sealed class PositionRow
    {
        public DecisionStance? Stance { get; set; }

        public string? Reason { get; set; }
    }
}
