using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DutyDesk.Platform.Features.Audit;

internal static class AuditEndpoints
{
    public static void MapAudit(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/audit").WithTags("审计");
        group.MapGet("/", async (HttpContext http, DateTime? from, DateTime? to, string? userName, string? action, AuditOutcome? outcome, string? text, int? page, int? pageSize, QueryAudit handler)
                => ApiResults.From(await handler.HandleAsync(await ApiResults.ActorAsync(http), new AuditFilter(from, to, userName, action, outcome, text, page ?? 1, pageSize ?? 50), http.RequestAborted)))
            .WithSummary("查询审计日志（审计员）");
        group.MapGet("/export", async (HttpContext http, DateTime? from, DateTime? to, string? userName, string? action, AuditOutcome? outcome, string? text, QueryAudit handler)
                => ApiResults.From(await handler.ExportCsvAsync(await ApiResults.ActorAsync(http), new AuditFilter(from, to, userName, action, outcome, text), http.RequestAborted),
                    bytes => TypedResults.File(bytes, "text/csv; charset=utf-8", "audit-log.csv")))
            .WithSummary("导出审计日志 CSV（审计员）");
    }
}
