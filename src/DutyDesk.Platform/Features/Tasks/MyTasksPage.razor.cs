using DutyDesk.Platform.Features.Units;
using DutyDesk.Platform.Features.Users;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using DutyDesk.Platform.Features.Shared;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Platform.Features.Tasks;

public sealed partial class MyTasksPage : ActorPage
{
    private IReadOnlyList<TaskDto> tasks = [];
    private List<UnitDto> assignableUnits = [];
    private IReadOnlyList<UserDto> people = [];
    private bool saving;
    private bool includeClosed;
    private bool canAssign;
    private bool showCreate;
    private Error? dialogError;
    private TaskForm form = new();
    private bool hasFeed;
    private string? feedUrl;

    [Inject]
    private TaskQueries Queries { get; set; } = default!;

    [Inject]
    private Calendar.TaskCalendarFeed Feed { get; set; } = default!;

    [Inject]
    private ManageTasks Manage { get; set; } = default!;

    [Inject]
    private ListUnits Units { get; set; } = default!;

    [Inject]
    private ListUsers Users { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    protected override async Task LoadAsync()
    {
        assignableUnits = (await Units.HandleAsync(Actor)).Where(u => !u.IsDisabled && TaskAccess.Manages(Actor, u.Id)).ToList();
        canAssign = assignableUnits.Count > 0;
        hasFeed = await Feed.HasLinkAsync(Actor);
        await ReloadAsync();
    }

    private async Task IssueFeedAsync()
    {
        feedUrl = (await Feed.IssueAsync(Actor)).Url;
        hasFeed = true;
    }

    private async Task RevokeFeedAsync()
    {
        await Feed.RevokeAsync(Actor);
        feedUrl = null;
        hasFeed = false;
    }

    private async Task OnIncludeClosedAsync(bool value)
    {
        includeClosed = value;
        await ReloadAsync();
    }

    private async Task ReloadAsync() => tasks = await Queries.MineAsync(Actor, new TaskFilter(includeClosed));

    private async Task OpenCreate()
    {
        people = (await Users.HandleAsync(Actor, new UserFilter())).Where(u => !u.IsDisabled).ToList();
        var now = Display.ToLocal(Clock.GetUtcNow().UtcDateTime);
        form = new TaskForm { UnitId = assignableUnits[0].Id, DueLocal = now.Date.AddDays(7).AddHours(17) };
        dialogError = null;
        showCreate = true;
    }

    private async Task CreateAsync()
    {
        if (form.DueLocal is not { } due)
        {
            dialogError = Error.Validation("dueAt", "请选择“截止时间”。");
            return;
        }

        saving = true;
        try
        {
            var result = await Manage.CreateAsync(Actor, new CreateTaskCommand(
                form.Title, form.Description, form.UnitId, form.OwnerId, Display.ToUtc(due), form.Reminders, null, form.EvidenceRequired));
            dialogError = result.Error;
            if (result.IsSuccess)
            {
                showCreate = false;
                await ReloadAsync();
            }
        }
        finally
        {
            saving = false;
        }
    }

    private static string SourceName(string module) => module switch
    {
        "platform" => "平台",
        "api" => "接口",
        _ => module,
    };

    private sealed class TaskForm
    {
        public string Title { get; set; } = "";

        public string? Description { get; set; }

        public Guid UnitId { get; set; }

        public Guid OwnerId { get; set; }

        public DateTime? DueLocal { get; set; }

        public string Reminders { get; set; } = "1440,60";

        public bool EvidenceRequired { get; set; } = true;
    }
}
