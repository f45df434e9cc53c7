using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Features.Tokens;
using DutyDesk.Platform.Features.Units;
using DutyDesk.Platform.Units;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests;

/// <summary>The audit log is a hash chain: edits and deletions made behind the app's back are found.</summary>
public sealed class AuditChainTests
{
    [Theory]
    [BothProviders]
    public async Task Verify_AfterSeveralActions_IntactWithEveryRowCounted(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await AuditChain.WriteSomeActionsAsync(host);

        var result = await host.Get<AuditVerifier>().VerifyAsync();

        await using var db = await host.DbAsync();
        var rows = await db.AuditEntries.CountAsync();
        Assert.True(result.Intact, result.Describe());
        Assert.Equal(rows, result.RowCount);
        Assert.Equal(rows, await db.AuditEntries.MaxAsync(a => a.Sequence));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.UnitCreate && a.UserName == "admin"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.TaskCreate && a.UserName == "yz.office"));
    }

    [Theory]
    [BothProviders]
    public async Task Verify_DetailEditedInDatabase_NamesThatRow(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await AuditChain.WriteSomeActionsAsync(host);
        var target = await AuditChain.MiddleSequenceAsync(host);

        await AuditChain.TamperDetailAsync(host, target);
        var result = await host.Get<AuditVerifier>().VerifyAsync();

        Assert.False(result.Intact);
        Assert.Equal(target, result.FirstBadSequence);
    }

    [Theory]
    [BothProviders]
    public async Task Verify_MiddleRowDeleted_NamesMissingSequence(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await AuditChain.WriteSomeActionsAsync(host);
        var target = await AuditChain.MiddleSequenceAsync(host);

        await using (var db = await host.DbAsync())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries WHERE \"Sequence\" = {0}", target);
        }

        var result = await host.Get<AuditVerifier>().VerifyAsync();

        Assert.False(result.Intact);
        Assert.Equal(target, result.FirstBadSequence);
        Assert.Contains("missing", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Verify_RowDeletedAndLaterRowsRenumbered_NamesRowAfterGap(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await AuditChain.WriteSomeActionsAsync(host);
        var target = await AuditChain.MiddleSequenceAsync(host);

        // Renumbering the rows after a deleted one hides the gap, but not the broken previous-hash link.
        await using (var db = await host.DbAsync())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries WHERE \"Sequence\" = {0}", target);
            var after = await db.AuditEntries.Where(a => a.Sequence > target).OrderBy(a => a.Sequence).Select(a => a.Sequence).ToListAsync();
            foreach (var sequence in after)
            {
                await db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"Sequence\" = {0} WHERE \"Sequence\" = {1}", sequence - 1, sequence);
            }
        }

        var result = await host.Get<AuditVerifier>().VerifyAsync();

        Assert.False(result.Intact);
        Assert.Equal(target, result.FirstBadSequence);
    }
}

/// <summary>Shared steps of the audit-chain tests.</summary>
internal static class AuditChain
{
    public static async Task WriteSomeActionsAsync(TestHost host)
    {
        var created = await host.Get<CreateUnit>().HandleAsync(await host.ActorAsync("admin"),
            new CreateUnitCommand(await host.UnitIdAsync("第一中学"), "一中团委", UnitKind.Department));
        Assert.True(created.IsSuccess, created.Error?.Message);
        await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromDays(2));
        var token = await host.Get<ManageTokens>().CreateAsync(await host.ActorAsync("yz.moral"), new CreateTokenCommand("导入", 30));
        Assert.True(token.IsSuccess, token.Error?.Message);
    }

    public static async Task<long> MiddleSequenceAsync(TestHost host)
    {
        await using var db = await host.DbAsync();
        return await db.AuditEntries.MaxAsync(a => a.Sequence) / 2;
    }

    public static async Task TamperDetailAsync(TestHost host, long sequence)
    {
        await using var db = await host.DbAsync();
        var changed = await db.Database.ExecuteSqlRawAsync(
            "UPDATE audit_entries SET \"Detail\" = {0} WHERE \"Sequence\" = {1}", "tampered: 改过的记录", sequence);
        Assert.Equal(1, changed);
    }
}
