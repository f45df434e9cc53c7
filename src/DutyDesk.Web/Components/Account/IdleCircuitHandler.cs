using DutyDesk.Platform.Scope;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace DutyDesk.Web.Components.Account;

/// <summary>
/// Sees every message the browser sends to the circuit: it records activity for the idle
/// time-out, and drops everything once the session has ended, so an ended session cannot act
/// through a circuit that is still open.
/// </summary>
internal sealed class IdleCircuitHandler(CircuitSession session, TimeProvider clock, ClientInfo client, IHttpContextAccessor http) : CircuitHandler
{
    /// <summary>The circuit's connection is the only place its client address is known; audit rows need it.</summary>
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        client.CaptureIfMissing(http.HttpContext?.Connection.RemoteIpAddress?.ToString());
        return Task.CompletedTask;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next)
        => context =>
        {
            if (session.Ended)
            {
                return Task.CompletedTask;
            }

            session.Touch(clock.GetUtcNow().UtcDateTime);
            return next(context);
        };
}
