using Microsoft.AspNetCore.Components.Server.Circuits;

namespace DutyDesk.Web.Components.Account;

/// <summary>
/// Sees every message the browser sends to the circuit: it records activity for the idle
/// time-out, and drops everything once the session has ended, so an ended session cannot act
/// through a circuit that is still open.
/// </summary>
internal sealed class IdleCircuitHandler(CircuitSession session, TimeProvider clock) : CircuitHandler
{
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
