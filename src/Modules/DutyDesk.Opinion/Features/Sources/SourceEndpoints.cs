using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DutyDesk.Opinion.Features.Sources;

internal static class SourceEndpoints
{
    public sealed record UpdateBody(SourceCommand Source, bool Active, Guid Version);

    public static RouteGroupBuilder MapSources(this RouteGroupBuilder api)
    {
        api.MapGet("/units/{unitId:guid}/sources", async (HttpContext http, Guid unitId, ManageSources handler)
            => ApiResults.From(await handler.ListAsync(await ApiResults.ActorAsync(http), unitId, http.RequestAborted)))
            .WithSummary("单位的信息源及其运行状况（最近成功、最近错误、今日条数）");
        api.MapPost("/sources", async (HttpContext http, SourceCommand body, ManageSources handler)
            => ApiResults.From(await handler.CreateAsync(await ApiResults.ActorAsync(http), body, http.RequestAborted), id => TypedResults.Created($"/api/v1/opinion/sources/{id}", new { id })))
            .WithSummary("新建信息源");
        api.MapPut("/sources/{id:guid}", async (HttpContext http, Guid id, UpdateBody body, ManageSources handler)
            => ApiResults.From(await handler.UpdateAsync(await ApiResults.ActorAsync(http), new UpdateSourceCommand(id, body.Source, body.Active, body.Version), http.RequestAborted)))
            .WithSummary("修改或停用信息源");
        api.MapPost("/sources/{id:guid}/push-secret", async (HttpContext http, Guid id, ManageSources handler)
            => ApiResults.From(await handler.IssuePushSecretAsync(await ApiResults.ActorAsync(http), id, http.RequestAborted), secret => TypedResults.Ok(new { secret })))
            .WithSummary("生成推送接口的签名密钥（只显示一次，旧密钥立即失效）");
        return api;
    }
}
