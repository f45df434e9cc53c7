using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Cases;
using DutyDesk.Opinion.Features.Items;
using DutyDesk.Opinion.Ingest;
using DutyDesk.Platform.Data;
using DutyDesk.Text.Sentiment;
using Microsoft.EntityFrameworkCore;
using static DutyDesk.Integration.Tests.Opinion.OpinionTestData;

namespace DutyDesk.Integration.Tests.Opinion;

/// <summary>The ingest pipeline end to end on a real database: dedupe, near duplicates, matching, sentiment, events.</summary>
public sealed class IngestPipelineTests
{
    private const string Canteen = "第一中学食堂的饭菜里吃出了异物，家长很愤怒，学校到现在也没有任何回应，太让人失望了";

    [Theory]
    [BothProviders]
    public async Task Ingest_SameItemsAgain_StoredOnce(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var source = await SourceAsync(host);
        var pipeline = host.Get<IngestPipeline>();
        IncomingItem[] batch =
        [
            Post("第一条，带编号", id: "a-1"),
            Post("第二条，只有网址", url: "https://bbs.example.cn/t/2?utm_source=share"),
            Post("第三条，什么标识都没有"),
            Post("第三条，什么标识都没有"),
            Post("   "),
        ];

        var first = await pipeline.IngestAsync(source, batch);
        var again = await pipeline.IngestAsync(source, [.. batch, Post("第二条，网址换了参数顺序", url: "https://bbs.example.cn/t/2")]);

        Assert.Equal((3, 1), (first.Added, first.Duplicates));
        Assert.Equal(5, Assert.Single(first.Rejected).Position);
        Assert.Equal((0, 5), (again.Added, again.Duplicates));
        await using var db = await host.DbAsync();
        Assert.Equal(3, await db.Set<Item>().CountAsync());
    }

