using System.Text.Json;
using AntDesign;
using DutyDesk.Opinion;
using DutyDesk.Platform;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Shared;
using DutyDesk.Responsibility;
using DutyDesk.Web.Components;
using DutyDesk.Web.Components.Account;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DutyDesk.Web;

/// <summary>The host's composition: platform and modules, Blazor, API documents, health.</summary>
public static class WebSetup
{
    public static IServiceCollection AddDutyDeskWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPlatform(configuration);
        services.AddResponsibility(configuration);
        services.AddOpinion(configuration);
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddAntDesign();
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddSingleton<AccountAudit>();
        services.AddScoped<CircuitSession>();
        services.AddScoped<CircuitHandler, IdleCircuitHandler>();
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "责任台 DutyDesk API";
            document.Info.Description = "集成接口：使用个人 API 令牌（Authorization: Bearer ddt_…），权限与令牌所有者的单位范围一致。错误以中文 ProblemDetails 返回。";
            return Task.CompletedTask;
        }));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            context.ProblemDetails.Title = ApiResults.TitleFor(status);
            if (context.Exception is BadHttpRequestException bad)
            {
                context.ProblemDetails.Detail = "请求格式不正确：" + (bad.InnerException?.Message ?? bad.Message);
            }
            else if (status >= 500)
            {
                context.ProblemDetails.Detail = "服务器处理请求时出错，已记录日志。请稍后重试或联系系统管理员。";
            }
        });
        // Enums travel as their names ("SecurityAdmin"), which integrators can read.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = 25 * 1024 * 1024);

        // Behind the reverse proxy operations.md describes: trust its X-Forwarded-For/-Proto, and only its.
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in (configuration["DutyDesk:ReverseProxy:KnownProxies"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        return services;
    }

    public static WebApplication UseDutyDeskWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        // Before authorization: a one-time password is changed first, whatever page was asked for.
        app.UseMiddleware<AccountGate>();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();

        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapPlatform();
        app.MapResponsibility();
        app.MapOpinion();
        app.MapAccountEndpoints();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .AddAdditionalAssemblies(typeof(PlatformModule).Assembly, typeof(ResponsibilityModule).Assembly, typeof(OpinionModule).Assembly);
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        var provider = context.RequestServices.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                provider = e.Key == "database" ? provider.ToString() : null,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                error = e.Value.Exception?.GetType().Name,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
