using System.Text.RegularExpressions;
using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Ingest;
using DutyDesk.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static DutyDesk.Integration.Tests.Opinion.OpinionTestData;

namespace DutyDesk.Integration.Tests.Opinion;

/// <summary>
/// Restart safety of ingest: the pipeline is stopped at every one of its database steps in turn, then the source
/// delivers the same batch again (as a re-poll or a vendor's retry would) — nothing is lost, nothing stored twice,
/// and matches, near-duplicate marks and events come out as in an undisturbed run.
/// </summary>
public sealed class IngestRestartTests
{
    /// <summary>A round's posts: unlike other rounds' (own subject word, own characters), so rounds stay apart.</summary>
    private static IncomingItem[] Batch(int round)
    {
        var own = string.Concat(Enumerable.Range(0, 12).Select(j => (char)(0x4E00 + ((round * 131) + (j * 7919)) % 20000)));
        var school = Subject(round);
        return
        [
            Post($"第{round}轮：{school}食堂饭菜里有异物，家长很愤怒，学校一直没有回应{own}", id: $"{round}-1", site: "weibo.com", comments: 5),
            Post($"第{round}轮：{school}食堂饭菜里有异物，家长很愤怒，学校一直没有回应{own}！！", id: $"{round}-2", site: "tieba.baidu.com"),
            Post($"第{round}轮：今天的天气很好，适合出门散步{own}", url: $"https://bbs.example.cn/t/{round}"),
            Post($"第{round}轮：今天的天气很好，适合出门散步{own}", url: $"https://bbs.example.cn/t/{round}?utm_source=x"),
            Post($"第{round}轮：{school}举办运动会，同学们积极参加{own}"),
        ];
    }

    private static string Subject(int round) => $"测试学校甲{round}号";

    [Theory]
    [BothProviders]
    public async Task Ingest_StoppedAtEveryDatabaseStep_RedeliveryLosesAndDuplicatesNothing(DatabaseProvider provider)
    {
        var faults = new FaultInjector();
        await using var host = await TestHost.StartAsync(provider, services: s => s.AddSingleton<IInterceptor>(faults));
        var source = await SourceAsync(host);
        var pipeline = host.Get<IngestPipeline>();
        await SchemeAsync(host, "第0轮", Subject(0), events: "食堂\n饭菜");
        await pipeline.IngestAsync(source, Batch(0));
        var expected = await SnapshotAsync(host, 0);

        // Steps of a batch on a node that has its near-duplicate index already (the usual case; a cold node reads
        // the recent items back first, which the rounds after a failure and after the restart go through).
        await SchemeAsync(host, "第1轮", Subject(1), events: "食堂\n饭菜");
        faults.Reset();
        await pipeline.IngestAsync(source, Batch(1));
        var steps = faults.Steps;
        Assert.True(steps >= 8, $"a clean batch took only {steps} database steps");
        Assert.Equal(expected, await SnapshotAsync(host, 1));

        for (var step = 1; step <= steps; step++)
        {
            var round = step + 1;
            await SchemeAsync(host, $"第{round}轮", Subject(round), events: "食堂\n饭菜");
            faults.FailAt(step);
            await Assert.ThrowsAnyAsync<Exception>(() => pipeline.IngestAsync(source, Batch(round)));
            faults.Reset();
            if (step == steps / 2)
            {
                // Once, a real restart in between: the node's caches are gone too.
                await host.RestartAsync();
                pipeline = host.Get<IngestPipeline>();
            }

            var retry = await pipeline.IngestAsync(source, Batch(round));
            var again = await pipeline.IngestAsync(source, Batch(round));

            Assert.Equal(4, retry.Added + retry.Duplicates - 1);
            Assert.Equal(0, again.Added);
            Assert.Equal(expected, await SnapshotAsync(host, round));
        }

        await using var db = await host.DbAsync();
        Assert.Equal(4 * (steps + 2), await db.Set<Item>().CountAsync());
    }

    /// <summary>What a round stored, without ids: texts, duplicate marks, match words, events and their figures (sentiment differs by round: each has its own characters).</summary>
    private static async Task<string> SnapshotAsync(TestHost host, int round)
    {
        await using var db = await host.DbAsync();
        var prefix = $"第{round}轮：";
        var items = await db.Set<Item>().AsNoTracking().Where(i => i.Text.StartsWith(prefix)).OrderBy(i => i.Text).ToListAsync();
        var ids = items.Select(i => i.Id).ToList();
        var matches = await db.Set<ItemMatch>().AsNoTracking().Where(m => ids.Contains(m.ItemId)).ToListAsync();
        var caseIds = items.Where(i => i.EventId != null).Select(i => i.EventId!.Value).Distinct().ToList();
        var cases = await db.Set<OpinionCase>().AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToListAsync();
        var lines = items.Select(i => string.Join('|',
            Stripped(i.Text, prefix),
            i.DuplicateOfId is { } d ? "dup-of:" + Stripped(items.Single(x => x.Id == d).Text, prefix) : "first",
            string.Join(',', matches.Where(m => m.ItemId == i.Id).Select(m => Regex.Replace(m.Words, "测试学校甲[0-9]+号", "S"))),
            cases.SingleOrDefault(c => c.Id == i.EventId) is { } c ? $"case:{c.ItemCount}/{c.SiteCount}/{c.Comments}" : "no-case"));
        return string.Join('\n', lines);
    }

    private static string Stripped(string text, string prefix) => Regex.Replace(text[prefix.Length..], "测试学校甲[0-9]+号", "S")[..10];
}
