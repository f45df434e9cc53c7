using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Results;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Opinion.Features.Response.Statements;

public sealed partial class ChannelsPage
{
    private static readonly string[] FormFields = ["name", "kind", "url"];

    private Guid? unitId;
    private bool severalUnits;
    private bool reading;
    private bool saving;
    private bool dialogOpen;
    private ChannelDto? editing;
    private UnitChannelsView? view;
    private ChannelForm form = new();
    private Error? error;

    [Inject]
    private ManageChannels Channels { get; set; } = default!;

    private Error? GeneralError => dialogOpen ? null : error;

    private Error? DialogError => error is { Field: { } named } && FormFields.Contains(named) ? null : error;

    protected override async Task LoadAsync()
    {
        severalUnits = Actor.VisibleUnits.Count > 1;
        // With several units the picker starts on the unit the person manages (the school, not their office).
        if (!severalUnits)
        {
            await ChangeUnitAsync(Actor.HomeUnitId);
        }
    }

    private async Task ChangeUnitAsync(Guid id)
    {
        unitId = id;
        (view, error) = (null, null);
        reading = true;
        try
        {
            var result = await Channels.ListAsync(Actor, id);
            (view, error) = (result.IsSuccess ? result.Value : null, result.Error);
        }
        finally
        {
            reading = false;
        }
    }

    private void StartNew() => (editing, form, error, dialogOpen) = (null, new ChannelForm(), null, true);

    private void Edit(ChannelDto c) => (editing, form, error, dialogOpen) = (c, new ChannelForm { Name = c.Name, Kind = c.Kind, Url = c.Url, Active = c.Active }, null, true);

    private async Task SaveAsync()
    {
        if (unitId is not { } unit)
        {
            return;
        }

        saving = true;
        error = null;
        try
        {
            var result = editing is { } c
                ? await Channels.UpdateAsync(Actor, c.Id, new ChannelUpdate(form.Name, form.Kind, form.Url, form.Active, c.Version))
                : await Channels.CreateAsync(Actor, new ChannelInput(unit, form.Name, form.Kind, form.Url, form.Active));
            error = result.Error;
            if (result.IsSuccess)
            {
                dialogOpen = false;
                await ChangeUnitAsync(unit);
            }
        }
        finally
        {
            saving = false;
        }
    }

    private sealed class ChannelForm
    {
        public string? Name { get; set; }

        public ChannelKind Kind { get; set; } = ChannelKind.Weibo;

        public string? Url { get; set; }

        public bool Active { get; set; } = true;
    }
}
