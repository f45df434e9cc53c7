using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Platform.Data;
using DutyDesk.Web.Cli;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests;

/// <summary>Console output is process-wide, so these run alone.</summary>
[CollectionDefinition(nameof(ConsoleOutput), DisableParallelization = true)]
public sealed class ConsoleOutput;

/// <summary>`dutydesk audit verify` against the test's own database, configured only by its arguments.</summary>
[Collection(nameof(ConsoleOutput))]
public sealed class AuditCommandLineTests
{
    [Theory]
    [BothProviders]
    public async Task AuditVerify_IntactChain_PrintsIntactAndReturns0(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await AuditChain.WriteSomeActionsAsync(host);

        var (exitCode, output) = await RunAsync(host, "audit", "verify");

        Assert.Equal(0, exitCode);
        Assert.Contains("intact", output, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task AuditVerify_EditedRow_Returns2AndNamesRow(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await AuditChain.WriteSomeActionsAsync(host);
        var target = await AuditChain.MiddleSequenceAsync(host);
        await AuditChain.TamperDetailAsync(host, target);

        var (exitCode, output) = await RunAsync(host, "audit", "verify");

        Assert.Equal(2, exitCode);
        Assert.Contains($"BROKEN at row {target}", output, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task AuditVerify_NewestRowsDeletedAfterCheckpoint_Returns2(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await AuditChain.WriteSomeActionsAsync(host);
        var (_, first) = await RunAsync(host, "audit", "verify");
        var head = first.Trim().Split("head ")[1];
        var (intactExit, intact) = await RunAsync(host, "audit", "verify", "--expect-head", head);
        await using (var db = await host.DbAsync())
        {
            var last = await db.AuditEntries.MaxAsync(a => a.Sequence);
            await db.AuditEntries.Where(a => a.Sequence == last).ExecuteDeleteAsync();
        }

        var (truncatedExit, truncated) = await RunAsync(host, "audit", "verify", "--expect-head", head);
        var (plainExit, _) = await RunAsync(host, "audit", "verify");

        Assert.Equal(0, intactExit);
        Assert.Contains("intact", intact, StringComparison.Ordinal);
        Assert.Equal(2, truncatedExit);
        Assert.Contains("deleted from the end", truncated, StringComparison.Ordinal);
        // Without the checkpoint the shortened chain still verifies: that is what the checkpoint is for.
        Assert.Equal(0, plainExit);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(TestHost host, params string[] verb)
    {
        string[] args =
        [
            .. verb,
            $"--DutyDesk:DataDirectory={host.DataDirectory}",
            $"--DutyDesk:Database:Provider={host.Provider}",
            $"--DutyDesk:Database:ConnectionString={host.Database.ConnectionString}",
        ];
        var original = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            var exitCode = await CommandLine.RunAsync(args).WaitAsync(TimeSpan.FromMinutes(1));
            return (exitCode, output.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }
}
