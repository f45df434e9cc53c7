using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DutyDesk.Platform.Jobs;

/// <summary>
/// Runs a unit of work on a fixed interval on every node. The work itself claims rows in the
/// database, so running on several nodes at once is safe.
/// </summary>
internal sealed class PeriodicJob<TWork>(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PeriodicJob<TWork>> logger,
    Func<TWork, CancellationToken, Task<int>> run, Func<TimeSpan> interval) : BackgroundService
    where TWork : notnull
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                handled = await run(scope.ServiceProvider.GetRequiredService<TWork>(), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failing round is logged and the next one runs; the job must not die.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "{Job} round failed", typeof(TWork).Name);
            }

            // A full batch means more may be waiting: go again without sleeping.
            if (handled == 0)
            {
                try
                {
                    await Task.Delay(interval(), clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
