using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DutyDesk.Platform.Features.Units;

internal static class UnitEndpoints
{
    public sealed record RenameBody(string Name, Guid Version);

    public sealed record MoveBody(Guid NewParentId, Guid Version);

    public sealed record VersionBody(Guid Version);

    public static void MapUnits(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/units").WithTags("单位");
        group.MapGet("/", async (HttpContext http, ListUnits handler) => TypedResults.Ok(await handler.HandleAsync(await ApiResults.ActorAsync(http), http.RequestAborted)))
            .WithSummary("列出可见的单位（本单位及下级）");
        group.MapPost("/", async (HttpContext http, CreateUnitCommand body, CreateUnit handler)
                => ApiResults.From(await handler.HandleAsync(await ApiResults.ActorAsync(http), body, http.RequestAborted), u => TypedResults.Created($"/api/v1/units/{u.Id}", u)))
            .WithSummary("新建下级单位（系统管理员）");
        group.MapPut("/{id:guid}/name", async (HttpContext http, Guid id, RenameBody body, ChangeUnit handler)
            => ApiResults.From(await handler.RenameAsync(await ApiResults.ActorAsync(http), new RenameUnitCommand(id, body.Name, body.Version), http.RequestAborted)));
        group.MapPost("/{id:guid}/move", async (HttpContext http, Guid id, MoveBody body, ChangeUnit handler)
            => ApiResults.From(await handler.MoveAsync(await ApiResults.ActorAsync(http), new MoveUnitCommand(id, body.NewParentId, body.Version), http.RequestAborted)));
        group.MapPost("/{id:guid}/disable", async (HttpContext http, Guid id, VersionBody body, ChangeUnit handler)
            => ApiResults.From(await handler.SetDisabledAsync(await ApiResults.ActorAsync(http), new SetUnitDisabledCommand(id, true, body.Version), http.RequestAborted)));
        group.MapPost("/{id:guid}/enable", async (HttpContext http, Guid id, VersionBody body, ChangeUnit handler)
            => ApiResults.From(await handler.SetDisabledAsync(await ApiResults.ActorAsync(http), new SetUnitDisabledCommand(id, false, body.Version), http.RequestAborted)));
    }
}
