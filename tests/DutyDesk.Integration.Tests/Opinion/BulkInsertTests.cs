using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Data;
using DutyDesk.Text.Sentiment;
using Microsoft.EntityFrameworkCore;
using static DutyDesk.Integration.Tests.Opinion.OpinionTestData;

namespace DutyDesk.Integration.Tests.Opinion;

/// <summary>
/// <see cref="BulkInsert"/> (COPY on PostgreSQL, a prepared statement on SQLite) stores rows exactly as SaveChanges
/// would — every column type the items use, nulls, enums as strings, UTC times, any text — and fails whole.
/// </summary>
public sealed class BulkInsertTests
{
    [Theory]
    [BothProviders]
    public async Task InsertAll_EveryColumnKind_ReadsBackAsSaveChangesWould(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var source = await SourceAsync(host);
        var unitId = await host.UnitIdAsync("第一中学");
        var when = new DateTime(2026, 11, 30, 8, 15, 30, 123, DateTimeKind.Utc).AddTicks(4560);
        Item[] rows =
        [
            Row(unitId, source, "k1", "繁體與簡体、emoji 😀、引号 ' \" ; -- 和 \\ 反斜杠\n换行\t制表", when),
            Row(unitId, source, "k2", new string('长', Item.TextMaxLength), when),
        ];
        rows[0].PublishedAt = when.AddHours(-3);
        rows[0].CorrectedSentiment = SentimentLabel.Positive;
        rows[0].DuplicateOfId = rows[1].Id;
        rows[0].Reads = long.MaxValue;
        rows[0].SentimentScore = -0.8125;

        await using (var db = await host.DbAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.InsertAllAsync(rows);
            await transaction.CommitAsync();
        }

        await using var read = await host.DbAsync();
        var stored = await read.Set<Item>().AsNoTracking().Where(i => i.UnitId == unitId).OrderBy(i => i.DedupeKey).ToListAsync();
        Assert.Equal(2, stored.Count);
        Assert.Equivalent(rows[0], stored[0], strict: true);
        Assert.Equivalent(rows[1], stored[1], strict: true);
        // Queries compare the stored values as SaveChanges writes them: enums as their names, times as times.
        Assert.Equal(1, await read.Set<Item>().CountAsync(i => i.CorrectedSentiment == SentimentLabel.Positive && i.CollectedAt == when && i.PublishedAt < when));
    }

    [Theory]
    [BothProviders]
    public async Task InsertAll_KeyAlreadyStored_DbUpdateExceptionAndNothingOfTheBatchKept(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var source = await SourceAsync(host);
        var unitId = await host.UnitIdAsync("第一中学");
        var now = host.Clock.GetUtcNow().UtcDateTime;
        await using (var db = await host.DbAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.InsertAllAsync([Row(unitId, source, "same", "第一条", now)]);
            await transaction.CommitAsync();
        }

        await using (var db = await host.DbAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await Assert.ThrowsAsync<DbUpdateException>(() => db.InsertAllAsync([Row(unitId, source, "new", "新的一条", now), Row(unitId, source, "same", "重复的键", now)]));
        }

        await using var read = await host.DbAsync();
        Assert.Equal(["第一条"], await read.Set<Item>().Where(i => i.UnitId == unitId).Select(i => i.Text).ToListAsync());
    }

    [Theory]
    [BothProviders]
    public async Task InsertAll_OutsideTransactionOrVersionedEntity_Refused(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await using var db = await host.DbAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.InsertAllAsync([Row(Guid.NewGuid(), Guid.NewGuid(), "k", "t", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc))]));
        await using var transaction = await db.Database.BeginTransactionAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.InsertAllAsync([new OpinionCase { Id = Guid.NewGuid(), Title = "事件" }]));
    }

    private static Item Row(Guid unitId, Guid sourceId, string key, string text, DateTime at) => new()
    {
        Id = Guid.CreateVersion7(), UnitId = unitId, SourceId = sourceId, DedupeKey = key, Title = "标题", Text = text, Folded = text,
        Url = "https://example.cn/a?b=1", Site = "example.cn", CollectedAt = at, PostedAt = at, Sentiment = SentimentLabel.Negative,
        SentimentWords = "愤怒、失望",
    };
}
