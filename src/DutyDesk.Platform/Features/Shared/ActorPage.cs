using DutyDesk.Platform.Scope;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Platform.Features.Shared;

/// <summary>
/// A page that works for the signed-in actor: resolves them once, then loads, and keeps the
/// loading and failure state that <see cref="PageState"/> renders.
/// </summary>
public abstract class ActorPage : ComponentBase
{
    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    protected Actor Actor { get; private set; } = default!;

    protected bool Loading { get; private set; } = true;

    protected string? Failed { get; set; }

    protected override async Task OnInitializedAsync()
    {
        try
        {
            Actor = await CurrentActor.RequireAsync();
            await LoadAsync();
        }
        catch (UnauthorizedAccessException ex)
        {
            Failed = ex.Message;
        }
        finally
        {
            Loading = false;
        }
    }

    /// <summary>The first load, once the actor is known.</summary>
    protected abstract Task LoadAsync();

    /// <summary>Re-reads the actor, whose scope is a snapshot of the unit tree and the roles.</summary>
    protected async Task RefreshActorAsync()
    {
        CurrentActor.Reset();
        Actor = await CurrentActor.RequireAsync();
    }
}
