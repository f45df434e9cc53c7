using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DutyDesk.Opinion.Features.Response.Review;

/// <summary>Finalising: the review's version last read.</summary>
public sealed record FinaliseBody(Guid Version);

/// <summary>Withdrawing an improvement: the version of its task last read, and why.</summary>
public sealed record WithdrawImprovementBody(Guid Version, string? Reason);

internal static class ReviewEndpoints
{
    public static IServiceCollection AddReview(this IServiceCollection services)
    {
        AuditActions.Register(ReviewAudit.Names);
        return services
            .AddTransient<ManageReview>()
            .AddTransient<ReviewQueries>()
            .AddTransient<ExportReview>();
    }

    /// <summary>The API under /response/cases/{id}/review (the group is the module's /api/v1/opinion).</summary>
    public static RouteGroupBuilder MapReview(this RouteGroupBuilder api)
    {
        var review = api.MapGroup("/response/cases/{id:guid}");
        review.MapGet("/review", async (HttpContext http, Guid id, ReviewQueries queries)
            => ApiResults.From(await queries.GetAsync(await ApiResults.ActorAsync(http), id, http.RequestAborted)))
            .WithSummary("总结评估：自动汇集的时间线、各项用时、时限执行情况、评价与改进措施");
        review.MapPut("/review", async (HttpContext http, Guid id, ReviewInput body, ManageReview handler)
            => ApiResults.From(await handler.SaveAsync(await ApiResults.ActorAsync(http), id, body, http.RequestAborted)))
            .WithSummary("保存总结评估草稿（事件处于善后或总结评估步骤；version 为上次读取的总结评估 version，首次保存为空）");
        review.MapPost("/review/improvements", async (HttpContext http, Guid id, ImprovementInput body, ManageReview handler)
            => ApiResults.From(await handler.AddImprovementAsync(await ApiResults.ActorAsync(http), id, body, http.RequestAborted)))
            .WithSummary("布置改进措施（为责任人生成待办任务）");
        review.MapPut("/review/improvements/{improvementId:guid}", async (HttpContext http, Guid id, Guid improvementId, ImprovementInput body, ManageReview handler)
            => ApiResults.From(await handler.ChangeImprovementAsync(await ApiResults.ActorAsync(http), id, improvementId, body, http.RequestAborted)))
            .WithSummary("修改改进措施（定稿前、待办未完成时；内容、责任人、期限同步到待办；version 为待办的 version）");
        review.MapPost("/review/improvements/{improvementId:guid}/withdraw", async (HttpContext http, Guid id, Guid improvementId, WithdrawImprovementBody body, ManageReview handler)
            => ApiResults.From(await handler.WithdrawImprovementAsync(await ApiResults.ActorAsync(http), id, improvementId, body.Version, body.Reason, http.RequestAborted)))
            .WithSummary("撤销改进措施（定稿前、待办未完成时；须写明理由，待办随之取消）");
        review.MapPost("/review/finalise", async (HttpContext http, Guid id, FinaliseBody body, ManageReview handler)
            => ApiResults.From(await handler.FinaliseAsync(await ApiResults.ActorAsync(http), id, body.Version, http.RequestAborted)))
            .WithSummary("总结评估定稿（第一责任人、分管领导；定稿后不能修改，事件方可结案）");
        review.MapGet("/review.docx", ExportAsync).WithSummary("导出总结评估 Word 文档");
        return api;
    }

    /// <summary>Cookie-authenticated download for the case page.</summary>
    public static IEndpointRouteBuilder MapReviewDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet("/opinion/response/cases/{id:guid}/review.docx", ExportAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> ExportAsync(HttpContext http, Guid id, ExportReview handler)
        => ApiResults.From(await handler.HandleAsync(await ApiResults.ActorAsync(http), id, http.RequestAborted),
            file => TypedResults.File(file.Content, ReviewFile.ContentType, file.FileName));
}
