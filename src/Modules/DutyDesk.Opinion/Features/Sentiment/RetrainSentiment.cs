using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Text.Sentiment;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Sentiment;

/// <summary>What a unit's sentiment model stands on: its corrections, and the model in use.</summary>
public sealed record SentimentModelStatus(
    int CorrectedPositive, int CorrectedNegative, int CorrectedNeutral, bool OwnModel, DateTime? TrainedAt, string? TrainedBy, int Examples,
    double AccuracyBefore, double AccuracyAfter, bool CanRetrain, int MinimumPerSide);

/// <summary>
/// Retrains a unit's sentiment model on the items its officers corrected (the shipped model adapted to them), or
/// goes back to the shipped model. Neutral corrections are kept but not trained on: the model is a two-sided one
/// whose neutral band is a score threshold.
/// </summary>
internal sealed class RetrainSentiment(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int MinimumPerSide = 5;

    public async Task<Result<SentimentModelStatus>> StatusAsync(Actor actor, Guid unitId, CancellationToken ct = default)
    {
        if (!actor.CanSee(unitId))
        {
            return Error.NotFound("单位");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.Set<Item>().AsNoTracking()
            .Where(i => i.UnitId == unitId && i.CorrectedSentiment != null)
            .GroupBy(i => i.CorrectedSentiment)
            .Select(g => new { Label = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        int Count(SentimentLabel label) => counts.FirstOrDefault(c => c.Label == label)?.Count ?? 0;
        var model = await db.Set<UnitSentimentModel>().AsNoTracking().Where(m => m.UnitId == unitId)
            .Select(m => new { m.TrainedAt, m.TrainedById, m.Examples, m.AccuracyBefore, m.AccuracyAfter }).FirstOrDefaultAsync(ct);
        var by = model is null ? null : await db.Users.Where(u => u.Id == model.TrainedById).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        var positive = Count(SentimentLabel.Positive);
        var negative = Count(SentimentLabel.Negative);
        return new SentimentModelStatus(
            positive, negative, Count(SentimentLabel.Neutral), model is not null, model?.TrainedAt, by, model?.Examples ?? 0,
            model?.AccuracyBefore ?? 0, model?.AccuracyAfter ?? 0,
            OpinionAccess.Configures(actor, unitId) && positive >= MinimumPerSide && negative >= MinimumPerSide, MinimumPerSide);
    }

    public async Task<Result<SentimentModelStatus>> RetrainAsync(Actor actor, Guid unitId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await OpinionAccess.CheckConfigurerAsync(db, clock, actor, unitId, "再训练情感模型", "再训练情感模型", ct) is { } refused)
        {
            return refused;
        }

        var corrected = await db.Set<Item>().AsNoTracking()
            .Where(i => i.UnitId == unitId && (i.CorrectedSentiment == SentimentLabel.Positive || i.CorrectedSentiment == SentimentLabel.Negative))
            .Select(i => new { i.Folded, i.CorrectedSentiment })
            .ToListAsync(ct);
        var examples = corrected.Select(c => (c.Folded, c.CorrectedSentiment == SentimentLabel.Positive)).ToList();
        var positive = examples.Count(e => e.Item2);
        if (positive < MinimumPerSide || examples.Count - positive < MinimumPerSide)
        {
            return Error.Validation("corrections", $"更正的信息不够：正面 {positive} 条、负面 {examples.Count - positive} 条，各至少需要 {MinimumPerSide} 条才能再训练。");
        }

        var model = SentimentTrainer.Adapt(SentimentModel.Default, examples);
        var before = Accuracy(SentimentAnalyzer.Default, examples);
        var after = Accuracy(new SentimentAnalyzer(model), examples);
        var now = clock.GetUtcNow().UtcDateTime;
        var row = await db.Set<UnitSentimentModel>().FirstOrDefaultAsync(m => m.UnitId == unitId, ct);
        if (row is null)
        {
            row = new UnitSentimentModel { UnitId = unitId, Data = [] };
            db.Set<UnitSentimentModel>().Add(row);
        }

        (row.Data, row.TrainedAt, row.TrainedById, row.Examples, row.AccuracyBefore, row.AccuracyAfter) = (model.Serialize(), now, actor.UserId, examples.Count, before, after);
        db.Audit(clock, actor, OpinionAudit.SentimentRetrain, "Unit", unitId.ToString(), unitId, detail: $"{examples.Count} 条更正；更正项上的准确率 {before:P1} → {after:P1}");
        await db.SaveChangesAsync(ct);
        return await StatusAsync(actor, unitId, ct);
    }

    public async Task<Result<SentimentModelStatus>> ResetAsync(Actor actor, Guid unitId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await OpinionAccess.CheckConfigurerAsync(db, clock, actor, unitId, "恢复默认情感模型", "再训练情感模型", ct) is { } refused)
        {
            return refused;
        }

        var row = await db.Set<UnitSentimentModel>().FirstOrDefaultAsync(m => m.UnitId == unitId, ct);
        if (row is not null)
        {
            db.Remove(row);
            db.Audit(clock, actor, OpinionAudit.SentimentReset, "Unit", unitId.ToString(), unitId);
            await db.SaveChangesAsync(ct);
        }

        return await StatusAsync(actor, unitId, ct);
    }

    private static double Accuracy(SentimentAnalyzer analyzer, List<(string Text, bool Positive)> examples)
        => examples.Count(e => analyzer.Score(e.Text) >= 0 == e.Positive) / (double)examples.Count;
}
