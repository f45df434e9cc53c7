using DutyDesk.Platform.Files;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using DutyDesk.Responsibility.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace DutyDesk.Responsibility.Features.Lists;

/// <summary>One row: its fields for the unit's managers, and progress notes, evidence and completion for whoever works on it.</summary>
public sealed partial class ItemDrawer
{
    private ItemForm form = new();
    private (Guid? Id, Guid Version) shown = (Guid.Empty, Guid.Empty);
    private bool busy;
    private string? noteText;
    private string? completeNote;
    private Error? saveError;
    private Error? noteError;
    private Error? uploadError;
    private Error? completeError;

    [Parameter, EditorRequired]
    public ListDto List { get; set; } = default!;

    /// <summary>The row as last loaded; null while a new row is entered.</summary>
    [Parameter]
    public ListItemDto? Item { get; set; }

    [Parameter]
    public bool Visible { get; set; }

    [Parameter]
    public IReadOnlyList<OwnerOption> Owners { get; set; } = [];

    [Parameter, EditorRequired]
    public Actor Actor { get; set; } = default!;

    /// <summary>Raised after a change, with the row to show next (null: close).</summary>
    [Parameter]
    public EventCallback<Guid?> OnChanged { get; set; }

    [Parameter]
    public EventCallback OnClose { get; set; }

    [Inject]
    private ManageItems Manage { get; set; } = default!;

    [Inject]
    private WorkOnItem Work { get; set; } = default!;

    [Inject]
    private FileStore Files { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    protected override void OnParametersSet()
    {
        // The form follows the row as stored whenever another row, or a newer version of it, arrives.
        var current = (Item?.Id, Item?.Version ?? Guid.Empty);
        if (current != shown)
        {
            shown = current;
            form = ItemForm.From(Item);
            saveError = noteError = uploadError = completeError = null;
        }
    }

    private async Task SaveAsync()
    {
        busy = true;
        try
        {
            var input = form.ToInput(Item);
            if (Item is null)
            {
                var added = await Manage.AddAsync(Actor, List.Id, input);
                saveError = added.Error;
                if (added.IsSuccess)
                {
                    await OnChanged.InvokeAsync(added.Value);
                }
            }
            else
            {
                saveError = (await Manage.UpdateAsync(Actor, new UpdateItemCommand(List.Id, Item.Id, input, Item.Version))).Error;
                if (saveError is null)
                {
                    await OnChanged.InvokeAsync(Item.Id);
                }
            }
        }
        finally
        {
            busy = false;
        }
    }

    private async Task DeleteAsync()
    {
        busy = true;
        try
        {
            saveError = (await Manage.DeleteAsync(Actor, new DeleteItemCommand(List.Id, Item!.Id, Item.Version))).Error;
            if (saveError is null)
            {
                await OnChanged.InvokeAsync(null);
            }
        }
        finally
        {
            busy = false;
        }
    }

    private async Task AddNoteAsync()
    {
        busy = true;
        try
        {
            noteError = (await Work.AddNoteAsync(Actor, new AddNoteCommand(List.Id, Item!.Id, noteText ?? ""))).Error;
            if (noteError is null)
            {
                noteText = null;
                await OnChanged.InvokeAsync(Item.Id);
            }
        }
        finally
        {
            busy = false;
        }
    }

    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        busy = true;
        uploadError = null;
        try
        {
            // One byte over the limit lets the store see and name the oversize file itself.
            await using var stream = e.File.OpenReadStream(Files.MaxBytes + 1);
            uploadError = (await Work.AddEvidenceAsync(Actor, List.Id, Item!.Id, stream, e.File.Name)).Error;
            if (uploadError is null)
            {
                completeError = null;
                await OnChanged.InvokeAsync(Item.Id);
            }
        }
        catch (IOException)
        {
            uploadError = Error.Validation("file", $"文件“{e.File.Name}”超过大小上限 {FileStore.SizeText(Files.MaxBytes)} 或上传中断。");
        }
        finally
        {
            busy = false;
        }
    }

    private async Task CompleteAsync()
    {
        busy = true;
        try
        {
            completeError = (await Work.CompleteAsync(Actor, new CompleteItemCommand(List.Id, Item!.Id, completeNote, Item.Version))).Error;
            if (completeError is null)
            {
                completeNote = null;
                await OnChanged.InvokeAsync(Item.Id);
            }
        }
        finally
        {
            busy = false;
        }
    }

    private sealed class ItemForm
    {
        public int? Order { get; set; }

        public string? Duty { get; set; }

        public string? Measures { get; set; }

        public DateOnly? Deadline { get; set; }

        public string? DeadlineNote { get; set; }

        public Guid? OwnerId { get; set; }

        public string? Remarks { get; set; }

        public ItemProgress Progress { get; set; }

        public static ItemForm From(ListItemDto? item) => item is null
            ? new ItemForm()
            : new ItemForm
            {
                Order = item.Order,
                Duty = item.Duty,
                Measures = item.Measures,
                Deadline = item.Deadline,
                DeadlineNote = item.DeadlineNote,
                OwnerId = item.OwnerId,
                Remarks = item.Remarks,
                Progress = item.Progress,
            };

        /// <summary>A done row keeps its progress: only completion sets 已完成.</summary>
        public ItemInput ToInput(ListItemDto? item)
            => new(Order, Duty ?? "", Measures, Deadline, DeadlineNote, OwnerId, Remarks, item is null || item.Status == ItemStatus.Done ? null : Progress);
    }
}
