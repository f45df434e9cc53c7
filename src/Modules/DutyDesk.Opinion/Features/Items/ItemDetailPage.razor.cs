using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Features.Shared;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using DutyDesk.Text.Sentiment;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Opinion.Features.Items;

public sealed partial class ItemDetailPage : ActorPage
{
    private ItemDetail? item;
    private bool reports;
    private bool saving;
    private SentimentLabel correction;
    private Error? correctError;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private ItemQueries Items { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    protected override Task LoadAsync() => ReloadAsync();

    protected override async Task OnParametersSetAsync()
    {
        // Following the "最早的一条" link stays on this page with another id.
        if (Actor is not null && item is not null && item.Row.Id != Id)
        {
            await ReloadAsync();
        }
    }

    private async Task ReloadAsync()
    {
        var result = await Items.GetAsync(Actor, Id);
        item = result.IsSuccess ? result.Value : null;
        Failed = result.Error?.Message;
        reports = item is not null && OpinionAccess.Reports(Actor, item.UnitId);
        correction = item?.Row.Sentiment ?? SentimentLabel.Neutral;
    }

    private async Task CorrectAsync()
    {
        saving = true;
        try
        {
            correctError = (await Items.CorrectSentimentAsync(Actor, Id, correction)).Error;
            if (correctError is null)
            {
                await ReloadAsync();
            }
        }
        finally
        {
            saving = false;
        }
    }
}
