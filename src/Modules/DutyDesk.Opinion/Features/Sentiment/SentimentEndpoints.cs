using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DutyDesk.Opinion.Features.Sentiment;

internal static class SentimentEndpoints
{
    public static RouteGroupBuilder MapSentimentModel(this RouteGroupBuilder api)
    {
        api.MapGet("/units/{unitId:guid}/sentiment-model", async (HttpContext http, Guid unitId, RetrainSentiment handler)
            => ApiResults.From(await handler.StatusAsync(await ApiResults.ActorAsync(http), unitId, http.RequestAborted)))
            .WithSummary("本单位情感模型：更正条数、是否使用自有模型及其训练结果");
        api.MapPost("/units/{unitId:guid}/sentiment-model/retrain", async (HttpContext http, Guid unitId, RetrainSentiment handler)
            => ApiResults.From(await handler.RetrainAsync(await ApiResults.ActorAsync(http), unitId, http.RequestAborted)))
            .WithSummary("用本单位更正过的信息再训练情感模型");
        api.MapDelete("/units/{unitId:guid}/sentiment-model", async (HttpContext http, Guid unitId, RetrainSentiment handler)
            => ApiResults.From(await handler.ResetAsync(await ApiResults.ActorAsync(http), unitId, http.RequestAborted)))
            .WithSummary("恢复默认情感模型");
        return api;
    }
}
