using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Items;
using DutyDesk.Opinion.Features.Schemes;
using DutyDesk.Opinion.Features.Search;
using DutyDesk.Opinion.Features.Sources;
using DutyDesk.Opinion.Ingest;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Text.Sentiment;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DutyDesk.Integration.Tests.Opinion;

/// <summary>Items found by Chinese words through the full-text index, with the stream's filters; the indexer trails ingest and catches up.</summary>
public sealed class ItemSearchTests
{
    private const string Canteen = "学校食堂饭菜有异物，家长很愤怒";
    private const string Menu = "食堂推出新菜品，学生纷纷点赞";
    private const string Sports = "春季运动会圆满结束";

    [Theory]
    [BothProviders]
    public async Task List_WordInsideLongerPhrase_FindsItemsOnceIndexed(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var ids = await IngestAsync(host, "第一中学", Canteen, Menu, Sports);

        var before = await SearchAsync(host, "食堂");
        Assert.Equal(0, before.Total);
        Assert.Equal(3, before.Unindexed);
        Assert.Equal("索引尚有 3 条待处理，处理完后才能被搜索到。", before.SearchNote);

        Assert.Equal(3, await host.Get<ItemIndexer>().RunOnceAsync(CancellationToken.None));
        var after = await SearchAsync(host, "食堂");

        Assert.Equal([ids[1], ids[0]], after.Rows.Select(r => r.Id));
        Assert.Equal(2, after.Total);
        Assert.Equal(0, after.Unindexed);
        Assert.Null(after.SearchNote);
    }

    [Theory]
    [BothProviders]
    public async Task List_TwoWords_ItemsWithBoth(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var ids = await IngestAsync(host, "第一中学", Canteen, Menu, Sports, "这家饭店的菜里吃出异物");
        await host.Get<ItemIndexer>().RunOnceAsync(CancellationToken.None);

        Assert.Equal([ids[0]], (await SearchAsync(host, "食堂 异物")).Rows.Select(r => r.Id));
        Assert.Equal([ids[0]], (await SearchAsync(host, "食堂异物")).Rows.Select(r => r.Id));
        Assert.Equal([ids[3], ids[0]], (await SearchAsync(host, "异物")).Rows.Select(r => r.Id));
    }

    [Theory]
    [BothProviders]
    public async Task List_WordAbsentEverywhere_NothingFound(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await IngestAsync(host, "第一中学", Canteen, Menu, Sports);
        await host.Get<ItemIndexer>().RunOnceAsync(CancellationToken.None);

        var page = await SearchAsync(host, "地震");

        Assert.Equal(0, page.Total);
        Assert.Empty(page.Rows);
    }

    [Theory]
    [BothProviders]
    public async Task List_WordsWithSentimentSchemeAndDateFilters_AllApply(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unitId = await host.UnitIdAsync("第一中学");
        var office = await host.ActorAsync("yz.office");
        var scheme = await host.Get<ManageSchemes>().CreateAsync(office,
            new SchemeCommand(unitId, "饭菜质量", SchemeMode.Groups, "饭菜\n菜品", null, null, null, null, false, null));
        Assert.True(scheme.IsSuccess, scheme.Error?.Message);
        var first = await IngestAsync(host, "第一中学", Canteen, Menu, Sports);
        host.Clock.Advance(TimeSpan.FromDays(2));
        var later = await IngestAsync(host, "第一中学", "食堂卫生检查结果公布");
        await SetSentimentAsync(host, first[0], SentimentLabel.Negative);
        await SetSentimentAsync(host, first[1], SentimentLabel.Positive);
        await SetSentimentAsync(host, later[0], SentimentLabel.Negative);
        await host.Get<ItemIndexer>().RunOnceAsync(CancellationToken.None);
        var now = host.Clock.GetUtcNow().UtcDateTime;

        Assert.Equal([later[0], first[0]], await IdsAsync(host, new ItemFilter(unitId, Words: "食堂", Sentiment: SentimentLabel.Negative)));
        Assert.Equal([first[1]], await IdsAsync(host, new ItemFilter(unitId, Words: "食堂", Sentiment: SentimentLabel.Positive)));
        Assert.Equal([first[1], first[0]], await IdsAsync(host, new ItemFilter(unitId, Words: "食堂", SchemeId: scheme.Value)));
        Assert.Equal([first[0]], await IdsAsync(host, new ItemFilter(unitId, Words: "食堂", SchemeId: scheme.Value, Sentiment: SentimentLabel.Negative)));
        Assert.Equal([later[0]], await IdsAsync(host, new ItemFilter(unitId, Words: "食堂", From: now.AddDays(-1))));
        Assert.Equal([first[1], first[0]], await IdsAsync(host, new ItemFilter(unitId, Words: "食堂", To: now.AddDays(-1))));
    }

