using System.Globalization;
using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Items;
using DutyDesk.Opinion.Features.Sentiment;
using DutyDesk.Opinion.Ingest;
using DutyDesk.Platform.Data;
using DutyDesk.Text.Sentiment;
using Microsoft.EntityFrameworkCore;
using static DutyDesk.Integration.Tests.Opinion.OpinionTestData;

namespace DutyDesk.Integration.Tests.Opinion;

/// <summary>Officers correct sentiment; a configurer retrains the unit's model on the corrections; ingest then uses it.</summary>
public sealed class SentimentModelTests
{
    [Theory]
    [BothProviders]
    public async Task Retrain_EnoughCorrections_UnitModelUsedByIngest(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var source = await SourceAsync(host);
        var unit = await host.UnitIdAsync("第一中学");
        var office = await host.ActorAsync("yz.office");
        var pipeline = host.Get<IngestPipeline>();
        var queries = host.Get<ItemQueries>();
        // Local usage the shipped model reads the other way: the unit's officers say what these reports mean here.
        const string Local = "第{0}号工单已闭环，群众回访";
        var shipped = SentimentAnalyzer.Default.Analyze(string.Format(CultureInfo.InvariantCulture, Local, 99)).Label;
        var meant = shipped == SentimentLabel.Positive ? SentimentLabel.Negative : SentimentLabel.Positive;
        var other = meant == SentimentLabel.Positive ? SentimentLabel.Negative : SentimentLabel.Positive;
        var local = await pipeline.IngestAsync(source, [.. Enumerable.Range(0, 8).Select(i => Post(string.Format(CultureInfo.InvariantCulture, Local, i), id: $"l{i}"))]);
        var contrast = await pipeline.IngestAsync(source, [.. Enumerable.Range(0, 8).Select(i => Post($"第{i}号工单又被退回，推诿扯皮没人管", id: $"c{i}"))]);
        foreach (var id in local.AddedIds)
        {
            Assert.True((await queries.CorrectSentimentAsync(office, id, meant)).IsSuccess);
        }

        foreach (var id in contrast.AddedIds)
        {
            Assert.True((await queries.CorrectSentimentAsync(office, id, other)).IsSuccess);
        }

        var retrain = host.Get<RetrainSentiment>();
        var refused = await retrain.RetrainAsync(await host.ActorAsync("yz.reviewer"), unit);
        var status = await retrain.RetrainAsync(office, unit);

        Assert.Equal("forbidden", refused.Error?.Code);
        Assert.True(status.IsSuccess, status.Error?.Message);
        Assert.True(status.Value.OwnModel);
        Assert.Equal(16, status.Value.Examples);
        Assert.True(status.Value.AccuracyAfter > status.Value.AccuracyBefore);
        Assert.Equal(1.0, status.Value.AccuracyAfter);
        var unitModel = await pipeline.IngestAsync(source, [Post(string.Format(CultureInfo.InvariantCulture, Local, 99), id: "new")]);
        await using (var db = await host.DbAsync())
        {
            Assert.Equal(meant, (await db.Set<Item>().SingleAsync(i => i.Id == unitModel.AddedIds[0])).Sentiment);
        }

        var reset = await retrain.ResetAsync(office, unit);
        Assert.False(reset.Value.OwnModel);
    }

    [Theory]
    [BothProviders]
    public async Task Retrain_TooFewCorrections_ValidationAndNoModel(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unit = await host.UnitIdAsync("第一中学");

        var result = await host.Get<RetrainSentiment>().RetrainAsync(await host.ActorAsync("yz.office"), unit);

        Assert.Equal("corrections", result.Error?.Field);
        Assert.Contains("各至少需要 5 条", result.Error!.Message, StringComparison.Ordinal);
        await using var db = await host.DbAsync();
        Assert.False(await db.Set<UnitSentimentModel>().AnyAsync());
    }
}
