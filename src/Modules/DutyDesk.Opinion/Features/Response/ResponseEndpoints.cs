using System.Globalization;
using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Files;
using DutyDesk.Platform.Results;
using DutyDesk.Opinion.Features.Response.Statements;
using DutyDesk.Opinion.Features.Response.Review;
using DutyDesk.Platform.Shared;
using DutyDesk.Platform.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DutyDesk.Opinion.Features.Response;

/// <summary>A level change as the API takes it: the new level, the reason, and the case's version last read.</summary>
public sealed record LevelBody(IncidentLevelCode? Level, string? Reason, Guid Version);

/// <summary>A move of the procedure: which, the words it puts on record, and the case's version last read.</summary>
public sealed record MoveBody(CaseTrigger Trigger, string? Note, Guid Version);

internal static class ResponseEndpoints
{
    public static IServiceCollection AddResponse(this IServiceCollection services) => services
        .AddTransient<ManageCases>()
        .AddTransient<ResponseQueries>()
        .AddSingleton<CaseAlerts>()
        .AddTransient<CaseActions>()
        .AddScoped<CountdownTicker>()
        .AddSingleton<IOverdueEscalation, DeadlineEscalation>()
        .AddStatements()
        .AddReview();

    public static RouteGroupBuilder MapResponse(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/response/cases");
        cases.MapGet("/", async (HttpContext http, Guid? unitId, bool? closed, ResponseQueries queries)
            => ApiResults.From(await queries.BoardAsync(await ApiResults.ActorAsync(http), unitId, closed ?? false, http.RequestAborted)))
            .WithSummary("舆情处置事件（未结案的按级别与最近时限排列；closed=true 为已结案）");
        cases.MapGet("/{id:guid}", async (HttpContext http, Guid id, ResponseQueries queries)
            => ApiResults.From(await queries.GetAsync(await ApiResults.ActorAsync(http), id, http.RequestAborted)))
            .WithSummary("处置事件详情：级别及其变更、时限、时间线、当前可执行的步骤");
        cases.MapPost("/", async (HttpContext http, OpenCaseInput body, ManageCases handler)
            => ApiResults.From(await handler.OpenAsync(await ApiResults.ActorAsync(http), body, http.RequestAborted)))
            .WithSummary("开启处置（来自监测事件或人工），并确认级别");
        cases.MapPut("/{id:guid}/level", async (HttpContext http, Guid id, LevelBody body, ManageCases handler)
            => ApiResults.From(await handler.ChangeLevelAsync(await ApiResults.ActorAsync(http), id, body.Level, body.Reason, body.Version, http.RequestAborted)))
            .WithSummary("调整事件级别（须写明理由；时限按新级别自发现起重新计算）");
        cases.MapPost("/{id:guid}/moves", async (HttpContext http, Guid id, MoveBody body, ManageCases handler)
            => ApiResults.From(await handler.MoveAsync(await ApiResults.ActorAsync(http), id, body.Trigger, body.Note, body.Version, http.RequestAborted)))
            .WithSummary("推进处置步骤（监测、快报、会商、跟踪、平息、总结评估、结案）");
        cases.MapGet("/{id:guid}/actions", async (HttpContext http, Guid id, CaseActions actions)
            => ApiResults.From(await actions.ListAsync(await ApiResults.ActorAsync(http), id, http.RequestAborted)))
            .WithSummary("处置措施记录");
        cases.MapPost("/{id:guid}/actions", RecordActionAsync).DisableAntiforgery()
            .WithSummary("记录处置措施（multipart：kind、at、summary、facts、target、contentUrl 与附件 files）；系统不向任何平台发送请求");
        cases.MapGet("/{id:guid}/files/{fileId:guid}", DownloadAsync).WithSummary("处置措施的附件");
        api.MapStatements();
        api.MapReview();
        return api;
    }

    /// <summary>The cookie-authenticated download the case page links to.</summary>
    public static IEndpointRouteBuilder MapResponseFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/opinion/response/{id:guid}/files/{fileId:guid}", DownloadAsync).RequireAuthorization();
        return app;
    }

    public static string FileUrl(Guid caseId, Guid fileId) => $"/opinion/response/{caseId}/files/{fileId}";

    private static async Task<IResult> RecordActionAsync(HttpContext http, Guid id, CaseActions actions)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!Enum.TryParse<CaseActionKind>(form["kind"], ignoreCase: true, out var kind))
        {
            return ApiResults.Problem(Error.Validation("kind", "“措施类型”须是 Investigation、ReportUp、Consultation、MediaInterview、CorrectionRequest、PoliceReport 或 Other。"));
        }

        DateTime? at = null;
        if (!string.IsNullOrEmpty(form["at"]))
        {
            if (!DateTimeOffset.TryParse(form["at"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return ApiResults.Problem(Error.Validation("at", "“发生时间”格式不正确，应如 2026-11-30T09:00:00+08:00。"));
            }

            at = parsed.UtcDateTime;
        }

        var uploads = form.Files.Select(f => new ActionUpload(f.FileName, f.OpenReadStream())).ToList();
        try
        {
            var input = new RecordActionInput(kind, at, form["summary"], form["facts"], form["target"], form["contentUrl"]);
            return ApiResults.From(await actions.RecordAsync(await ApiResults.ActorAsync(http), id, input, uploads, http.RequestAborted), actionId => TypedResults.Ok(new { actionId }));
        }
        finally
        {
            foreach (var upload in uploads)
            {
                await upload.Content.DisposeAsync();
            }
        }
    }

    private static async Task<IResult> DownloadAsync(HttpContext http, Guid id, Guid fileId, CaseActions actions, FileStore files)
    {
        var file = await actions.GetFileAsync(await ApiResults.ActorAsync(http), id, fileId, http.RequestAborted);
        if (!file.IsSuccess)
        {
            return ApiResults.Problem(file.Error!);
        }

        var stream = files.OpenRead(file.Value.Sha256);
        return stream is null ? ApiResults.Problem(Error.NotFound("附件内容")) : TypedResults.File(stream, file.Value.ContentType, file.Value.FileName);
    }
}