    [Theory]
    [BothProviders]
    public async Task Ingest_MatchingPosts_MatchedWordsSentimentAndOneEvent(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var source = await SourceAsync(host);
        var scheme = await SchemeAsync(host, "一中食品安全", "第一中学\n一中", events: "食堂\n饭菜", exclusions: "招聘");
        var pipeline = host.Get<IngestPipeline>();

        var outcome = await pipeline.IngestAsync(source,
        [
            Post(Canteen, id: "1", site: "weibo.com", comments: 30),
            Post(Canteen + "！！转发扩散", id: "2", site: "tieba.baidu.com", comments: 40),
            Post("第一中学食堂招聘厨师若干名", id: "3"),
            Post("今天天气不错", id: "4"),
        ]);

        Assert.Equal((4, 2), (outcome.Added, outcome.Matched));
        await using var db = await host.DbAsync();
        var items = await db.Set<Item>().OrderBy(i => i.DedupeKey).ToListAsync();
        Assert.Equal(SentimentLabel.Negative, items[0].Sentiment);
        Assert.NotEmpty(items[0].SentimentWords);
        Assert.Equal(items[0].Id, items[1].DuplicateOfId);
        Assert.True(items[1].DuplicateSimilarity >= 0.8);
        var matches = await db.Set<ItemMatch>().Where(m => m.SchemeId == scheme).ToListAsync();
        Assert.Equal(2, matches.Count);
        Assert.Contains("食堂", matches[0].Words, StringComparison.Ordinal);
        var theCase = Assert.Single(await db.Set<OpinionCase>().ToListAsync());
        Assert.Equal(theCase.Id, items[0].EventId);
        Assert.Equal(theCase.Id, items[1].EventId);
        Assert.Null(items[2].EventId);
        Assert.Equal((2, 70L, 2, 2), (theCase.ItemCount, theCase.Comments, theCase.SiteCount, theCase.NegativeCount));
        Assert.Equal(IncidentLevelCode.III, theCase.ProposedLevel);
        Assert.Contains("2 个站点", theCase.ProposedRule, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Ingest_MainstreamMediaCarriesIt_ProposesLevelTwo(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var source = await SourceAsync(host);
        await SchemeAsync(host, "一中", "第一中学");

        await host.Get<IngestPipeline>().IngestAsync(source, [Post("第一中学食堂问题引发关注", url: "https://edu.people.com.cn/n1/2026/1130/c1.html")]);

        var cases = await host.Get<CaseQueries>().ListAsync(await host.ActorAsync("yz.office"), await host.UnitIdAsync("第一中学"));
        var theCase = Assert.Single(cases.Value);
        Assert.Equal(IncidentLevelCode.II, theCase.ProposedLevel);
        Assert.True(theCase.MainstreamMedia);
        Assert.Equal("主流媒体已报道", theCase.ProposedRule);
    }

    [Theory]
    [BothProviders]
    public async Task Ingest_SecondNode_NearDuplicateOfFirstNodesItemFound(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var source = await SourceAsync(host);
        await host.Get<IngestPipeline>().IngestAsync(source, [Post(Canteen, id: "1")]);
        await using var second = host.StartSecondNode("node-2", out var services);
        var secondPipeline = (IngestPipeline)services.GetService(typeof(IngestPipeline))!;
        // The second node has seen nothing yet; the next batch on the first node also comes after it.
        await secondPipeline.IngestAsync(source, [Post(Canteen + "（转）", id: "2")]);
        await host.Get<IngestPipeline>().IngestAsync(source, [Post("转：" + Canteen, id: "3")]);

        await using var db = await host.DbAsync();
        var items = await db.Set<Item>().OrderBy(i => i.DedupeKey).ToListAsync();
        Assert.Equal(3, items.Count);
        Assert.Null(items[0].DuplicateOfId);
        Assert.Equal(items[0].Id, items[1].DuplicateOfId);
        Assert.Equal(items[0].Id, items[2].DuplicateOfId);
    }

    [Theory]
    [BothProviders]
    public async Task Ingest_OtherNodeStoredSinceThisNodesLastBatch_ReadsItBackAndMarksRepost(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var source = await SourceAsync(host);
        var first = host.Get<IngestPipeline>();
        // The first node's index is warm and its mark known; then the second node stores the original post.
        await first.IngestAsync(source, [Post("今天的天气很好，适合出门散步，公园里人很多", id: "1")]);
        await using var second = host.StartSecondNode("node-2", out var services);
        await ((IngestPipeline)services.GetService(typeof(IngestPipeline))!).IngestAsync(source, [Post(Canteen, id: "2")]);
        await first.IngestAsync(source, [Post("转：" + Canteen, id: "3")]);

        await using var db = await host.DbAsync();
        var items = await db.Set<Item>().ToDictionaryAsync(i => i.DedupeKey);
        Assert.Equal(3, items.Count);
        Assert.Equal(items.Single(i => i.Key.EndsWith(":2", StringComparison.Ordinal)).Value.Id, items.Single(i => i.Key.EndsWith(":3", StringComparison.Ordinal)).Value.DuplicateOfId);
        Assert.Equal(3, await db.Set<IngestMark>().Where(m => m.UnitId == items.First().Value.UnitId).Select(m => m.Version).SingleAsync());
    }

    [Theory]
    [BothProviders]
    public async Task Ingest_TwoNodesAtOnceOnOneUnit_EveryRepostMarkedOnce(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var source = await SourceAsync(host);
        await using var second = host.StartSecondNode("node-2", out var services);
        var pipelines = new[] { host.Get<IngestPipeline>(), (IngestPipeline)services.GetService(typeof(IngestPipeline))! };
        // Both nodes receive the same original and reposts of it at the same time, in small batches.
        var posts = Enumerable.Range(0, 40).Select(i => Post(i == 0 ? Canteen : $"转{i}：" + Canteen, id: $"p{i}")).ToArray();
        await Task.WhenAll(pipelines.Select((p, n) => Task.Run(async () =>
        {
            foreach (var chunk in posts.Skip(n).Concat(posts.Take(n)).Chunk(5))
            {
                await p.IngestAsync(source, chunk);
            }
        })));

        await using var db = await host.DbAsync();
        var items = await db.Set<Item>().AsNoTracking().ToListAsync();
        Assert.Equal(40, items.Count);
        // One group: exactly one item is its first, and every other one points at it.
        var firsts = items.Where(i => i.DuplicateOfId is null).ToList();
        Assert.Single(firsts);
        Assert.All(items.Where(i => i.DuplicateOfId is not null), i => Assert.Equal(firsts[0].Id, i.DuplicateOfId));
    }

    [Theory]
    [BothProviders]
    public async Task ListItems_OtherUnitsUser_NotFoundAndNoRows(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var source = await SourceAsync(host);
        await host.Get<IngestPipeline>().IngestAsync(source, [Post(Canteen, id: "1")]);
        var queries = host.Get<ItemQueries>();
        var stranger = await host.ActorAsync("xx.monitor");
        var itemId = (await queries.ListAsync(await host.ActorAsync("yz.office"), new ItemFilter(await host.UnitIdAsync("第一中学")))).Value.Rows.Single().Id;

        var list = await queries.ListAsync(stranger, new ItemFilter(await host.UnitIdAsync("第一中学")));
        var one = await queries.GetAsync(stranger, itemId);
        var correct = await queries.CorrectSentimentAsync(stranger, itemId, SentimentLabel.Positive);

        Assert.Equal("not_found", list.Error?.Code);
        Assert.Equal("not_found", one.Error?.Code);
        Assert.Equal("not_found", correct.Error?.Code);
        Assert.True((await queries.ListAsync(await host.ActorAsync("jyj.office"), new ItemFilter(await host.UnitIdAsync("第一中学")))).IsSuccess);
    }

    [Theory]
    [BothProviders]
    public async Task CorrectSentiment_Officer_KeptBesideMachineLabelAndFiltered(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var source = await SourceAsync(host);
        await SchemeAsync(host, "一中", "第一中学");
        var added = await host.Get<IngestPipeline>().IngestAsync(source, [Post(Canteen, id: "1")]);
        var queries = host.Get<ItemQueries>();
        var unit = await host.UnitIdAsync("第一中学");

        var result = await queries.CorrectSentimentAsync(await host.ActorAsync("yz.office"), added.AddedIds[0], SentimentLabel.Neutral);
        var reader = await queries.CorrectSentimentAsync(await host.ActorAsync("yz.reviewer"), added.AddedIds[0], SentimentLabel.Positive);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal("forbidden", reader.Error?.Code);
        var detail = (await queries.GetAsync(await host.ActorAsync("yz.office"), added.AddedIds[0])).Value;
        Assert.Equal((SentimentLabel.Neutral, true, SentimentLabel.Negative), (detail.Row.Sentiment, detail.Row.SentimentCorrected, detail.MachineSentiment));
        var actor = await host.ActorAsync("yz.office");
        Assert.Equal(1, (await queries.ListAsync(actor, new ItemFilter(unit, Sentiment: SentimentLabel.Neutral))).Value.Total);
        Assert.Equal(0, (await queries.ListAsync(actor, new ItemFilter(unit, Sentiment: SentimentLabel.Negative))).Value.Total);
        await using var db = await host.DbAsync();
        Assert.Equal(0, (await db.Set<OpinionCase>().SingleAsync()).NegativeCount);
    }

    [Theory]
    [BothProviders]
    public async Task ReportItem_SameUrlTwice_OneItemAndAlreadyKnown(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var report = host.Get<ReportItem>();
        var officer = await host.ActorAsync("yz.moral");
        var unit = await host.UnitIdAsync("第一中学");
        var command = new ReportCommand(unit, "https://tieba.baidu.com/p/123", "一中食堂", Canteen, "百度贴吧");

        var first = await report.ReportAsync(officer, command, null);
        var second = await report.ReportAsync(await host.ActorAsync("yz.office"), command with { Url = "https://tieba.baidu.com/p/123#reply" }, null);
        var empty = await report.ReportAsync(officer, command with { Title = null, Text = "   " }, null);
        var stranger = await report.ReportAsync(await host.ActorAsync("xx.monitor"), command, null);

        Assert.False(first.Value.AlreadyKnown);
        Assert.Equal((first.Value.ItemId, true), (second.Value.ItemId, second.Value.AlreadyKnown));
        Assert.Equal("text", empty.Error?.Field);
        Assert.Equal("not_found", stranger.Error?.Code);
        await using var db = await host.DbAsync();
        var item = await db.Set<Item>().SingleAsync();
        Assert.Equal(("百度贴吧", await host.UserIdAsync("yz.moral"), "tieba.baidu.com"), (item.SeenWhere, item.ReportedById, item.Site));
    }

    [Theory]
    [BothProviders]
    public async Task Ingest_TraditionalPost_MatchesSimplifiedSchemeAndKeepsOriginal(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var source = await SourceAsync(host);
        await SchemeAsync(host, "一中", "第一中学", events: "食堂");

        var outcome = await host.Get<IngestPipeline>().IngestAsync(source, [Post("第一中學食堂飯菜裏有異物，學校沒有回應", id: "tw-1")]);

        Assert.Equal(1, outcome.Matched);
        await using var db = await host.DbAsync();
        var item = await db.Set<Item>().SingleAsync();
        Assert.Equal("第一中學食堂飯菜裏有異物，學校沒有回應", item.Text);
        Assert.Contains("第一中学食堂饭菜", item.Folded, StringComparison.Ordinal);
    }
}