    [Theory]
    [BothProviders]
    public async Task List_FullTextSyntaxTyped_NoErrorAndOnlyPlainWordsCount(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var ids = await IngestAsync(host, "第一中学", Canteen, Menu, Sports);
        await host.Get<ItemIndexer>().RunOnceAsync(CancellationToken.None);
        var canteen = new[] { ids[1], ids[0] };
        var cases = new (string Query, Guid[] Expected)[]
        {
            ("\"", []), ("AND (", []), ("*", []), ("(", []), (")", []), ("-", []), ("'", []), ("^", []), (":", []), ("\\", []), ("&|!<>", []),
            ("食堂\"", canteen), ("\"食堂", canteen), ("食堂*", canteen), ("^食堂", canteen), ("{食堂}", canteen), ("食堂:", canteen),
            ("(食堂)", canteen), ("-食堂", canteen), ("食堂 & 异物", [ids[0]]), ("食堂 !异物", [ids[0]]),
            ("食堂 OR 运动会", []), ("NEAR(食堂 异物)", []), ("食堂 AND (", []),
            ("'; DROP TABLE op_items; --", []), ("食堂'); DELETE FROM op_item_search; --", []),
        };

        foreach (var (query, expected) in cases)
        {
            var page = await host.Get<ItemQueries>().ListAsync(await host.ActorAsync("yz.office"), new ItemFilter(await host.UnitIdAsync("第一中学"), Words: query));
            Assert.True(page.IsSuccess, $"{query}: {page.Error?.Message}");
            Assert.True(expected.SequenceEqual(page.Value!.Rows.Select(r => r.Id)), $"{query}: got {page.Value.Rows.Count} rows");
        }

        await using var db = await host.DbAsync();
        Assert.Equal(3, await db.Set<Item>().CountAsync());
        Assert.Equal(3, await db.Set<ItemSearchEntry>().CountAsync());
    }

    [Theory]
    [BothProviders]
    public async Task List_WordsTooLong_ValidationError(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);

        var page = await host.Get<ItemQueries>().ListAsync(await host.ActorAsync("yz.office"),
            new ItemFilter(await host.UnitIdAsync("第一中学"), Words: new string('食', ItemSearch.QueryMaxLength + 1)));

