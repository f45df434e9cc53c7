using System.Diagnostics;
using System.Globalization;
using DutyDesk.Documents;
using DutyDesk.Opinion;
using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Ingest;
using DutyDesk.Platform;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Identity;
using DutyDesk.Responsibility;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>
/// Pushes both days of the Weibo corpus through the whole ingest pipeline (normalise, dedupe, near duplicates,
/// 50 schemes, sentiment, events, levels) into SQLite and PostgreSQL, in batches as a vendor would push them.
/// Baseline in the same run: the same posts stored as bare rows with their keys, no analysis — the database's
/// own cost. Prints posts/s, the ratio, and per-batch latency (a post's time from arrival to its event row).
/// </summary>
internal static class IngestBenchmark
{
    private static readonly string[] CorpusFiles = ["weibo-2020-02-01.csv", "weibo-2020-02-10.csv"];
    private static readonly string[] Subjects = ["武汉", "湖北", "医院", "疫情", "肺炎", "新冠", "口罩", "物资", "红十字会", "隔离", "确诊", "病毒", "医生", "护士", "社区"];
    private static readonly string[] Events = ["捐赠", "短缺", "求助", "死亡", "感染", "发热", "封城", "谣言", "物资", "检测", "床位", "志愿者", "延迟", "开学", "复工"];

    public static async Task RunAsync(int batchSize)
    {
        var posts = LoadCorpus();
        var chars = posts.Sum(p => (long)p.Length);
        Console.WriteLine($"DutyDesk ingest benchmark — {Environment.ProcessorCount} cores, {posts.Count:N0} Weibo posts ({chars:N0} chars), batches of {batchSize}, 50 schemes");
        var providers = new List<(DatabaseProvider, string?)> { (DatabaseProvider.Sqlite, null) };
        if (Environment.GetEnvironmentVariable("DUTYDESK_TEST_POSTGRES") is { Length: > 0 } pg)
        {
            providers.Add((DatabaseProvider.Postgres, pg + $";Database=ddingest_{Guid.NewGuid():N}"));
        }

        foreach (var (provider, cs) in providers)
        {
            await RunAsync(provider, cs, posts, batchSize);
        }
    }

    private static async Task RunAsync(DatabaseProvider provider, string? connectionString, List<string> posts, int batchSize)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DutyDesk:DataDirectory"] = Directory.CreateTempSubdirectory("ddingest-").FullName,
            ["DutyDesk:Database:Provider"] = provider.ToString(),
            ["DutyDesk:Database:ConnectionString"] = connectionString,
            ["DutyDesk:Seed:Demo"] = "false",
            ["DutyDesk:Jobs:Enabled"] = "false",
            ["DutyDesk:Opinion:BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning)).AddSingleton<IConfiguration>(config);
        services.AddPlatform(config);
        services.AddResponsibility(config);
        services.AddOpinion(config);
        services.AddSingleton<IInitialCredentialsSink, SilentSink>();
        await using var sp = services.BuildServiceProvider();
        await sp.GetRequiredService<Seeder>().MigrateAndSeedAsync();
        var factory = sp.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        Guid unitId, pipelineSource, baselineSource, baselineUnit, warmUnit, warmSource;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var root = await db.Units.FirstAsync();
            unitId = root.Id;
            // The baseline stores into a unit of its own, so its rows do not meet the pipeline's keys.
            baselineUnit = Guid.CreateVersion7();
            db.Units.Add(new DutyDesk.Platform.Units.Unit { Id = baselineUnit, Name = "基线", ParentId = unitId, Path = DutyDesk.Platform.Units.Unit.PathOf(root.Path, baselineUnit), CreatedAt = now });
            // A unit of its own for the warm-up pass, so the measured unit starts empty.
            warmUnit = Guid.CreateVersion7();
            db.Units.Add(new DutyDesk.Platform.Units.Unit { Id = warmUnit, Name = "预热", ParentId = unitId, Path = DutyDesk.Platform.Units.Unit.PathOf(root.Path, warmUnit), CreatedAt = now });
            pipelineSource = AddSource(db, unitId, "推送", now);
            baselineSource = AddSource(db, baselineUnit, "基线", now);
            warmSource = AddSource(db, warmUnit, "预热", now);
            AddSchemes(db, unitId, now);
            AddSchemes(db, warmUnit, now);
            await db.SaveChangesAsync();
        }

