using DutyDesk.Platform.Shared;
using DutyDesk.Responsibility.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DutyDesk.Responsibility.Features.Letters;

/// <summary>目标管理责任书: its handlers, its API under /api/v1/responsibility/letters and the page's Word download.</summary>
public static class LettersFeature
{
    public const string DownloadPrefix = "/responsibility/letters/";

    public sealed record TemplateBody(LetterContent Content, Guid? Version);

    public sealed record DraftBody(LetterContent Content, Guid Version);

    public sealed record VersionBody(Guid Version);

    public sealed record SignersBody(IReadOnlyList<SignerInput> Signers, Guid Version);

    public sealed record SignBody(string Password);

    public static IServiceCollection AddLetters(this IServiceCollection services)
    {
        services.AddTransient<LetterTemplates>();
        services.AddTransient<LetterQueries>();
        services.AddTransient<CreateLetter>();
        services.AddTransient<EditLetterDraft>();
        services.AddTransient<ChangeLetterSigners>();
        services.AddTransient<IssueLetterVersion>();
        services.AddTransient<SupersedeLetter>();
        services.AddTransient<SignLetter>();
        services.AddTransient<ExportLetter>();
        return services;
    }

    /// <summary>The API on the module's token-authenticated group, and a cookie-authenticated download for the letter page.</summary>
    public static void MapLetters(this IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        var group = api.MapGroup("/letters").WithTags("目标管理责任书");
        group.MapGet("/templates/{unitId:guid}", async (HttpContext http, Guid unitId, LetterTemplates handler)
                => ApiResults.From(await handler.GetAsync(await ApiResults.ActorAsync(http), unitId, http.RequestAborted)))
            .WithSummary("单位的责任书模板（未自定义时为内置模板，version 为 null）");
        group.MapPut("/templates/{unitId:guid}", async (HttpContext http, Guid unitId, TemplateBody body, LetterTemplates handler)
                => ApiResults.From(await handler.UpdateAsync(await ApiResults.ActorAsync(http), new UpdateLetterTemplateCommand(unitId, body.Content, body.Version), http.RequestAborted)))
            .WithSummary("修改单位的责任书模板（本单位负责人；version 为读取时的值）");
        group.MapGet("/signer-candidates/{unitId:guid}", async (HttpContext http, Guid unitId, LetterQueries handler)
                => ApiResults.From(await handler.CandidatesAsync(await ApiResults.ActorAsync(http), unitId, http.RequestAborted)))
            .WithSummary("可选为签署人的人员（本单位及下级单位）");
        group.MapGet("/", async (HttpContext http, Guid? unitId, int? year, LetterQueries handler)
            => TypedResults.Ok(await handler.ListAsync(await ApiResults.ActorAsync(http), new LetterFilter(unitId, year), http.RequestAborted)));
        group.MapPost("/", async (HttpContext http, CreateLetterCommand body, CreateLetter handler)
            => ApiResults.From(await handler.HandleAsync(await ApiResults.ActorAsync(http), body, http.RequestAborted),
                id => TypedResults.Created($"/api/v1/responsibility/letters/{id}", new { id })));
        group.MapGet("/{id:guid}", async (HttpContext http, Guid id, int? number, LetterQueries handler)
                => ApiResults.From(await handler.GetAsync(await ApiResults.ActorAsync(http), id, number, http.RequestAborted)))
            .WithSummary("责任书及其版本、签署人和签名校验结果（number 缺省为现行版本）");
        group.MapPut("/{id:guid}/signers", async (HttpContext http, Guid id, SignersBody body, ChangeLetterSigners handler)
                => ApiResults.From(await handler.HandleAsync(await ApiResults.ActorAsync(http), new ChangeLetterSignersCommand(id, body.Signers, body.Version), http.RequestAborted)))
            .WithSummary("调整签署人（仅草稿阶段；version 为责任书的 version）");
        group.MapPut("/{id:guid}/versions/{number:int}", async (HttpContext http, Guid id, int number, DraftBody body, EditLetterDraft handler)
                => ApiResults.From(await handler.HandleAsync(await ApiResults.ActorAsync(http), new EditLetterDraftCommand(id, number, body.Content, body.Version), http.RequestAborted)))
            .WithSummary("修改草稿文本（已签发的版本不能修改）");
        group.MapPost("/{id:guid}/versions/{number:int}/issue", async (HttpContext http, Guid id, int number, VersionBody body, IssueLetterVersion handler)
                => ApiResults.From(await handler.HandleAsync(await ApiResults.ActorAsync(http), new IssueLetterVersionCommand(id, number, body.Version), http.RequestAborted)))
            .WithSummary("签发草稿：文本冻结，原现行版本标记为已被替代");
        group.MapPost("/{id:guid}/supersede", async (HttpContext http, Guid id, VersionBody body, SupersedeLetter handler)
                => ApiResults.From(await handler.HandleAsync(await ApiResults.ActorAsync(http), new SupersedeLetterCommand(id, body.Version), http.RequestAborted),
                    number => TypedResults.Ok(new { number })))
            .WithSummary("修订：由现行版本复制出新版本草稿（version 为责任书的 version）");
        group.MapGet("/{id:guid}/versions/{number:int}/signing-text", async (HttpContext http, Guid id, int number, SignLetter handler)
                => ApiResults.From(await handler.PreviewAsync(await ApiResults.ActorAsync(http), id, number, http.RequestAborted)))
            .WithSummary("当前用户将签署的文本及其 SHA-256");
        group.MapPost("/{id:guid}/versions/{number:int}/sign", async (HttpContext http, Guid id, int number, SignBody body, SignLetter handler)
                => ApiResults.From(await handler.HandleAsync(await ApiResults.ActorAsync(http), new SignLetterCommand(id, number, body.Password), http.RequestAborted)))
            .WithSummary("签署（请求体中提供本人密码；密码错误计入账号锁定次数）");
        group.MapGet("/{id:guid}/export.docx", ExportAsync).WithSummary("导出 Word（number 缺省为现行版本）");

        app.MapGet(DownloadPrefix + "{id:guid}/export.docx", ExportAsync).RequireAuthorization();
    }

    public static string DownloadUrl(Guid letterId, int number) => $"{DownloadPrefix}{letterId}/export.docx?number={number}";

    private static async Task<IResult> ExportAsync(HttpContext http, Guid id, int? number, ExportLetter handler)
        => ApiResults.From(await handler.HandleAsync(await ApiResults.ActorAsync(http), id, number, http.RequestAborted),
            file => TypedResults.File(file.Content, LetterFile.ContentType, file.FileName));
}
