using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DutyDesk.Responsibility.Features.Assessment;

internal static class AssessmentEndpoints
{
    public sealed record AdjustmentBody(decimal Points, string? Reason, Guid Version);

    public sealed record MeasureBody(string? Measure, Guid Version);

    public sealed record VersionBody(Guid Version);

    public static IServiceCollection AddAssessment(this IServiceCollection services)
    {
        services.AddOptions<AssessmentOptions>().BindConfiguration(AssessmentOptions.Section)
            .Validate(o => o.IsValid, $"{AssessmentOptions.Section} 的各项权重不能为负数，且合计须大于 0。")
            .ValidateOnStart();
        return services.AddTransient<ManageAssessment>().AddTransient<ManageAccountability>();
    }

    public static RouteGroupBuilder MapAssessment(this RouteGroupBuilder api)
    {
        var assessments = api.MapGroup("/assessments").WithTags("年度考核");
        assessments.MapGet("/", async (HttpContext http, Guid unitId, int year, ManageAssessment handler)
            => ApiResults.From(await handler.GetAsync(await ApiResults.ActorAsync(http), unitId, year, http.RequestAborted)))
            .WithSummary("单位某年度的考核（未保存时为按当前记录计算的预览）");
        assessments.MapPost("/compute", async (HttpContext http, RefreshAssessmentCommand body, ManageAssessment handler)
            => ApiResults.From(await handler.RefreshAsync(await ApiResults.ActorAsync(http), body, http.RequestAborted), id => TypedResults.Ok(new { id })))
            .WithSummary("计算或重新计算得分并保存为草稿（已有草稿时须带 version）");
        assessments.MapPost("/{id:guid}/adjustments", async (HttpContext http, Guid id, AdjustmentBody body, ManageAssessment handler)
            => ApiResults.From(await handler.AddAdjustmentAsync(await ApiResults.ActorAsync(http), new AddAdjustmentCommand(id, body.Points, body.Reason, body.Version), http.RequestAborted)))
            .WithSummary("人工加减分（须写明理由）");
        assessments.MapPut("/{id:guid}/measure", async (HttpContext http, Guid id, MeasureBody body, ManageAssessment handler)
            => ApiResults.From(await handler.SetMeasureAsync(await ApiResults.ActorAsync(http), new SetMeasureCommand(id, body.Measure, body.Version), http.RequestAborted)))
            .WithSummary("确定处理措施（空为不采取措施）");
        assessments.MapPost("/{id:guid}/confirm", async (HttpContext http, Guid id, VersionBody body, ManageAssessment handler)
            => ApiResults.From(await handler.ConfirmAsync(await ApiResults.ActorAsync(http), new ConfirmAssessmentCommand(id, body.Version), http.RequestAborted)))
            .WithSummary("确定考核结果（此后不可修改）");

        var accountability = api.MapGroup("/accountability").WithTags("责任追究");
        accountability.MapGet("/", async (HttpContext http, Guid unitId, int year, ManageAccountability handler)
            => ApiResults.From(await handler.ListAsync(await ApiResults.ActorAsync(http), unitId, year, http.RequestAborted)));
        accountability.MapPost("/", async (HttpContext http, CreateAccountabilityCommand body, ManageAccountability handler)
            => ApiResults.From(await handler.CreateAsync(await ApiResults.ActorAsync(http), body, http.RequestAborted),
                id => TypedResults.Created($"/api/v1/responsibility/accountability/{id}", new { id })))
            .WithSummary("登记责任追究（circumstance 为责任书第 1–13 项情形）");
        return api;
    }
}
