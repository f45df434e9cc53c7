using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Cases;
using DutyDesk.Platform.Shared;
using DutyDesk.Text.Sentiment;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DutyDesk.Opinion.Features.Items;

internal static class ItemEndpoints
{
    public sealed record SentimentBody(SentimentLabel Sentiment);

    public static RouteGroupBuilder MapItems(this RouteGroupBuilder api)
    {
        api.MapGet("/units/{unitId:guid}/items", async (
                HttpContext http, Guid unitId, ItemQueries handler, Guid? schemeId, Guid? sourceId, SentimentLabel? sentiment, IncidentLevelCode? level,
                DateTime? from, DateTime? to, string? words, bool? matchedOnly, Guid? caseId, int? page, int? pageSize)
            => ApiResults.From(await handler.ListAsync(
                await ApiResults.ActorAsync(http),
                new ItemFilter(unitId, schemeId, sourceId, sentiment, level, from, to, words, matchedOnly ?? false, caseId, page ?? 1, pageSize ?? 50),
                http.RequestAborted)))
            .WithSummary("舆情信息流（按方案、信息源、情感、级别、日期、词语筛选）");
        api.MapGet("/items/{id:guid}", async (HttpContext http, Guid id, ItemQueries handler)
            => ApiResults.From(await handler.GetAsync(await ApiResults.ActorAsync(http), id, http.RequestAborted)))
            .WithSummary("一条舆情信息及其分析结果");
        api.MapPost("/items/report", async (HttpContext http, ReportCommand body, ReportItem handler)
            => ApiResults.From(await handler.ReportAsync(await ApiResults.ActorAsync(http), body, null, http.RequestAborted)))
            .WithSummary("人工报送舆情信息（网址、内容、发现渠道）");
        api.MapPut("/items/{id:guid}/sentiment", async (HttpContext http, Guid id, SentimentBody body, ItemQueries handler)
            => ApiResults.From(await handler.CorrectSentimentAsync(await ApiResults.ActorAsync(http), id, body.Sentiment, http.RequestAborted)))
            .WithSummary("更正情感倾向（保留机器判断，更正用于本单位模型再训练）");
        api.MapGet("/units/{unitId:guid}/cases", async (HttpContext http, Guid unitId, CaseQueries handler, IncidentLevelCode? level, DateTime? since)
            => ApiResults.From(await handler.ListAsync(await ApiResults.ActorAsync(http), unitId, level, since, http.RequestAborted)))
            .WithSummary("舆情事件及其指标和建议级别");
        api.MapGet("/cases/{id:guid}", async (HttpContext http, Guid id, CaseQueries handler)
            => ApiResults.From(await handler.GetAsync(await ApiResults.ActorAsync(http), id, http.RequestAborted)))
            .WithSummary("一个舆情事件");
        return api;
    }
}
