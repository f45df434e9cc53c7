using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Sources;
using DutyDesk.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests.Opinion;

/// <summary>Sources set up through the handler, as a configurer would, and what they hold afterwards.</summary>
internal static class IntakeTestData
{
    public static async Task<Guid> CreateSourceAsync(TestHost host, string name, SourceKind kind, string? url = null, string? settings = null,
        string user = "yz.office", string unit = "第一中学", int pollMinutes = 15)
    {
        var created = await host.Get<ManageSources>().CreateAsync(
            await host.ActorAsync(user), new SourceCommand(await host.UnitIdAsync(unit), name, kind, url, settings, pollMinutes));
        Assert.True(created.IsSuccess, created.Error?.Message);
        return created.Value;
    }

    public static async Task<List<Item>> ItemsAsync(TestHost host, Guid sourceId)
    {
        await using var db = await host.DbAsync();
        return await db.Set<Item>().AsNoTracking().Where(i => i.SourceId == sourceId).OrderBy(i => i.Title).ToListAsync();
    }

    public static async Task<Source> SourceAsync(TestHost host, Guid sourceId)
    {
        await using var db = await host.DbAsync();
        return await db.Set<Source>().AsNoTracking().SingleAsync(s => s.Id == sourceId);
    }

    public static async Task<List<string?>> AuditDetailsAsync(TestHost host, string action)
    {
        await using var db = await host.DbAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Action == action).OrderBy(a => a.Sequence).Select(a => a.Detail).ToListAsync();
    }
}
