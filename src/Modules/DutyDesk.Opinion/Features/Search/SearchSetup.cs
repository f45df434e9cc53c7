using DutyDesk.Platform;
using DutyDesk.Text.Segmentation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DutyDesk.Opinion.Features.Search;

/// <summary>Settings of item search (DutyDesk:Opinion:Search).</summary>
public sealed class SearchOptions
{
    public const string Section = "DutyDesk:Opinion:Search";

    /// <summary>Items indexed per round (one transaction).</summary>
    public int IndexBatchSize { get; set; } = 2000;

    /// <summary>Pause between rounds once nothing is left to index.</summary>
    public int IndexIntervalSeconds { get; set; } = 15;
}

internal static class SearchSetup
{
    public static IServiceCollection AddSearch(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SearchOptions>(configuration.GetSection(SearchOptions.Section));
        services.AddTransient<ItemIndexer>();
        services.AddPeriodicJob<ItemIndexer>(configuration, async (work, ct) =>
            {
                // Load jieba's dictionary (seconds) on a pool thread, neither while the host starts nor inside someone's first search.
                await Task.Yield();
                SearchSegmenter.Warm();
                return await work.RunOnceAsync(ct);
            },
            sp => TimeSpan.FromSeconds(Math.Max(1, sp.GetRequiredService<IOptions<SearchOptions>>().Value.IndexIntervalSeconds)));
        return services;
    }
}
