using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Features.Units;
using DutyDesk.Platform.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DutyDesk.Integration.Tests;

public sealed class ModelTests
{
    [Theory]
    [BothProviders]
    public async Task HasPendingModelChanges_HostModelWithAllModules_False(DatabaseProvider provider)
    {
        // The host's own context: the Platform's entities and those of every module it registered.
        await using var host = await TestHost.StartAsync(provider);
        await using var db = await host.DbAsync();

        Assert.NotEmpty(host.Services.GetServices<ModelAssembly>());
        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} migrations do not match the model: run scripts/add-migration.sh.");
    }

    [Theory]
    [BothProviders]
    public async Task Start_EmptyDatabase_MigratesAndSeedsDemoTree(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);

        await using var db = await host.DbAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var units = await db.Units.Select(u => u.Name).ToListAsync();
        Assert.Contains("市教育局", units);
        Assert.Contains("第一中学", units);
        Assert.Contains("实验小学", units);
        var users = await db.Users.Select(u => u.UserName).ToListAsync();
        Assert.Contains("admin", users);
        Assert.Contains("yz.office", users);
        Assert.Equal(1, host.Credentials.ReportCount);
        Assert.Contains(host.Credentials.Issued, c => c.UserName == "admin" && c.OneTimePassword.Length >= 10);
    }

    [Theory]
    [BothProviders]
    public async Task Start_SecondTimeOnSameDatabase_DoesNotSeedAgainAndKeepsData(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        int unitsBefore;
        await using (var db = await host.DbAsync())
        {
            unitsBefore = await db.Units.CountAsync();
        }

        var created = await host.Get<CreateUnit>().HandleAsync(await host.ActorAsync("admin"),
            new CreateUnitCommand(await host.UnitIdAsync("第一中学"), "一中团委", UnitKind.Department));
        Assert.True(created.IsSuccess, created.Error?.Message);
        var usersBefore = await CountUsersAsync(host);

        await host.RestartAsync();

        Assert.Equal(0, host.Credentials.ReportCount);
        await using (var db = await host.DbAsync())
        {
            Assert.Equal(unitsBefore + 1, await db.Units.CountAsync());
            Assert.True(await db.Units.AnyAsync(u => u.Id == created.Value.Id && u.Name == "一中团委"));
        }

        Assert.Equal(usersBefore, await CountUsersAsync(host));
    }

    private static async Task<int> CountUsersAsync(TestHost host)
    {
        await using var db = await host.DbAsync();
        return await db.Users.CountAsync();
    }
}
