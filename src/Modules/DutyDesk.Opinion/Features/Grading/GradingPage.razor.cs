using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace DutyDesk.Opinion.Features.Grading;

public sealed partial class GradingPage
{
    private static readonly string[] FormFields = ["generalUpTo", "largerFrom", "dozensOfComments", "fastSpreadItemsPerHour", "keyAreaWords", "severeWords", "mainstreamDomains"];

    private Guid? unitId;
    private bool severalUnits;
    private bool reading;
    private bool saving;
    private bool confirmingSave;
    private bool confirmingReset;
    private GradingView? view;
    private GradingForm form = new();
    private string? done;
    private Error? error;

    [Inject]
    private ManageGrading Grading { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    [Inject]
    private IOptions<OpinionOptions> Options { get; set; } = default!;

    private int WindowHours => Math.Max(1, Options.Value.CaseWindowHours);

    private Error? GeneralError => error is { Field: { } named } && FormFields.Contains(named) ? null : error;

    /// <summary>The gap of the thresholds as typed, so the warning follows the form before it is saved.</summary>
    private string? Gap => form.GeneralUpTo is { } general && form.LargerFrom is { } larger && general < larger
        ? GradingRules.Gap(new GradingOptions { GeneralUpTo = general, LargerFrom = larger })
        : null;

    protected override async Task LoadAsync()
    {
        // With one unit in sight there is nothing to pick: show its grading directly.
        severalUnits = Actor.VisibleUnits.Count > 1;
        if (!severalUnits)
        {
            await ChangeUnitAsync(Actor.HomeUnitId);
        }
    }

    private static string SourceColor(GradingSource source) => source switch
    {
        GradingSource.Own => "green",
        GradingSource.Inherited => "blue",
        _ => "default",
    };

    private async Task ChangeUnitAsync(Guid id)
    {
        unitId = id;
        (view, done, error) = (null, null, null);
        reading = true;
        try
        {
            var result = await Grading.GetAsync(Actor, id);
            error = result.Error;
            if (result.IsSuccess)
            {
                Show(result.Value);
            }
        }
        finally
        {
            reading = false;
        }
    }

    private void AskSave() => (confirmingSave, done, error) = (true, null, null);

    private void AskReset() => (confirmingReset, done, error) = (true, null, null);

    private async Task SaveAsync()
    {
        saving = true;
        try
        {
            var input = new GradingInput(
                form.GeneralUpTo ?? 0, form.LargerFrom ?? 0, form.DozensOfComments ?? 0, form.FastSpreadItemsPerHour ?? 0,
                GradingRules.Lines(form.KeyAreaWords), GradingRules.Lines(form.SevereWords), GradingRules.Lines(form.MainstreamDomains));
            Changed(await Grading.SaveAsync(Actor, unitId!.Value, input, view!.Version), "已保存");
            confirmingSave = false;
        }
        finally
        {
            saving = false;
        }
    }

    private async Task ResetAsync()
    {
        saving = true;
        try
        {
            Changed(await Grading.ResetAsync(Actor, unitId!.Value, view!.Version), "已恢复继承");
            confirmingReset = false;
        }
        finally
        {
            saving = false;
        }
    }

    private void Changed(Result<GradingChanged> result, string what)
    {
        error = result.Error;
        if (result.IsSuccess)
        {
            Show(result.Value.Grading);
            var r = result.Value;
            done = $"{what}，现按{r.Grading.SourceText}的标准分级。" + (r.Regraded == 0
                ? $"近 {WindowHours} 小时没有需要重新评估的事件。"
                : $"近 {WindowHours} 小时的 {r.Regraded} 个事件已重新评估，其中 {r.LevelChanged} 个的建议级别改变。");
        }
    }

    private void Show(GradingView v)
    {
        view = v;
        form = GradingForm.From(v);
    }

    private sealed class GradingForm
    {
        public int? GeneralUpTo { get; set; }

        public int? LargerFrom { get; set; }

        public int? DozensOfComments { get; set; }

        public int? FastSpreadItemsPerHour { get; set; }

        public string? KeyAreaWords { get; set; }

        public string? SevereWords { get; set; }

        public string? MainstreamDomains { get; set; }

        public static GradingForm From(GradingView v) => new()
        {
            GeneralUpTo = v.GeneralUpTo, LargerFrom = v.LargerFrom, DozensOfComments = v.DozensOfComments, FastSpreadItemsPerHour = v.FastSpreadItemsPerHour,
            KeyAreaWords = string.Join('\n', v.KeyAreaWords), SevereWords = string.Join('\n', v.SevereWords), MainstreamDomains = string.Join('\n', v.MainstreamDomains),
        };
    }
}
