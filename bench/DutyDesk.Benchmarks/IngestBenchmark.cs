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
/// 50 schemes, sentiment, events, levels) into SQLite and PostgreSQL, in batches as a vendor would push them:
/// once from one pusher, once from two pushing at the same time (two vendors, or a vendor and the feed poller),
/// each into a fresh unit, after a warm-up pass. Baseline in the same run: the same posts stored as bare rows
/// through EF Core, no analysis. Prints posts/s, the ratio, and per-batch latency (arrival to event rows).
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
            var directory = Directory.CreateTempSubdirectory("ddingest-");
            try
            {
                await RunAsync(provider, cs, directory.FullName, posts, batchSize);
            }
            finally
            {
                // Left behind, a run's database would keep the server busy (autovacuum) during the next run.
                await DropAsync(provider, cs, directory);
            }
        }
    }

    private static async Task DropAsync(DatabaseProvider provider, string? connectionString, DirectoryInfo directory)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            var database = builder.Database;
            builder.Database = "postgres";
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var connection = new Npgsql.NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        directory.Delete(recursive: true);
    }

    private static async Task RunAsync(DatabaseProvider provider, string? connectionString, string dataDirectory, List<string> posts, int batchSize)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DutyDesk:DataDirectory"] = dataDirectory,
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
        Guid baselineUnit, baselineSource, warmSource;
        Guid[] oneSource, twoSources;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var root = await db.Units.FirstAsync();
            Guid AddUnit(string name)
            {
                var id = Guid.CreateVersion7();
                db.Units.Add(new DutyDesk.Platform.Units.Unit { Id = id, Name = name, ParentId = root.Id, Path = DutyDesk.Platform.Units.Unit.PathOf(root.Path, id), CreatedAt = now });
                AddSchemes(db, id, now);
                return id;
            }

            // Every run stores into a unit of its own, so none meets another's keys, duplicates or events.
            baselineUnit = AddUnit("基线");
            baselineSource = AddSource(db, baselineUnit, "基线", now);
            warmSource = AddSource(db, AddUnit("预热"), "预热", now);
            oneSource = [AddSource(db, AddUnit("一路推送"), "推送", now)];
            var two = AddUnit("两路推送");
            twoSources = [AddSource(db, two, "推送甲", now), AddSource(db, two, "推送乙", now)];
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
        var baseRate = posts.Count / baseline.Elapsed.TotalSeconds;
        Console.WriteLine($"  baseline (bare rows through EF Core, no analysis): {baseRate,9:N0} posts/s");
        var pipeline = sp.GetRequiredService<IngestPipeline>();

        // A server that has run a while — code compiled and optimised, conversion tables and sentiment model loaded,
        // tables and indexes not empty: the whole corpus once into a unit of its own, not measured.
        await PushAsync(pipeline, [warmSource], posts, batchSize);
        foreach (var sources in new[] { oneSource, twoSources })
        {
            var (elapsed, latencies, added, matched) = await PushAsync(pipeline, sources, posts, batchSize);
            await using var db = await factory.CreateDbContextAsync();
            var unitId = await db.Set<Source>().Where(s => s.Id == sources[0]).Select(s => s.UnitId).SingleAsync();
            var duplicates = await db.Set<Item>().CountAsync(i => i.UnitId == unitId && i.DuplicateOfId != null);
            var cases = await db.Set<OpinionCase>().CountAsync(c => c.UnitId == unitId);
            var rate = posts.Count / elapsed.TotalSeconds;
            Console.WriteLine($"  {sources.Length} pusher(s) at once: {rate,9:N0} posts/s ({rate / baseRate:0.00}× the baseline; target ≥ 5,000); "
                + $"batch latency p50 {Percentile(latencies, 0.5):N0} ms, p99 {Percentile(latencies, 0.99):N0} ms, max {latencies[^1]:N0} ms (target p99 < 1,000 ms)");
            Console.WriteLine($"      stored {added:N0} posts: {matched:N0} matched a scheme, {duplicates:N0} marked near duplicates, {cases:N0} events");
        }
    }

    /// <summary>
    /// Pushes the corpus in batches, as vendors do: each source pushes its share (every n-th batch) one batch after
    /// another, all sources at the same time. Latency is a batch's time from arrival to its event rows.
    /// </summary>
    private static async Task<(TimeSpan Elapsed, List<double> Latencies, int Added, int Matched)> PushAsync(IngestPipeline pipeline, Guid[] sources, List<string> posts, int batchSize)
    {
        var batches = posts.Select((t, i) => new IncomingItem($"w{i}", null, null, t)).Chunk(batchSize).ToList();
        var latencies = new List<double>();
        var (added, matched) = (0, 0);
        var total = Stopwatch.StartNew();
        await Task.WhenAll(sources.Select((source, n) => Task.Run(async () =>
        {
            for (var b = n; b < batches.Count; b += sources.Length)
            {
                var one = Stopwatch.StartNew();
                var outcome = await pipeline.IngestAsync(source, batches[b]);
                lock (latencies)
                {
                    latencies.Add(one.Elapsed.TotalMilliseconds);
                    added += outcome.Added;
                    matched += outcome.Matched;
                }
            }
        })));
        total.Stop();
        latencies.Sort();
        return (total.Elapsed, latencies, added, matched);
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
