using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using DutyDesk.Responsibility.Domain;
using DutyDesk.Responsibility.Features.Meetings;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Responsibility.Features.Assessment;

public sealed partial class AccountabilityCard
{
    private static readonly IndividualResponsibility?[] Responsibilities =
        [IndividualResponsibility.PrincipalLeadership, IndividualResponsibility.ImportantLeadership, IndividualResponsibility.Direct];

    private IReadOnlyList<AccountabilityDto> records = [];
    private IReadOnlyList<DecisionOption> decisions = [];
    private IReadOnlyList<PersonRef> people = [];
    private RecordForm form = new();
    private bool canWrite;
    private bool saving;
    private Error? loadError;
    private Error? error;

    [Parameter, EditorRequired]
    public Guid UnitId { get; set; }

    [Parameter, EditorRequired]
    public int Year { get; set; }

    [Parameter, EditorRequired]
    public Actor Actor { get; set; } = default!;

    [Inject]
    private ManageAccountability Manage { get; set; } = default!;

    [Inject]
    private MeetingQueries Meetings { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        canWrite = UnitManagers.Manages(Actor, UnitId);
        await LoadAsync();
        if (canWrite)
        {
            decisions = (await Manage.DecisionOptionsAsync(Actor, UnitId, Year)).Value;
            people = await Meetings.AttendeeCandidatesAsync(Actor);
        }
    }

    private async Task LoadAsync()
    {
        var result = await Manage.ListAsync(Actor, UnitId, Year);
        loadError = result.Error;
        records = result.IsSuccess ? result.Value : [];
    }

    private async Task CreateAsync()
    {
        saving = true;
        try
        {
            var individual = form.Scope == AccountabilityScope.Individual;
            error = (await Manage.CreateAsync(Actor, new CreateAccountabilityCommand(UnitId, Year, form.Circumstance, form.Facts ?? "", form.Scope,
                individual ? form.PersonId : null, individual ? form.Responsibility : null, form.DecisionId))).Error;
            if (error is null)
            {
                form = new RecordForm();
                await LoadAsync();
            }
        }
        finally
        {
            saving = false;
        }
    }

    private sealed class RecordForm
    {
        public int Circumstance { get; set; } = 1;

        public string? Facts { get; set; }

        public AccountabilityScope Scope { get; set; } = AccountabilityScope.Collective;

        public Guid? PersonId { get; set; }

        public IndividualResponsibility? Responsibility { get; set; }

        public Guid? DecisionId { get; set; }
    }
}
