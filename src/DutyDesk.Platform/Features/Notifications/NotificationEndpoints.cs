using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DutyDesk.Platform.Features.Notifications;

internal static class NotificationEndpoints
{
    public static void MapNotifications(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/notifications").WithTags("通知");
        group.MapGet("/", async (HttpContext http, NotificationQueries handler) => TypedResults.Ok(await handler.ListAsync(await ApiResults.ActorAsync(http), 50, http.RequestAborted)));
        group.MapGet("/unread-count", async (HttpContext http, NotificationQueries handler) => TypedResults.Ok(new { count = await handler.UnreadCountAsync(await ApiResults.ActorAsync(http), http.RequestAborted) }));
    }
}
