using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DutyDesk.Platform.Features.Users;

internal static class UserEndpoints
{
    public sealed record UpdateBody(string DisplayName, string? Email, string? Phone, Guid Version);

    public static void MapUsers(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("用户");
        group.MapGet("/", async (HttpContext http, Guid? unitId, string? search, ListUsers handler)
            => TypedResults.Ok(await handler.HandleAsync(await ApiResults.ActorAsync(http), new UserFilter(unitId, search), http.RequestAborted)));
        group.MapPost("/", async (HttpContext http, CreateUserCommand body, ManageUsers handler)
                => ApiResults.From(await handler.CreateAsync(await ApiResults.ActorAsync(http), body, http.RequestAborted), u => TypedResults.Created($"/api/v1/users/{u.UserId}", u)))
            .WithSummary("新建用户（系统管理员）；返回只显示一次的一次性密码");
        group.MapPut("/{id:guid}", async (HttpContext http, Guid id, UpdateBody body, ManageUsers handler)
            => ApiResults.From(await handler.UpdateAsync(await ApiResults.ActorAsync(http), new UpdateUserCommand(id, body.DisplayName, body.Email, body.Phone, body.Version), http.RequestAborted)));
        group.MapPost("/{id:guid}/disable", async (HttpContext http, Guid id, ManageUsers handler)
            => ApiResults.From(await handler.SetDisabledAsync(await ApiResults.ActorAsync(http), id, true, http.RequestAborted)));
        group.MapPost("/{id:guid}/enable", async (HttpContext http, Guid id, ManageUsers handler)
            => ApiResults.From(await handler.SetDisabledAsync(await ApiResults.ActorAsync(http), id, false, http.RequestAborted)));
        group.MapPost("/{id:guid}/roles", async (HttpContext http, Guid id, GrantBody body, ManageRoles handler)
                => ApiResults.From(await handler.GrantAsync(await ApiResults.ActorAsync(http), new GrantRoleCommand(id, body.UnitId, body.Role), http.RequestAborted)))
            .WithSummary("授予角色（安全管理员）");
        group.MapDelete("/roles/{assignmentId:guid}", async (HttpContext http, Guid assignmentId, ManageRoles handler)
                => ApiResults.From(await handler.RevokeAsync(await ApiResults.ActorAsync(http), assignmentId, http.RequestAborted)))
            .WithSummary("撤销角色（安全管理员）");
    }

    public sealed record GrantBody(Guid UnitId, Identity.Role Role);
}
