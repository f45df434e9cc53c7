using DutyDesk.Platform.Features.Shared;
using DutyDesk.Platform.Files;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using DutyDesk.Responsibility.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace DutyDesk.Responsibility.Features.Meetings;

public sealed partial class MeetingPage : ActorPage
{
    private MeetingDetails? meeting;
    private IReadOnlyList<PersonRef> people = [];
    private IReadOnlyList<OpenTaskOption> openTasks = [];
    private MinutesEditor? editor;
    private MeetingForm edit = new();
    private bool editing;
    private bool saving;
    private bool uploading;
    private Guid? taskToSatisfy;
    private Error? editError;
    private Error? uploadError;
    private Error? satisfyError;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private MeetingQueries Queries { get; set; } = default!;

    [Inject]
    private ManageMeetings Manage { get; set; } = default!;

    [Inject]
    private SatisfyTask Satisfy { get; set; } = default!;

    [Inject]
    private FileStore Files { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    protected override Task LoadAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        var result = await Queries.GetAsync(Actor, Id);
        meeting = result.IsSuccess ? result.Value : null;
        Failed = result.Error?.Message;
        openTasks = meeting is { CanEdit: true, SatisfiedTaskId: null } ? (await Queries.OpenOccurrenceTasksAsync(Actor, Id)).Value : [];
        if (taskToSatisfy is { } chosen && openTasks.All(t => t.Id != chosen))
        {
            taskToSatisfy = null;
        }
    }

    private async Task StartEditAsync()
    {
        people = await Queries.AttendeeCandidatesAsync(Actor);
        var current = meeting!;
        // Attendees recorded earlier stay selectable even if they are no longer in the candidate list.
        people = [.. people, .. current.Attendees.Where(a => people.All(p => p.Id != a.Id))];
        edit = new MeetingForm
        {
            Type = current.Type,
            Title = current.Title,
            StartsLocal = Display.ToLocal(current.StartsAt),
            Location = current.Location,
            Attendees = current.Attendees.Select(a => a.Id).ToList(),
            Agenda = current.Agenda,
        };
        editError = null;
        editing = true;
    }

    private async Task SaveAsync()
    {
        if (edit.StartsLocal is null)
        {
            editError = Error.Validation("startsAt", "请填写“会议时间”。");
            return;
        }

        saving = true;
        try
        {
            var minutes = editor is null ? meeting!.Minutes : await editor.GetHtmlAsync();
            editError = (await Manage.UpdateAsync(Actor, new UpdateMeetingCommand(
                Id, edit.Type, edit.Title ?? "", Display.ToUtc(edit.StartsLocal.Value), edit.Location, [.. edit.Attendees ?? []], edit.Agenda, minutes, meeting!.Version))).Error;
            if (editError is null)
            {
                editing = false;
                await ReloadAsync();
            }
        }
        finally
        {
            saving = false;
        }
    }

    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        uploading = true;
        uploadError = null;
        try
        {
            // One byte over the limit lets the store see and name the oversize file itself.
            await using var stream = e.File.OpenReadStream(Files.MaxBytes + 1);
            uploadError = (await Manage.AddAttachmentAsync(Actor, Id, stream, e.File.Name)).Error;
        }
        catch (IOException)
        {
            uploadError = Error.Validation("file", $"文件“{e.File.Name}”超过大小上限 {FileStore.SizeText(Files.MaxBytes)} 或上传中断。");
        }
        finally
        {
            uploading = false;
        }

        await ReloadAsync();
    }

    private async Task SatisfyAsync()
    {
        if (taskToSatisfy is not { } taskId)
        {
            return;
        }

        saving = true;
        try
        {
            satisfyError = (await Satisfy.HandleAsync(Actor, new SatisfyTaskCommand(Id, taskId, meeting!.Version))).Error;
            await ReloadAsync();
        }
        finally
        {
            saving = false;
        }
    }

    private sealed class MeetingForm
    {
        public MeetingType Type { get; set; }

        public string? Title { get; set; }

        public DateTime? StartsLocal { get; set; }

        public string? Location { get; set; }

        public IEnumerable<Guid>? Attendees { get; set; } = [];

        public string? Agenda { get; set; }
    }
}
