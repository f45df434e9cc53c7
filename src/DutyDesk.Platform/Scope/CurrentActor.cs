using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;

namespace DutyDesk.Platform.Scope;

/// <summary>
/// The actor of the current request or Blazor circuit. Resolved once per scope; handlers get it
/// as an argument so that every query they make is filtered by it.
/// </summary>
public sealed class CurrentActor(ActorLoader loader, ClientInfo client, IHttpContextAccessor http, IServiceProvider services)
{
    private Actor? actor;
    private bool loaded;

    public async Task<Actor?> GetAsync(CancellationToken ct = default)
    {
        if (loaded)
        {
            return actor;
        }

        var principal = await GetPrincipalAsync();
        var id = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        actor = Guid.TryParse(id, out var userId) ? await loader.LoadAsync(userId, client.IpAddress, ct) : null;
        loaded = true;
        return actor;
    }

    public async Task<Actor> RequireAsync(CancellationToken ct = default)
        => await GetAsync(ct) ?? throw new UnauthorizedAccessException("未登录或账号已停用。");

    /// <summary>Forgets the cached actor, e.g. after roles changed in this circuit.</summary>
    public void Reset() => loaded = false;

    private async Task<ClaimsPrincipal?> GetPrincipalAsync()
    {
        if (http.HttpContext is { } context && context.User.Identity?.IsAuthenticated == true)
        {
            return context.User;
        }

        // In a Blazor circuit there is no HttpContext to trust; the circuit's auth state is the source.
        if (services.GetService(typeof(AuthenticationStateProvider)) is AuthenticationStateProvider provider)
        {
            try
            {
                return (await provider.GetAuthenticationStateAsync()).User;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        return null;
    }
}

/// <summary>
/// The client's address, captured when the scope starts (the HTTP request, or the circuit's
/// connection), because an interactive component has no HttpContext of its own.
/// </summary>
public sealed class ClientInfo(IHttpContextAccessor http)
{
    public string? IpAddress { get; private set; } = http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    /// <summary>Called when a circuit opens, inside the connection's request, if the scope began without one.</summary>
    public void CaptureIfMissing(string? ipAddress) => IpAddress ??= ipAddress;
}
