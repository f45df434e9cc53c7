using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DutyDesk.Platform.Features.Tokens;

internal static class TokenEndpoints
{
    public static void MapTokens(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tokens").WithTags("API令牌");
        group.MapGet("/", async (HttpContext http, ManageTokens handler) => TypedResults.Ok(await handler.ListAsync(await ApiResults.ActorAsync(http), http.RequestAborted)));
        group.MapDelete("/{id:guid}", async (HttpContext http, Guid id, ManageTokens handler)
            => ApiResults.From(await handler.RevokeAsync(await ApiResults.ActorAsync(http), id, http.RequestAborted)));
    }
}
