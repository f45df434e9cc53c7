using DutyDesk.Platform.Features.Shared;
using DutyDesk.Platform.Features.Units;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using DutyDesk.Responsibility.Domain;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Responsibility.Features.Meetings;

public sealed partial class MeetingsPage : ActorPage
{
    private static readonly MeetingType[] Types = Enum.GetValues<MeetingType>();

    private IReadOnlyList<MeetingSummary> meetings = [];
    private IReadOnlyList<UnitDto> units = [];
    private List<UnitDto> managedUnits = [];
    private IReadOnlyList<PersonRef> people = [];
    private Guid? unitFilter;
    private int? yearFilter;
    private MeetingType? typeFilter;
    private bool creating;
    private bool saving;
    private Error? createError;
    private CreateForm form = new();

    [Inject]
    private MeetingQueries Queries { get; set; } = default!;

    [Inject]
    private ManageMeetings Manage { get; set; } = default!;

    [Inject]
    private ListUnits ListUnits { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private IEnumerable<int> Years => Enumerable.Range(0, 6).Select(i => CurrentYear + 1 - i);

    private int CurrentYear => Display.ToLocal(Clock.GetUtcNow().UtcDateTime).Year;

    protected override async Task LoadAsync()
    {
        yearFilter = CurrentYear;
        units = await ListUnits.HandleAsync(Actor);
        managedUnits = units.Where(u => !u.IsDisabled && UnitManagers.Manages(Actor, u.Id)).ToList();
        await SearchAsync();
    }

    private async Task SearchAsync() => meetings = await Queries.ListAsync(Actor, new MeetingFilter(unitFilter, yearFilter, typeFilter));

    private async Task OpenCreate()
    {
        people = await Queries.AttendeeCandidatesAsync(Actor);
        var now = Display.ToLocal(Clock.GetUtcNow().UtcDateTime);
        form = new CreateForm
        {
            UnitId = unitFilter is { } unit && managedUnits.Any(u => u.Id == unit) ? unit : managedUnits[0].Id,
            StartsLocal = new DateTime(now.Year, now.Month, now.Day, 14, 30, 0, DateTimeKind.Unspecified),
        };
        createError = null;
        creating = true;
    }

    private async Task CreateAsync()
    {
        if (form.StartsLocal is null)
        {
            createError = Error.Validation("startsAt", "请填写“会议时间”。");
            return;
        }

        saving = true;
        try
        {
            var created = await Manage.CreateAsync(Actor, new CreateMeetingCommand(
                form.UnitId, form.Type, form.Title ?? "", Display.ToUtc(form.StartsLocal.Value),
                form.Location, [.. form.Attendees ?? []], form.Agenda, null));
            createError = created.Error;
            if (created.IsSuccess)
            {
                creating = false;
                Navigation.NavigateTo($"/responsibility/meetings/{created.Value}");
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

        public MeetingType Type { get; set; } = MeetingType.SpecialMeeting;

        public string? Title { get; set; }

        public DateTime? StartsLocal { get; set; }

        public string? Location { get; set; }

        public IEnumerable<Guid>? Attendees { get; set; } = [];

        public string? Agenda { get; set; }
    }
}
