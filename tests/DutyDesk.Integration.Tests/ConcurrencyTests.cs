using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Features.Units;
using DutyDesk.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests;

/// <summary>Optimistic concurrency: the second of two edits made from the same version loses, visibly.</summary>
public sealed class ConcurrencyTests
{
    [Theory]
    [BothProviders]
    public async Task Rename_TwoEditsFromSameVersion_SecondConflictsAndFirstNameKept(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var admin = await host.ActorAsync("admin");
        var unitId = await host.UnitIdAsync("一中德育处");
        var version = await VersionAsync(host, unitId);
        var rename = host.Get<ChangeUnit>();

        var first = await rename.RenameAsync(admin, new RenameUnitCommand(unitId, "一中学生发展中心", version));
        var second = await rename.RenameAsync(admin, new RenameUnitCommand(unitId, "一中政教处", version));

        Assert.True(first.IsSuccess, first.Error?.Message);
        Assert.Equal(ErrorKind.Conflict, second.Error?.Kind);
        await using var db = await host.DbAsync();
        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Id == unitId);
        Assert.Equal("一中学生发展中心", unit.Name);
        Assert.NotEqual(version, unit.Version);
    }

    [Theory]
    [BothProviders]
    public async Task Rename_TwoEditsFromSameVersionAtOnce_ExactlyOneWins(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var admin = await host.ActorAsync("admin");
        var unitId = await host.UnitIdAsync("一中德育处");
        var version = await VersionAsync(host, unitId);
        var rename = host.Get<ChangeUnit>();

        var results = await Task.WhenAll(
            Task.Run(() => rename.RenameAsync(admin, new RenameUnitCommand(unitId, "一中学生发展中心", version))),
            Task.Run(() => rename.RenameAsync(admin, new RenameUnitCommand(unitId, "一中政教处", version))));

        Assert.Single(results, r => r.IsSuccess);
        Assert.Single(results, r => r.Error?.Kind == ErrorKind.Conflict);
        await using var db = await host.DbAsync();
        var name = await db.Units.Where(u => u.Id == unitId).Select(u => u.Name).SingleAsync();
        var winner = results[0].IsSuccess ? "一中学生发展中心" : "一中政教处";
        Assert.Equal(winner, name);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "unit.rename" && a.ObjectId == unitId.ToString()));
    }

    private static async Task<Guid> VersionAsync(TestHost host, Guid unitId)
    {
        await using var db = await host.DbAsync();
        return await db.Units.Where(u => u.Id == unitId).Select(u => u.Version).SingleAsync();
    }
}
