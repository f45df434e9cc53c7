using DutyDesk.Opinion.Jobs;
using DutyDesk.Platform;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DutyDesk.Opinion.Features.Sources;

/// <summary>The ways items come in besides manual reports: vendor push, file import, and the poller of feeds and JSON sources.</summary>
internal static class IntakeEndpoints
{
    public static IServiceCollection AddIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTransient<ReceivePush>();
        services.AddTransient<ImportItems>();
        services.Configure<PollerOptions>(configuration.GetSection(PollerOptions.Section));
        services.AddSingleton<HostPacer>();
        services.AddTransient<SourcePoller>();
        services.AddHttpClient(SourcePoller.ClientName, c =>
            {
                // The poller's own deadline covers connection, headers and body alike.
                c.Timeout = Timeout.InfiniteTimeSpan;
                c.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", SourcePoller.UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(PrimaryHandler);
        services.AddPeriodicJob<SourcePoller>(configuration, (work, ct) => work.RunOnceAsync(ct),
            sp => TimeSpan.FromSeconds(Math.Max(5, sp.GetRequiredService<IOptions<PollerOptions>>().Value.IntervalSeconds)));
        return services;
    }

    private static HttpMessageHandler PrimaryHandler(IServiceProvider services)
    {
        if (OperatingSystem.IsBrowser())
        {
            throw new PlatformNotSupportedException("Sources are polled by the server.");
        }

        return PollerHandler.Create(services.GetRequiredService<IOptions<PollerOptions>>().Value.AllowPrivateAddresses);
    }

    public static RouteGroupBuilder MapIntake(this RouteGroupBuilder api)
    {
        // The body is read as bytes by the handler, never bound: the signature is over the exact bytes sent.
        api.MapPost("/sources/{id:guid}/push", async (HttpContext http, Guid id, ReceivePush handler)
                => ApiResults.From(await handler.HandleAsync(
                    await ApiResults.ActorAsync(http), id, http.Request.Body, http.Request.Headers[ReceivePush.SignatureHeader].ToString(), http.RequestAborted)))
            .WithSummary("监测服务商推送舆情信息：{\"items\":[{id,url,title,text,published,site,reads,comments,reposts}]}，每批最多 1000 条、5 MB；"
                         + "请求头 X-DutyDesk-Signature: sha256=<以推送密钥对请求体计算的 HMAC-SHA256>；重复推送不会重复入库");
        api.MapPost("/units/{unitId:guid}/items/import", async (HttpContext http, Guid unitId, [FromForm] Guid? sourceId, IFormFile file, ImportItems handler) =>
            {
                await using var stream = file.OpenReadStream();
                var result = await handler.HandleAsync(await ApiResults.ActorAsync(http), unitId, sourceId, stream, file.FileName, http.RequestAborted);
                return result.IsSuccess && !result.Value.Imported ? RowProblems(result.Value.Problems) : ApiResults.From(result);
            })
            .DisableAntiforgery()
            .WithSummary("导入舆情信息文件（multipart：file 为 .csv/.xlsx/.json，可选 sourceId 为“文件导入”类型信息源）；有任何一行出错则不导入并列出全部错误");
        return api;
    }

    private static ProblemHttpResult RowProblems(IReadOnlyList<ImportProblem> problems)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = ApiResults.TitleFor(StatusCodes.Status400BadRequest),
            Detail = $"有 {problems.Count} 处错误，未导入任何数据：" + string.Join("；", problems.Take(3).Select(p => p.Text)) + (problems.Count > 3 ? "……" : ""),
            Type = "about:blank",
        };
        problem.Extensions["code"] = "validation";
        problem.Extensions["rows"] = problems.Select(p => new { row = p.Row, column = p.Column, message = p.Text }).ToList();
        return TypedResults.Problem(problem);
    }
}
