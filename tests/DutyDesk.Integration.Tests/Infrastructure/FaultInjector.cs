using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DutyDesk.Integration.Tests.Infrastructure;

/// <summary>
/// Fails the Nth database step (a command, or a commit) from when it is armed, and every step after it until reset,
/// as a process killed at that point would: that step does not happen and nothing after it does. Counts steps.
/// </summary>
public sealed class FaultInjector : DbCommandInterceptor, IDbTransactionInterceptor
{
    private int remaining = -1;

    public int Steps { get; private set; }

    public void Reset() => (Steps, remaining) = (0, -1);

    /// <summary>Fails the <paramref name="step"/>-th step from now (1 = the next one).</summary>
    public void FailAt(int step) => (Steps, remaining) = (0, step);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Step();
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Step();
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Step();
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Step();
        return ValueTask.FromResult(result);
    }

    private void Step()
    {
        Steps++;
        if (remaining == 0 || (remaining > 0 && --remaining == 0))
        {
            throw new InjectedFaultException(Steps);
        }
    }
}

/// <summary>The simulated crash.</summary>
public sealed class InjectedFaultException(int step) : Exception($"injected fault at database step {step}");
