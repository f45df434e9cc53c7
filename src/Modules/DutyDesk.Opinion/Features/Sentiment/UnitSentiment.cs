using System.Collections.Concurrent;
using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Data;
using DutyDesk.Text.Sentiment;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Sentiment;

/// <summary>The analyzer ingest uses for a unit: its own retrained model when it has one (reloaded when retrained on any node).</summary>
internal sealed class UnitSentiment
{
    private readonly ConcurrentDictionary<Guid, (DateTime TrainedAt, SentimentAnalyzer Analyzer)> cache = new();

    public async Task<SentimentAnalyzer> ForUnitAsync(AppDbContext db, Guid unitId, CancellationToken ct)
    {
        var trainedAt = await db.Set<UnitSentimentModel>().AsNoTracking().Where(m => m.UnitId == unitId).Select(m => (DateTime?)m.TrainedAt).FirstOrDefaultAsync(ct);
        if (trainedAt is null)
        {
            cache.TryRemove(unitId, out _);
            return SentimentAnalyzer.Default;
        }

        if (cache.TryGetValue(unitId, out var known) && known.TrainedAt == trainedAt)
        {
            return known.Analyzer;
        }

        var data = await db.Set<UnitSentimentModel>().AsNoTracking().Where(m => m.UnitId == unitId).Select(m => m.Data).FirstAsync(ct);
        var analyzer = new SentimentAnalyzer(SentimentModel.Deserialize(data));
        cache[unitId] = (trainedAt.Value, analyzer);
        return analyzer;
    }
}
