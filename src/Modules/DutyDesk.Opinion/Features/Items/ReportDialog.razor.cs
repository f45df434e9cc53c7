using DutyDesk.Platform.Files;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace DutyDesk.Opinion.Features.Items;

public sealed partial class ReportDialog
{
    private static readonly string[] FormFields = ["url", "title", "text", "seenWhere", "screenshot"];
    private static readonly string[] ImageTypes = ["image/png", "image/jpeg", "image/gif", "image/webp"];

    private ReportForm form = new();
    private IBrowserFile? screenshot;
    private ReportOutcome? outcome;
    private bool saving;
    private bool added;
    private Error? error;

    [Parameter, EditorRequired]
    public Actor Actor { get; set; } = default!;

    [Parameter, EditorRequired]
    public Guid UnitId { get; set; }

    /// <summary>Raised when the dialog closes; true when at least one report added an item.</summary>
    [Parameter]
    public EventCallback<bool> Closed { get; set; }

    [Inject]
    private ReportItem Report { get; set; } = default!;

    [Inject]
    private FileStore Files { get; set; } = default!;

    private Error? GeneralError => error is { Field: { } named } && FormFields.Contains(named) ? null : error;

    private void ChooseScreenshot(InputFileChangeEventArgs e)
    {
        screenshot = e.File;
        error = ImageTypes.Contains(e.File.ContentType)
            ? null
            : Error.Validation("screenshot", $"“截图”须是 PNG、JPEG、GIF 或 WebP 图片，“{e.File.Name}”不是。");
        if (error is not null)
        {
            screenshot = null;
        }
    }

    private async Task SubmitAsync()
    {
        if (outcome is not null)
        {
            // "继续报送": a fresh form for the next post.
            (outcome, form, screenshot, error) = (null, new ReportForm(), null, null);
            return;
        }

        saving = true;
        try
        {
            var command = new ReportCommand(UnitId, form.Url, form.Title, form.Text, form.SeenWhere);
            Result<ReportOutcome> result;
            if (screenshot is null)
            {
                result = await Report.ReportAsync(Actor, command, null);
            }
            else
            {
                // One byte over the limit lets the store see and name the oversize file itself.
                await using var stream = screenshot.OpenReadStream(Files.MaxBytes + 1);
                result = await Report.ReportAsync(Actor, command, new Screenshot(stream, screenshot.Name));
            }

            error = result.Error;
            if (result.IsSuccess)
            {
                outcome = result.Value;
                added |= !result.Value.AlreadyKnown;
            }
        }
        catch (IOException)
        {
            error = Error.Validation("screenshot", $"截图超过大小上限 {FileStore.SizeText(Files.MaxBytes)} 或上传中断。");
        }
        finally
        {
            saving = false;
        }
    }

    private Task CloseAsync() => Closed.InvokeAsync(added);

    private sealed class ReportForm
    {
        public string? Url { get; set; }

        public string? Title { get; set; }

        public string? Text { get; set; }

        public string? SeenWhere { get; set; }
    }
}
