using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DutyDesk.Opinion.Features.Schemes;

internal static class SchemeEndpoints
{
    public sealed record UpdateBody(SchemeCommand Scheme, bool Active, Guid Version);

    public sealed record PreviewBody(SchemeCommand Scheme, string? Text);

    public static RouteGroupBuilder MapSchemes(this RouteGroupBuilder api)
    {
        api.MapGet("/units/{unitId:guid}/schemes", async (HttpContext http, Guid unitId, ManageSchemes handler)
            => ApiResults.From(await handler.ListAsync(await ApiResults.ActorAsync(http), unitId, http.RequestAborted)))
            .WithSummary("单位的监测方案（含近 30 天命中数）");
        api.MapGet("/schemes/{id:guid}", async (HttpContext http, Guid id, ManageSchemes handler)
            => ApiResults.From(await handler.GetAsync(await ApiResults.ActorAsync(http), id, http.RequestAborted)))
            .WithSummary("一个监测方案");
        api.MapPost("/schemes", async (HttpContext http, SchemeCommand body, ManageSchemes handler)
            => ApiResults.From(await handler.CreateAsync(await ApiResults.ActorAsync(http), body, http.RequestAborted), id => TypedResults.Created($"/api/v1/opinion/schemes/{id}", new { id })))
            .WithSummary("新建监测方案（分组词或高级表达式；语法错误返回中文说明和位置）");
        api.MapPut("/schemes/{id:guid}", async (HttpContext http, Guid id, UpdateBody body, ManageSchemes handler)
            => ApiResults.From(await handler.UpdateAsync(await ApiResults.ActorAsync(http), new UpdateSchemeCommand(id, body.Scheme, body.Active, body.Version), http.RequestAborted)))
            .WithSummary("修改或停用监测方案");
        api.MapPost("/schemes/preview/text", (PreviewBody body) => ApiResults.From(ManageSchemes.PreviewText(body.Scheme, body.Text)))
            .WithSummary("保存前试匹配：粘贴的文本");
        api.MapPost("/schemes/preview/stored", async (HttpContext http, SchemeCommand body, ManageSchemes handler)
            => ApiResults.From(await handler.PreviewStoredAsync(await ApiResults.ActorAsync(http), body, http.RequestAborted)))
            .WithSummary("保存前试匹配：本单位近 30 天的信息");
        return api;
    }
}
