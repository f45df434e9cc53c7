using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DutyDesk.Opinion.Features.Periods;

/// <summary>A sensitive period as the API takes it: times with their offset (stored as UTC), factors 0.1–1.0 (0.5 when left out).</summary>
public sealed record PeriodBody(
    string? Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt, double? DeadlineFactor = null, double? MonitoringFactor = null, string? Note = null, Guid? Version = null)
{
    public PeriodInput ToInput() => new(
        Name, StartsAt.UtcDateTime, EndsAt.UtcDateTime, DeadlineFactor ?? SensitivePeriod.DefaultFactor, MonitoringFactor ?? SensitivePeriod.DefaultFactor, Note);
}

internal static class PeriodEndpoints
{
    public static IServiceCollection AddPeriods(this IServiceCollection services) => services.AddTransient<ManagePeriods>();

    public static RouteGroupBuilder MapPeriods(this RouteGroupBuilder api)
    {
        var periods = api.MapGroup("/periods");
        periods.MapGet("/{unitId:guid}", async (HttpContext http, Guid unitId, DateTimeOffset? from, DateTimeOffset? to, ManagePeriods handler)
            => ApiResults.From(await handler.ListAsync(await ApiResults.ActorAsync(http), unitId, from?.UtcDateTime, to?.UtcDateTime, http.RequestAborted)))
            .WithSummary("适用于单位的敏感时期（本单位及上级单位设置的）和当前生效的一个");
        periods.MapPost("/{unitId:guid}", async (HttpContext http, Guid unitId, PeriodBody body, ManagePeriods handler)
            => ApiResults.From(await handler.CreateAsync(await ApiResults.ActorAsync(http), unitId, body.ToInput(), http.RequestAborted),
                id => TypedResults.Created($"/api/v1/opinion/periods/{unitId}", new { id })))
            .WithSummary("新增敏感时期（适用于本单位及下级单位）");
        periods.MapPut("/{id:guid}", async (HttpContext http, Guid id, PeriodBody body, ManagePeriods handler)
            => ApiResults.From(await handler.UpdateAsync(await ApiResults.ActorAsync(http), id, body.ToInput(), body.Version ?? Guid.Empty, http.RequestAborted)))
            .WithSummary("修改敏感时期");
        periods.MapDelete("/{id:guid}", async (HttpContext http, Guid id, Guid version, ManagePeriods handler)
            => ApiResults.From(await handler.DeleteAsync(await ApiResults.ActorAsync(http), id, version, http.RequestAborted)))
            .WithSummary("取消敏感时期");
        return api;
    }
}
