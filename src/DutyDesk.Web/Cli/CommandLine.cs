using DutyDesk.Platform;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Web.Cli;

/// <summary>
/// Command-line verbs run through the same host configuration as the web app:
/// `dotnet run --project src/DutyDesk.Web -- audit verify`.
/// </summary>
internal static class CommandLine
{
    private static readonly string[][] Verbs = [["audit", "verify"], ["migrate"], ["text", "analyze"], ["feeds", "parse"]];

    public static bool IsVerb(string[] args) => Verbs.Any(v => args.Length >= v.Length && v.SequenceEqual(args.Take(v.Length), StringComparer.OrdinalIgnoreCase));

    private static async Task<bool> DatabaseReadyAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Database.CanConnectAsync() && (await db.Database.GetAppliedMigrationsAsync()).Any();
    }

    public static async Task<int> RunAsync(string[] args)
    {
        if (args[0].Equals("text", StringComparison.OrdinalIgnoreCase))
        {
            // Pure text work: no database, no host.
            var schemes = Array.IndexOf(args, "--schemes") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
            Console.OutputEncoding = System.Text.Encoding.UTF8;
            return await TextAnalyzer.RunAsync(Console.In, Console.Out, Console.Error, schemes);
        }

        if (args[0].Equals("feeds", StringComparison.OrdinalIgnoreCase))
        {
            // Pure parsing of a saved response body: no database, no host, no network.
            Console.OutputEncoding = System.Text.Encoding.UTF8;
            return await FeedsCommand.RunAsync(args[2..], Console.Out, Console.Error);
        }

        var settings = args.SkipWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var builder = Host.CreateApplicationBuilder(settings);
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        builder.Configuration.AddEnvironmentVariables();
        // Settings given on the command line win over the files and the environment, as in the web host.
        builder.Configuration.AddCommandLine(settings);
        builder.Configuration["DutyDesk:Jobs:Enabled"] = "false";
        builder.Services.AddPlatform(builder.Configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        using var host = builder.Build();
        switch (args[0].ToLowerInvariant())
        {
            case "audit":
                if (!await DatabaseReadyAsync(host.Services))
                {
                    Console.Error.WriteLine("the database has no DutyDesk schema yet: start DutyDesk once or run the `migrate` verb, and check DutyDesk:Database settings");
                    return 3;
                }

                var head = builder.Configuration["expect-head"];
                var checkpoint = AuditCheckpoint.Parse(head);
                if (head is not null && checkpoint is null)
                {
                    Console.Error.WriteLine("--expect-head wants SEQUENCE:HASH as printed by an earlier `audit verify` (e.g. 1234:9f86d0…)");
                    return 64;
                }

                var result = await host.Services.GetRequiredService<AuditVerifier>().VerifyAsync(checkpoint);
                Console.WriteLine(result.Describe());
                return result.Intact ? 0 : 2;
            case "migrate":
                await host.Services.GetRequiredService<Seeder>().MigrateAndSeedAsync();
                Console.WriteLine("migrated");
                return 0;
            default:
                Console.Error.WriteLine($"unknown verb: {string.Join(' ', args)}");
                return 64;
        }
    }
}