        Assert.Equal(ErrorKind.Validation, page.Error?.Kind);
        Assert.Equal("words", page.Error!.Field);
    }

    [Theory]
    [BothProviders]
    public async Task List_OtherUnitsItems_NeverFound(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var mine = await IngestAsync(host, "第一中学", Canteen);
        await IngestAsync(host, "实验小学", ["实验小学食堂饭菜有异物"], "xx.monitor");
        await host.Get<ItemIndexer>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(mine, (await SearchAsync(host, "食堂")).Rows.Select(r => r.Id));
        var foreign = await host.Get<ItemQueries>().ListAsync(await host.ActorAsync("xx.monitor"), new ItemFilter(await host.UnitIdAsync("第一中学"), Words: "食堂"));
        Assert.Equal(ErrorKind.NotFound, foreign.Error?.Kind);
    }

    [Theory]
    [BothProviders]
    public async Task ItemsApi_WordsAndSentiment_FoundWithPendingNote(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var ids = await IngestAsync(host, "第一中学", Canteen, Menu);
        await SetSentimentAsync(host, ids[0], SentimentLabel.Negative);
        await host.Get<ItemIndexer>().RunOnceAsync(CancellationToken.None);
        await IngestAsync(host, "第一中学", "食堂承包商更换");
        using var client = await ApiClient.ForUserAsync(host, "yz.office");
        var unitId = await host.UnitIdAsync("第一中学");

        using var response = await client.GetAsync(
            $"/api/v1/opinion/units/{unitId}/items?words={Uri.EscapeDataString("食堂\"*(")}&sentiment=Negative");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("total").GetInt32());
        Assert.Equal(ids[0], root.GetProperty("rows")[0].GetProperty("id").GetGuid());
        Assert.Equal(1, root.GetProperty("unindexed").GetInt32());
        Assert.Equal("索引尚有 1 条待处理，处理完后才能被搜索到。", root.GetProperty("searchNote").GetString());
    }

    [Theory]
    [BothProviders]
    public async Task RunOnce_Twice_SecondIndexesNothingAndEntriesUnchanged(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await IngestAsync(host, "第一中学", Canteen, Menu, Sports);
        var indexer = host.Get<ItemIndexer>();

        Assert.Equal(3, await indexer.RunOnceAsync(CancellationToken.None));
        var entries = await EntriesAsync(host);
        Assert.Equal(0, await indexer.RunOnceAsync(CancellationToken.None));

        Assert.Equal(entries, await EntriesAsync(host));
        Assert.Contains("食堂", entries.Values.First(s => s.Contains("异物", StringComparison.Ordinal)).Split(' '));
    }

    [Theory]
    [BothProviders]
    public async Task RunOnce_NewItemsAfterIndexing_CaughtUpAndFound(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await IngestAsync(host, "第一中学", Canteen, Menu, Sports);
        await host.Get<ItemIndexer>().RunOnceAsync(CancellationToken.None);

        var added = await IngestAsync(host, "第一中学", "食堂承包商更换，家长关注", "运动会报名开始");
        Assert.Equal(2, (await SearchAsync(host, "食堂")).Unindexed);
        Assert.Equal(2, await host.Get<ItemIndexer>().RunOnceAsync(CancellationToken.None));

        var page = await SearchAsync(host, "食堂");
        Assert.Equal(3, page.Total);
        Assert.Equal(added[0], page.Rows[0].Id);
        Assert.Equal(0, page.Unindexed);
        Assert.Equal(5, (await EntriesAsync(host)).Count);
    }

    [Theory]
    [BothProviders]
    public async Task RunOnce_SmallBatchesAcrossRestart_OldestFirstAndAllIndexed(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider, new Dictionary<string, string?> { ["DutyDesk:Opinion:Search:IndexBatchSize"] = "2" });
        var ids = new List<Guid>();
        foreach (var text in new[] { Canteen, Menu, Sports, "食堂承包商更换", "运动会报名开始" })
        {
            ids.AddRange(await IngestAsync(host, "第一中学", text));
            host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(2, await host.Get<ItemIndexer>().RunOnceAsync(CancellationToken.None));
        Assert.Equal(ids.Take(2).Order(), (await EntriesAsync(host)).Keys.Order());

        await host.RestartAsync();
        Assert.Equal(2, await host.Get<ItemIndexer>().RunOnceAsync(CancellationToken.None));
        Assert.Equal(1, await host.Get<ItemIndexer>().RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await host.Get<ItemIndexer>().RunOnceAsync(CancellationToken.None));

        Assert.Equal(ids.Order(), (await EntriesAsync(host)).Keys.Order());
    }

    [Theory]
    [BothProviders]
    public async Task RunOnce_TwoNodesAtOnce_EachItemIndexedOnce(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var ids = await IngestAsync(host, "第一中学", Canteen, Menu, Sports, "食堂承包商更换", "运动会报名开始");
        await using var second = host.StartSecondNode("node-2", out var node2);

        await Task.WhenAll(
            host.Get<ItemIndexer>().RunOnceAsync(CancellationToken.None),
            node2.GetRequiredService<ItemIndexer>().RunOnceAsync(CancellationToken.None));

        Assert.Equal(ids.Order(), (await EntriesAsync(host)).Keys.Order());
        Assert.Equal(3, (await SearchAsync(host, "食堂")).Total);
    }

    private static async Task<List<Guid>> IngestAsync(TestHost host, string unit, params string[] texts)
        => await IngestAsync(host, unit, texts, "yz.office");

    /// <summary>Through a Manual source and the ingest pipeline, as every item arrives; returns the new ids in order.</summary>
    private static async Task<List<Guid>> IngestAsync(TestHost host, string unit, string[] texts, string configurer)
    {
        var unitId = await host.UnitIdAsync(unit);
        Guid sourceId;
        await using (var db = await host.DbAsync())
        {
            sourceId = await db.Set<Source>().Where(s => s.UnitId == unitId && s.Kind == SourceKind.Manual).Select(s => s.Id).FirstOrDefaultAsync();
        }

        if (sourceId == Guid.Empty)
        {
            var created = await host.Get<ManageSources>().CreateAsync(await host.ActorAsync(configurer),
                new SourceCommand(unitId, "人工报送", SourceKind.Manual, null, null, 0));
            Assert.True(created.IsSuccess, created.Error?.Message);
            sourceId = created.Value;
        }

        var ids = new List<Guid>();
        foreach (var text in texts)
        {
            // One at a time, a second apart, so that posting order (and so result order) is known.
            var outcome = await host.Get<IngestPipeline>().IngestAsync(sourceId, [new IncomingItem(null, null, null, text)]);
            Assert.Equal(1, outcome.Added);
            ids.AddRange(outcome.AddedIds);
            host.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        return ids;
    }

    private static async Task<ItemPage> SearchAsync(TestHost host, string words)
    {
        var page = await host.Get<ItemQueries>().ListAsync(await host.ActorAsync("yz.office"), new ItemFilter(await host.UnitIdAsync("第一中学"), Words: words));
        Assert.True(page.IsSuccess, page.Error?.Message);
        return page.Value!;
    }

    private static async Task<List<Guid>> IdsAsync(TestHost host, ItemFilter filter)
    {
        var page = await host.Get<ItemQueries>().ListAsync(await host.ActorAsync("yz.office"), filter);
        Assert.True(page.IsSuccess, page.Error?.Message);
        return page.Value!.Rows.Select(r => r.Id).ToList();
    }

    private static async Task SetSentimentAsync(TestHost host, Guid itemId, SentimentLabel label)
    {
        await using var db = await host.DbAsync();
        await db.Set<Item>().Where(i => i.Id == itemId).ExecuteUpdateAsync(s => s.SetProperty(i => i.Sentiment, label));
    }

    private static async Task<Dictionary<Guid, string>> EntriesAsync(TestHost host)
    {
        await using var db = await host.DbAsync();
        return await db.Set<ItemSearchEntry>().ToDictionaryAsync(e => e.ItemId, e => e.Segmented);
    }
}
