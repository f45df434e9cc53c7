using System.Globalization;
using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Opinion.Features.Sentiment;

public sealed partial class SentimentPage
{
    private Guid? unitId;
    private bool configures;
    private bool reading;
    private bool saving;
    private bool confirmingReset;
    private SentimentModelStatus? status;
    private string? done;
    private Error? pageError;
    private Error? resetError;

    [Inject]
    private RetrainSentiment Sentiment { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    public static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    protected override Task LoadAsync() => Task.CompletedTask; // the unit picker chooses the user's unit

    private async Task ChangeUnitAsync(Guid id)
    {
        unitId = id;
        configures = OpinionAccess.Configures(Actor, id);
        (status, done) = (null, null);
        reading = true;
        try
        {
            Show(await Sentiment.StatusAsync(Actor, id));
        }
        finally
        {
            reading = false;
        }
    }

    private async Task RetrainAsync()
    {
        saving = true;
        done = null;
        try
        {
            if (Show(await Sentiment.RetrainAsync(Actor, unitId!.Value)) is { } trained)
            {
                done = $"已用 {trained.Examples} 条更正再训练，更正项上的准确率 {Percent(trained.AccuracyBefore)} → {Percent(trained.AccuracyAfter)}。";
            }
        }
        finally
        {
            saving = false;
        }
    }

    private void AskReset()
    {
        (confirmingReset, resetError, done) = (true, null, null);
    }

    private async Task ResetAsync()
    {
        saving = true;
        try
        {
            var result = await Sentiment.ResetAsync(Actor, unitId!.Value);
            resetError = result.Error;
            if (result.IsSuccess)
            {
                (status, pageError, confirmingReset) = (result.Value, null, false);
                done = "已恢复默认模型。";
            }
        }
        finally
        {
            saving = false;
        }
    }

    /// <summary>Keeps the last good status when a write is refused, so the page still shows what is in use.</summary>
    private SentimentModelStatus? Show(Result<SentimentModelStatus> result)
    {
        pageError = result.Error;
        if (!result.IsSuccess)
        {
            return null;
        }

        status = result.Value;
        return status;
    }
}
