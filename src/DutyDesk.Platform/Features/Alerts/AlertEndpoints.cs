using DutyDesk.Platform.Alerts;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DutyDesk.Platform.Features.Alerts;

internal static class AlertEndpoints
{
    public sealed record AckBody(string? Note);

    public static void MapAlerts(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/alerts").WithTags("预警");
        group.MapGet("/", async (HttpContext http, AlertListScope? scope, AlertState? state, AlertQueries handler)
                => TypedResults.Ok(await handler.ListAsync(await ApiResults.ActorAsync(http), new AlertFilter(scope ?? AlertListScope.Mine, state), http.RequestAborted)))
            .WithSummary("预警列表：scope=Mine（发给我的）或 Units（本单位），state=Open / Acknowledged / Exhausted");
        group.MapGet("/{id:guid}", async (HttpContext http, Guid id, AlertQueries handler)
            => ApiResults.From(await handler.GetAsync(await ApiResults.ActorAsync(http), id, http.RequestAborted)));
        group.MapPost("/{id:guid}/ack", async (HttpContext http, Guid id, AckBody? body, AcknowledgeAlert handler)
                => ApiResults.From(await handler.HandleAsync(await ApiResults.ActorAsync(http), new AcknowledgeAlertCommand(id, body?.Note), http.RequestAborted)))
            .WithSummary("确认收到预警（可附说明），升级随即停止");
    }
}
