using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DutyDesk.Opinion.Features.Grading;

/// <summary>A unit's grading as the API takes it: the four thresholds, the three lists, and the version last read (null when the unit has no own row).</summary>
public sealed record GradingBody(
    int GeneralUpTo, int LargerFrom, int DozensOfComments, int FastSpreadItemsPerHour,
    IReadOnlyList<string>? KeyAreaWords, IReadOnlyList<string>? SevereWords, IReadOnlyList<string>? MainstreamDomains, Guid? Version)
{
    public GradingInput ToInput() => new(GeneralUpTo, LargerFrom, DozensOfComments, FastSpreadItemsPerHour, KeyAreaWords, SevereWords, MainstreamDomains);
}

internal static class GradingEndpoints
{
    public static IServiceCollection AddGrading(this IServiceCollection services) => services.AddTransient<ManageGrading>();

    public static RouteGroupBuilder MapGrading(this RouteGroupBuilder api)
    {
        api.MapGet("/grading/{unitId:guid}", async (HttpContext http, Guid unitId, ManageGrading handler)
            => ApiResults.From(await handler.GetAsync(await ApiResults.ActorAsync(http), unitId, http.RequestAborted)))
            .WithSummary("单位的舆情分级标准（生效的数值及其来源：本单位、上级单位或系统默认）");
        api.MapPut("/grading/{unitId:guid}", async (HttpContext http, Guid unitId, GradingBody body, ManageGrading handler)
            => ApiResults.From(await handler.SaveAsync(await ApiResults.ActorAsync(http), unitId, body.ToInput(), body.Version, http.RequestAborted)))
            .WithSummary("保存本单位的舆情分级标准，并按新标准重新评估近期事件的建议级别");
        api.MapDelete("/grading/{unitId:guid}", async (HttpContext http, Guid unitId, Guid? version, ManageGrading handler)
            => ApiResults.From(await handler.ResetAsync(await ApiResults.ActorAsync(http), unitId, version, http.RequestAborted)))
            .WithSummary("删除本单位的分级标准，改用上级单位或系统默认的设置");
        return api;
    }
}
