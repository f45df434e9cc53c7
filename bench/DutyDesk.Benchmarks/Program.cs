using System.Diagnostics;
using System.Globalization;
using DutyDesk.Platform;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Tasks;
using DutyDesk.Platform.Units;
using DutyDesk.Responsibility;
using DutyDesk.Responsibility.Domain;
using DutyDesk.Responsibility.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Platform benchmarks, each a ratio against a baseline measured in the same run on the same data:
//  1. the scheduler's "reminders due now" query over many open tasks: indexed vs. the same query
//     after dropping its index (a table scan);
//  2. audit appends: one change + its chained audit row per transaction, vs. the same change
//     without an audit row (the cost of the chain lock and hashing);
//  3. audit verification speed (rows/s);
//  4. obligation planning: a round that creates the occurrences' tasks vs. the steady round every
//     node repeats every few minutes (nothing new to create), over many obligations.
// Usage: dotnet run -c Release --project bench/DutyDesk.Benchmarks [-- --tasks 100000 --appends 2000 --obligations 3500]
//        dotnet run -c Release --project bench/DutyDesk.Benchmarks -- ingest [--batch 500]   (IngestBenchmark.cs)
// PostgreSQL is measured too when DUTYDESK_TEST_POSTGRES is set (scripts/start-postgres.sh).
if (args.Contains("ingest"))
{
    // The 舆情 pipeline end to end: dotnet run -c Release --project bench/DutyDesk.Benchmarks -- ingest
    await IngestBenchmark.RunAsync(Arg("--batch", 500));
    return;
}

var tasks = Arg("--tasks", 100_000);
var appends = Arg("--appends", 2_000);
var obligations = Arg("--obligations", 3_500); // 500 units × the 7 defaults
var providers = new List<(DatabaseProvider Provider, string? Cs)> { (DatabaseProvider.Sqlite, null) };
if (Environment.GetEnvironmentVariable("DUTYDESK_TEST_POSTGRES") is { Length: > 0 } pg)
{
    providers.Add((DatabaseProvider.Postgres, pg + $";Database=ddbench_{Guid.NewGuid():N}"));
}

Console.WriteLine($"DutyDesk platform benchmarks — {Environment.ProcessorCount} cores, {tasks:N0} tasks, {appends:N0} appends");
foreach (var (provider, cs) in providers)
{
    await RunAsync(provider, cs);
}

