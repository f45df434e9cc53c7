using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Schemes;
using DutyDesk.Opinion.Features.Sources;
using DutyDesk.Opinion.Ingest;

namespace DutyDesk.Integration.Tests.Opinion;

/// <summary>Sources, schemes and posts for the monitoring tests, made through the handlers as a person would.</summary>
internal static class OpinionTestData
{
    public static async Task<Guid> SourceAsync(TestHost host, string name = "测试推送", string unit = "第一中学", string user = "yz.office", SourceKind kind = SourceKind.Push)
    {
        var result = await host.Get<ManageSources>().CreateAsync(await host.ActorAsync(user), new SourceCommand(await host.UnitIdAsync(unit), name, kind, null, null, 15));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    public static async Task<Guid> SchemeAsync(TestHost host, string name, string subjects, string? events = null, string? exclusions = null, string unit = "第一中学")
    {
        var result = await host.Get<ManageSchemes>().CreateAsync(
            await host.ActorAsync("yz.office"),
            new SchemeCommand(await host.UnitIdAsync(unit), name, SchemeMode.Groups, subjects, null, events, exclusions, null, false, null));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    public static IncomingItem Post(string text, string? id = null, string? url = null, long comments = 0, string? site = null)
        => new(id, url, null, text, Site: site, Comments: comments);
}
