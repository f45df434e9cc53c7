using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Response.Review;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DutyDesk.Opinion.Features.Response;

/// <summary>A level change as the API takes it: the new level, the reason, and the case's version last read.</summary>
public sealed record LevelBody(IncidentLevelCode? Level, string? Reason, Guid Version);

/// <summary>A move of the procedure: which, the words it puts on record, and the case's version last read.</summary>
public sealed record MoveBody(CaseTrigger Trigger, string? Note, Guid Version);

internal static class ResponseEndpoints
{
    public static IServiceCollection AddResponse(this IServiceCollection services) => services
        .AddTransient<ManageCases>()
        .AddTransient<ResponseQueries>()
        .AddTransient<CaseAlerts>()
        .AddReview();

    public static RouteGroupBuilder MapResponse(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/response/cases");
        cases.MapGet("/", async (HttpContext http, Guid? unitId, bool? closed, ResponseQueries queries)
            => ApiResults.From(await queries.BoardAsync(await ApiResults.ActorAsync(http), unitId, closed ?? false, http.RequestAborted)))
            .WithSummary("舆情处置事件（未结案的按级别与最近时限排列；closed=true 为已结案）");
        cases.MapGet("/{id:guid}", async (HttpContext http, Guid id, ResponseQueries queries)
            => ApiResults.From(await queries.GetAsync(await ApiResults.ActorAsync(http), id, http.RequestAborted)))
            .WithSummary("处置事件详情：级别及其变更、时限、时间线、当前可执行的步骤");
        cases.MapPost("/", async (HttpContext http, OpenCaseInput body, ManageCases handler)
            => ApiResults.From(await handler.OpenAsync(await ApiResults.ActorAsync(http), body, http.RequestAborted)))
            .WithSummary("开启处置（来自监测事件或人工），并确认级别");
        cases.MapPut("/{id:guid}/level", async (HttpContext http, Guid id, LevelBody body, ManageCases handler)
            => ApiResults.From(await handler.ChangeLevelAsync(await ApiResults.ActorAsync(http), id, body.Level, body.Reason, body.Version, http.RequestAborted)))
            .WithSummary("调整事件级别（须写明理由；时限按新级别自发现起重新计算）");
        cases.MapPost("/{id:guid}/moves", async (HttpContext http, Guid id, MoveBody body, ManageCases handler)
            => ApiResults.From(await handler.MoveAsync(await ApiResults.ActorAsync(http), id, body.Trigger, body.Note, body.Version, http.RequestAborted)))
            .WithSummary("推进处置步骤（监测、快报、会商、跟踪、平息、总结评估、结案）");
        api.MapReview();
        return api;
    }
}
