using DutyDesk.Platform.Features.Calendar;
using DutyDesk.Platform.Shared;
using DutyDesk.Responsibility.Features.Calendar;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DutyDesk.Responsibility.Features.Obligations;

internal static class ObligationEndpoints
{
    public sealed record AdoptBody(Guid UnitId, Guid? OwnerId);

    public sealed record UpdateBody(ObligationCommand Figures, bool Active, Guid Version);

    public static void MapObligations(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/").WithTags("责任制");
        group.MapGet("/units/{unitId:guid}/obligations", async (HttpContext http, Guid unitId, ManageObligations handler)
            => ApiResults.From(await handler.ListAsync(await ApiResults.ActorAsync(http), unitId, http.RequestAborted)))
            .WithSummary("单位的制度性要求");
        group.MapPost("/obligations/adopt-defaults", async (HttpContext http, AdoptBody body, ManageObligations handler)
            => ApiResults.From(await handler.AdoptDefaultsAsync(await ApiResults.ActorAsync(http), body.UnitId, body.OwnerId, http.RequestAborted)))
            .WithSummary("启用默认制度性要求（已有的不重复），并立即生成近期待办");
        group.MapPost("/obligations", async (HttpContext http, ObligationCommand body, ManageObligations handler)
            => ApiResults.From(await handler.CreateAsync(await ApiResults.ActorAsync(http), body, http.RequestAborted), id => TypedResults.Created($"/api/v1/responsibility/obligations/{id}", new { id })))
            .WithSummary("新增本单位的制度性要求");
        group.MapPut("/obligations/{id:guid}", async (HttpContext http, Guid id, UpdateBody body, ManageObligations handler)
            => ApiResults.From(await handler.UpdateAsync(await ApiResults.ActorAsync(http), new UpdateObligationCommand(id, body.Figures, body.Active, body.Version), http.RequestAborted)))
            .WithSummary("修改或停用制度性要求（停用时取消未到期的待办）");
        group.MapGet("/units/{unitId:guid}/calendar/{year:int}", async (HttpContext http, Guid unitId, int year, UnitCalendar handler)
            => ApiResults.From(await handler.ForYearAsync(await ApiResults.ActorAsync(http), unitId, year, http.RequestAborted)))
            .WithSummary("单位年度合规日历：每次要求的计划日期、到期时间和办理状态");
        group.MapPost("/units/{unitId:guid}/calendar-feed", async (HttpContext http, Guid unitId, TaskCalendarFeed feed)
            => ApiResults.From(await feed.IssueAsync(await ApiResults.ActorAsync(http), unitId, http.RequestAborted)))
            .WithSummary("生成单位日历订阅链接（iCalendar），旧链接随即失效");
        group.MapDelete("/units/{unitId:guid}/calendar-feed", async (HttpContext http, Guid unitId, TaskCalendarFeed feed) =>
        {
            await feed.RevokeAsync(await ApiResults.ActorAsync(http), unitId, http.RequestAborted);
            return TypedResults.NoContent();
        }).WithSummary("停用单位日历订阅链接");
    }
}
