using AntDesign;
using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Opinion.Features.Response;

public sealed partial class ResponseCasePage
{
    /// <summary>The steps the bar shows; 结案 is the end of 总结评估.</summary>
    private static readonly CaseStep[] ShownSteps = [.. Enum.GetValues<CaseStep>()];

    private CaseDetailDto? detail;
    private string tab = "timeline";
    private IReadOnlyList<CaseActionDto> actions = [];
    private CaseMoveDto? move;
    private bool changingLevel;
    private bool recording;
    private IncidentLevelCode newLevel;
    private string? note;
    private bool saving;
    private Error? dialogError;
    private Error? pageError;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private ResponseQueries Queries { get; set; } = default!;

    [Inject]
    private ManageCases Cases { get; set; } = default!;

    [Inject]
    private CaseActions Actions { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    protected override Task LoadAsync() => ReloadAsync();

    /// <summary>Reloads the case after any change, its own or a tab's.</summary>
    public async Task ReloadAsync()
    {
        var result = await Queries.GetAsync(Actor, Id);
        pageError = null;
        detail = result.IsSuccess ? result.Value : null;
        Failed = result.Error?.Message;
        if (detail is not null)
        {
            var listed = await Actions.ListAsync(Actor, Id);
            actions = listed.IsSuccess ? listed.Value : [];
            pageError = listed.Error;
        }
    }

    private static int StepIndex(CaseStep step) => Array.IndexOf(ShownSteps, step);

    private static string TimelineColor(TimelineKind kind, string text) => kind switch
    {
        TimelineKind.Deadline when text.Contains("已过", StringComparison.Ordinal) || text.Contains("超时", StringComparison.Ordinal) => "red",
        TimelineKind.Deadline => "green",
        TimelineKind.Level => "orange",
        TimelineKind.Step => "blue",
        _ => "gray",
    };

    private void BeginMove(CaseMoveDto chosen) => (move, note, dialogError) = (chosen, null, null);

    private void BeginLevel() => (changingLevel, newLevel, note, dialogError) = (true, detail!.Level, null, null);

    private void BeginAction() => recording = true;

    private Task MoveAsync() => SaveAsync(() => Cases.MoveAsync(Actor, Id, move!.Trigger, note, detail!.Version), () => move = null);

    private Task ChangeLevelAsync() => SaveAsync(() => Cases.ChangeLevelAsync(Actor, Id, newLevel, note, detail!.Version), () => changingLevel = false);

    private async Task SaveAsync(Func<Task<Result<Guid>>> save, Action close)
    {
        saving = true;
        try
        {
            var result = await save();
            dialogError = result.Error;
            if (result.IsSuccess)
            {
                close();
                await ReloadAsync();
            }
        }
        finally
        {
            saving = false;
        }
    }

    private async Task ActionRecordedAsync(bool recorded)
    {
        recording = false;
        if (recorded)
        {
            await ReloadAsync();
        }
    }
}