        Console.WriteLine($"\n## {provider}");
        var baseline = Stopwatch.StartNew();
        for (var start = 0; start < posts.Count; start += batchSize)
        {
            await using var db = await factory.CreateDbContextAsync();
            foreach (var (text, i) in posts.Skip(start).Take(batchSize).Select((t, i) => (t, start + i)))
            {
                db.Set<Item>().Add(new Item
                {
                    Id = Guid.CreateVersion7(), UnitId = baselineUnit, SourceId = baselineSource, DedupeKey = $"id:{i}", Text = text, Folded = text,
                    CollectedAt = now, PostedAt = now,
                });
            }

            await db.SaveChangesAsync();
        }

        baseline.Stop();
        var pipeline = sp.GetRequiredService<IngestPipeline>();

        // A server that has run a while — code compiled and optimised, conversion tables and sentiment model loaded,
        // tables and indexes not empty: the whole corpus once into a unit of its own, not measured.
        foreach (var chunk in posts.Select((t, i) => new IncomingItem($"warm{i}", null, null, t)).Chunk(batchSize))
        {
            await pipeline.IngestAsync(warmSource, chunk);
        }

        var latencies = new List<double>();
        var added = 0;
        var matched = 0;
        var total = Stopwatch.StartNew();
        for (var start = 0; start < posts.Count; start += batchSize)
        {
            var batch = posts.Skip(start).Take(batchSize).Select((t, i) => new IncomingItem($"w{start + i}", null, null, t)).ToList();
            var one = Stopwatch.StartNew();
            var outcome = await pipeline.IngestAsync(pipelineSource, batch);
            latencies.Add(one.Elapsed.TotalMilliseconds);
            added += outcome.Added;
            matched += outcome.Matched;
        }

        total.Stop();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var duplicates = await db.Set<Item>().CountAsync(i => i.UnitId == unitId && i.DuplicateOfId != null);
            var cases = await db.Set<OpinionCase>().CountAsync(c => c.UnitId == unitId);
            Console.WriteLine($"  stored {added:N0} posts: {matched:N0} matched a scheme, {duplicates:N0} marked near duplicates, {cases:N0} events");
        }

        latencies.Sort();
        var rate = posts.Count / total.Elapsed.TotalSeconds;
        var baseRate = posts.Count / baseline.Elapsed.TotalSeconds;
        Console.WriteLine($"  baseline (bare rows, no analysis):     {baseRate,9:N0} posts/s");
        Console.WriteLine($"  whole pipeline:                       {rate,9:N0} posts/s  ({rate / baseRate:0.00}× the bare insert; target ≥ 5,000)");
        Console.WriteLine($"  batch latency (arrival → event row):  p50 {Percentile(latencies, 0.5):N0} ms, p99 {Percentile(latencies, 0.99):N0} ms, max {latencies[^1]:N0} ms (target p99 < 1,000 ms)");
    }

    private static void AddSchemes(AppDbContext db, Guid unitId, DateTime now)
    {
        var random = new Random(7);
        for (var i = 0; i < 50; i++)
        {
            db.Set<MonitoringScheme>().Add(new MonitoringScheme
            {
                Id = Guid.CreateVersion7(), UnitId = unitId, Name = $"方案{i}", Mode = SchemeMode.Groups,
                Subjects = string.Join('\n', Enumerable.Range(0, 3).Select(_ => Subjects[random.Next(Subjects.Length)])),
                Events = string.Join('\n', Enumerable.Range(0, 4).Select(_ => Events[random.Next(Events.Length)])),
                Exclusions = i % 5 == 0 ? "广告" : "", CreatedAt = now, UpdatedAt = now,
            });
        }
    }

    private static Guid AddSource(AppDbContext db, Guid unitId, string name, DateTime now)
    {
        var source = new Source { Id = Guid.CreateVersion7(), UnitId = unitId, Name = name, Kind = SourceKind.Push, CreatedAt = now };
        db.Set<Source>().Add(source);
        return source.Id;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static List<string> LoadCorpus()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DutyDesk.slnx")))
        {
            dir = dir.Parent;
        }

        var corpora = Path.Combine(dir?.FullName ?? ".", "..", "shared", "data", "corpora");
        if (!Directory.Exists(corpora))
        {
            throw new DirectoryNotFoundException($"the Weibo corpus is missing: {Path.GetFullPath(corpora)} (see ../shared/data/README.md)");
        }

        return CorpusFiles
            .SelectMany(f => CsvTable.ReadColumn(File.ReadAllText(Path.Combine(corpora, f)), "text"))
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .ToList();
    }
}