async Task RunAsync(DatabaseProvider provider, string? connectionString)
{
    var dataDir = Directory.CreateTempSubdirectory("ddbench-").FullName;
    var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["DutyDesk:DataDirectory"] = dataDir,
        ["DutyDesk:Database:Provider"] = provider.ToString(),
        ["DutyDesk:Database:ConnectionString"] = connectionString,
        ["DutyDesk:Seed:Demo"] = "false",
        ["DutyDesk:Jobs:Enabled"] = "false",
    }).Build();
    var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning)).AddSingleton<IConfiguration>(config);
    services.AddPlatform(config);
    services.AddResponsibility(config);
    services.AddSingleton<IInitialCredentialsSink, SilentSink>();
    await using var sp = services.BuildServiceProvider();
    await sp.GetRequiredService<Seeder>().MigrateAndSeedAsync();
    var factory = sp.GetRequiredService<IDbContextFactory<AppDbContext>>();
    var now = TimeProvider.System.GetUtcNow().UtcDateTime;
    Console.WriteLine($"\n## {provider}");

    Guid unitId, ownerId;
    await using (var db = await factory.CreateDbContextAsync())
    {
        unitId = await db.Units.Select(u => u.Id).FirstAsync();
        ownerId = await db.Users.Select(u => u.Id).FirstAsync();
        var random = new Random(42);
        for (var batch = 0; batch < tasks; batch += 5_000)
        {
            for (var i = batch; i < Math.Min(tasks, batch + 5_000); i++)
            {
                var due = now.AddMinutes(random.Next(-60 * 24 * 30, 60 * 24 * 90));
                db.DueTasks.Add(new DueTask
                {
                    Id = Guid.CreateVersion7(), Title = $"任务 {i}", UnitId = unitId, OwnerId = ownerId, DueAt = due,
                    ReminderOffsets = "1440,60", NextReminderAt = ReminderSchedule.First(due, [1440, 60], now.AddDays(-40)),
                    State = random.Next(10) < 7 ? DueTaskState.Done : DueTaskState.Open, EscalatedAt = due < now ? due : null,
                    SourceModule = "bench", CreatedAt = now, CreatedBy = ownerId,
                });
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }

    async Task<double> DueQueryMsAsync()
    {
        await using var db = await factory.CreateDbContextAsync();
        var probe = now.AddMinutes(5);
        for (var i = 0; i < 3; i++)
        {
            await Query(db, probe);
        }

        var sw = Stopwatch.StartNew();
        const int Runs = 30;
        for (var i = 0; i < Runs; i++)
        {
            await Query(db, probe);
        }

        return sw.Elapsed.TotalMilliseconds / Runs;

        static Task<List<Guid>> Query(AppDbContext db, DateTime at) => db.DueTasks.AsNoTracking()
            .Where(t => t.State == DueTaskState.Open && t.NextReminderAt != null && t.NextReminderAt <= at)
            .OrderBy(t => t.NextReminderAt).Take(100).Select(t => t.Id).ToListAsync();
    }

    var indexed = await DueQueryMsAsync();
    await using (var db = await factory.CreateDbContextAsync())
    {
        var index = db.Model.FindEntityType(typeof(DueTask))!.GetIndexes().Single(i => i.Properties.Select(p => p.Name).SequenceEqual(["State", "NextReminderAt"])).GetDatabaseName();
        // The index name comes from our own model, not from input.
#pragma warning disable EF1002
        await db.Database.ExecuteSqlRawAsync($"DROP INDEX \"{index}\"");
#pragma warning restore EF1002
    }

    var scan = await DueQueryMsAsync();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"reminders-due query over {tasks:N0} tasks: indexed {indexed:F2} ms, table scan {scan:F2} ms, ratio {scan / indexed:F1}x"));

    async Task<double> AppendsPerSecondAsync(bool withAudit)
    {
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < appends; i++)
        {
            await using var db = await factory.CreateDbContextAsync();
            var id = Guid.CreateVersion7();
            db.Units.Add(new Unit { Id = id, ParentId = unitId, Name = $"b{id:N}", Path = $"/{unitId:N}/{id:N}/", CreatedAt = now });
            if (withAudit)
            {
                db.AuditEntries.Add(new AuditEntry { At = now, Action = AuditActions.UnitCreate, ObjectType = "Unit", ObjectId = id.ToString(), Detail = "bench" });
            }

            await db.SaveChangesAsync();
        }

        return appends / sw.Elapsed.TotalSeconds;
    }

    var plain = await AppendsPerSecondAsync(withAudit: false);
    var chained = await AppendsPerSecondAsync(withAudit: true);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"writes per second, one per transaction: without audit {plain:F0}/s, with chained audit row {chained:F0}/s, cost ratio {plain / chained:F2}x"));

    var verifier = sp.GetRequiredService<AuditVerifier>();
    var swVerify = Stopwatch.StartNew();
    var result = await verifier.VerifyAsync();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"audit verify: {result.RowCount:N0} rows in {swVerify.Elapsed.TotalMilliseconds:F0} ms ({result.RowCount / swVerify.Elapsed.TotalSeconds:F0} rows/s), intact: {result.Intact}"));

    await using (var db = await factory.CreateDbContextAsync())
    {
        var templates = ObligationCatalog.Defaults.Where(t => !t.PerLeadershipMember).ToList();
        for (var i = 0; i < obligations; i++)
        {
            var t = templates[i % templates.Count];
            db.Set<Obligation>().Add(new Obligation
            {
                Id = Guid.CreateVersion7(), UnitId = unitId, Code = t.Code, Title = t.Title, Frequency = t.Recurrence.Frequency,
                TimesPerPeriod = t.Recurrence.TimesPerPeriod, Weekday = t.Recurrence.Weekday, DueAfterDays = t.Recurrence.DueAfterDays,
                Evidence = t.Evidence, OwnerId = ownerId, StartsOn = DateOnly.FromDateTime(now.AddDays(-1)), CreatedAt = now,
            });
        }

        await db.SaveChangesAsync();
    }

    var planner = sp.GetRequiredService<ObligationPlanner>();
    var swFirst = Stopwatch.StartNew();
    var created = await planner.PlanAsync(null, CancellationToken.None);
    var first = swFirst.Elapsed.TotalMilliseconds;
    var swSteady = Stopwatch.StartNew();
    var again = await planner.PlanAsync(null, CancellationToken.None);
    var steady = swSteady.Elapsed.TotalMilliseconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"planning {obligations:N0} obligations: first round {first:F0} ms ({created:N0} tasks created), steady round {steady:F0} ms ({again} created, {steady / obligations:F2} ms per obligation), ratio first/steady {first / steady:F1}x"));

    if (provider == DatabaseProvider.Postgres)
    {
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.EnsureDeletedAsync();
    }

    Directory.Delete(dataDir, recursive: true);
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
}

internal sealed class SilentSink : IInitialCredentialsSink
{
    public void Report(IReadOnlyList<IssuedCredential> credentials)
    {
    }
}
