using DutyDesk.Platform.Files;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using DutyDesk.Platform.Tasks;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace DutyDesk.Platform.Features.Tasks;

public sealed partial class TaskPage
{
    private TaskDto? task;
    private bool loading = true;
    private bool uploading;
    private bool saving;
    private string? failed;
    private string? note;
    private Error? uploadError;
    private Error? completeError;
    private Error? rescheduleError;
    private DateTime? newDue;
    private string? rescheduleReason;
    private bool canManage;
    private Actor? actor;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private TaskQueries Queries { get; set; } = default!;

    [Inject]
    private ManageTasks Manage { get; set; } = default!;

    [Inject]
    private FileStore Files { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            actor ??= await CurrentActor.RequireAsync();
            await ReloadAsync();
        }
        catch (UnauthorizedAccessException ex)
        {
            failed = ex.Message;
        }
        finally
        {
            loading = false;
        }
    }

    private async Task ReloadAsync()
    {
        var result = await Queries.GetAsync(actor!, Id);
        task = result.IsSuccess ? result.Value : null;
        failed = result.Error?.Message;
        canManage = task is { State: DueTaskState.Open } && TaskAccess.Manages(actor!, task.UnitId);
        newDue ??= task is null ? null : Display.ToLocal(task.DueAt);
    }

    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        uploading = true;
        uploadError = null;
        try
        {
            // One byte over the limit lets the store see and name the oversize file itself.
            await using var stream = e.File.OpenReadStream(Files.MaxBytes + 1);
            uploadError = (await Manage.AddEvidenceAsync(actor!, Id, stream, e.File.Name)).Error;
            if (uploadError is null)
            {
                completeError = null; // "evidence needed" no longer holds
            }
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

    private async Task CompleteAsync(bool nothingToReport)
    {
        saving = true;
        try
        {
            completeError = (await Manage.CompleteAsync(actor!, new CompleteTaskCommand(Id, note, task!.Version, nothingToReport))).Error;
            await ReloadAsync();
        }
        finally
        {
            saving = false;
        }
    }

    private async Task RescheduleAsync()
    {
        if (newDue is null)
        {
            rescheduleError = Error.Validation("dueAt", "请填写新的“截止时间”。");
            return;
        }

        saving = true;
        try
        {
            rescheduleError = (await Manage.RescheduleAsync(actor!, new RescheduleTaskCommand(Id, Display.ToUtc(newDue.Value), rescheduleReason ?? "", task!.Version))).Error;
            if (rescheduleError is null)
            {
                rescheduleReason = null;
                newDue = null;
            }

            await ReloadAsync();
        }
        finally
        {
            saving = false;
        }
    }
}
