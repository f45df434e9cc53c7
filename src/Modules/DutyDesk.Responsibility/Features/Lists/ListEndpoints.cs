using DutyDesk.Platform.Files;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DutyDesk.Responsibility.Features.Lists;

internal static class ListEndpoints
{
    public sealed record UpdateBody(ItemInput Item, Guid Version);

    public sealed record NoteBody(string Text);

    public sealed record CompleteBody(string? Note, Guid Version);

    public static IServiceCollection AddLists(this IServiceCollection services)
        => services.AddTransient<ListQueries>().AddTransient<CreateList>().AddTransient<ImportList>()
            .AddTransient<ManageItems>().AddTransient<WorkOnItem>().AddTransient<ExportList>();

    /// <summary>The API under /api/v1/responsibility/lists, and cookie-authenticated downloads for the page.</summary>
    public static void MapLists(this IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        var lists = api.MapGroup("/lists").WithTags("责任清单");
        lists.MapGet("/", async (HttpContext http, Guid? unitId, int? year, ListQueries queries)
                => TypedResults.Ok(await queries.SummariesAsync(await ApiResults.ActorAsync(http), unitId, year, http.RequestAborted)))
            .WithSummary("责任清单列表（可按单位、年度筛选）");
        lists.MapGet("/{id:guid}", async (HttpContext http, Guid id, ListQueries queries)
            => ApiResults.From(await queries.GetAsync(await ApiResults.ActorAsync(http), id, http.RequestAborted)));
        lists.MapPost("/from-template", async (HttpContext http, CreateListCommand body, CreateList handler)
                => Created(await handler.FromTemplateAsync(await ApiResults.ActorAsync(http), body, http.RequestAborted)))
            .WithSummary("从内置模板创建责任清单（ownerId：各项默认责任人，缺省为本人）");
        lists.MapPost("/from-last-year", async (HttpContext http, CreateListCommand body, CreateList handler)
                => Created(await handler.FromLastYearAsync(await ApiResults.ActorAsync(http), body, http.RequestAborted)))
            .WithSummary("复制本单位上一年的责任清单（日期顺延一年，状态重置，不复制进展和佐证）");
        lists.MapPost("/import", async (HttpContext http, [FromForm] Guid unitId, [FromForm] int year, IFormFile file, ImportList handler) =>
        {
            await using var stream = file.OpenReadStream();
            var result = await handler.HandleAsync(await ApiResults.ActorAsync(http), unitId, year, stream, http.RequestAborted);
            if (result.IsSuccess && !result.Value.Imported)
            {
                return RowProblems(result.Value.Problems);
            }

            return ApiResults.From(result, outcome => TypedResults.Created($"/api/v1/responsibility/lists/{outcome.Created!.ListId}", outcome.Created));
        }).DisableAntiforgery().WithSummary("从 Excel（.xlsx）导入责任清单（multipart：unitId、year、file）；有任何一行出错则不导入并列出全部错误");
        lists.MapGet("/{id:guid}/export.docx", async (HttpContext http, Guid id, ExportList handler)
            => Download(await handler.HandleAsync(await ApiResults.ActorAsync(http), id, ExportFormat.Word, http.RequestAborted)));
        lists.MapGet("/{id:guid}/export.xlsx", async (HttpContext http, Guid id, ExportList handler)
            => Download(await handler.HandleAsync(await ApiResults.ActorAsync(http), id, ExportFormat.Excel, http.RequestAborted)));

        lists.MapPost("/{id:guid}/items", async (HttpContext http, Guid id, ItemInput body, ManageItems handler)
            => ApiResults.From(await handler.AddAsync(await ApiResults.ActorAsync(http), id, body, http.RequestAborted),
                itemId => TypedResults.Created($"/api/v1/responsibility/lists/{id}", new { id = itemId })));
        lists.MapPut("/{id:guid}/items/{itemId:guid}", async (HttpContext http, Guid id, Guid itemId, UpdateBody body, ManageItems handler)
            => ApiResults.From(await handler.UpdateAsync(await ApiResults.ActorAsync(http), new UpdateItemCommand(id, itemId, body.Item, body.Version), http.RequestAborted)));
        lists.MapDelete("/{id:guid}/items/{itemId:guid}", async (HttpContext http, Guid id, Guid itemId, Guid version, ManageItems handler)
            => ApiResults.From(await handler.DeleteAsync(await ApiResults.ActorAsync(http), new DeleteItemCommand(id, itemId, version), http.RequestAborted)))
            .WithSummary("删除事项（查询参数 version），其待办随之取消");
        lists.MapPost("/{id:guid}/items/{itemId:guid}/notes", async (HttpContext http, Guid id, Guid itemId, NoteBody body, WorkOnItem handler)
            => ApiResults.From(await handler.AddNoteAsync(await ApiResults.ActorAsync(http), new AddNoteCommand(id, itemId, body.Text), http.RequestAborted),
                noteId => TypedResults.Ok(new { id = noteId })));
        lists.MapPost("/{id:guid}/items/{itemId:guid}/evidence", async (HttpContext http, Guid id, Guid itemId, IFormFile file, WorkOnItem handler) =>
        {
            await using var stream = file.OpenReadStream();
            return ApiResults.From(await handler.AddEvidenceAsync(await ApiResults.ActorAsync(http), id, itemId, stream, file.FileName, http.RequestAborted),
                fileId => TypedResults.Ok(new { fileId }));
        }).DisableAntiforgery().WithSummary("上传佐证材料（multipart 字段 file）");
        lists.MapPost("/{id:guid}/items/{itemId:guid}/complete", async (HttpContext http, Guid id, Guid itemId, CompleteBody body, WorkOnItem handler)
            => ApiResults.From(await handler.CompleteAsync(await ApiResults.ActorAsync(http), new CompleteItemCommand(id, itemId, body.Note, body.Version), http.RequestAborted)))
            .WithSummary("办结事项（须有佐证材料），其待办一并办结");
        lists.MapGet("/{id:guid}/items/{itemId:guid}/files/{fileId:guid}", DownloadFileAsync);

        // The page links to these with its sign-in cookie; the API above needs a token.
        var page = app.MapGroup("/responsibility/lists").RequireAuthorization();
        page.MapGet("/{id:guid}/export.docx", async (HttpContext http, Guid id, ExportList handler)
            => Download(await handler.HandleAsync(await ApiResults.ActorAsync(http), id, ExportFormat.Word, http.RequestAborted)));
        page.MapGet("/{id:guid}/export.xlsx", async (HttpContext http, Guid id, ExportList handler)
            => Download(await handler.HandleAsync(await ApiResults.ActorAsync(http), id, ExportFormat.Excel, http.RequestAborted)));
        page.MapGet("/{id:guid}/items/{itemId:guid}/files/{fileId:guid}", DownloadFileAsync);
    }

    public static string FileUrl(Guid listId, Guid itemId, Guid fileId) => $"/responsibility/lists/{listId}/items/{itemId}/files/{fileId}";

    public static string ExportUrl(Guid listId, ExportFormat format) => $"/responsibility/lists/{listId}/export.{(format == ExportFormat.Word ? "docx" : "xlsx")}";

    private static async Task<IResult> DownloadFileAsync(HttpContext http, Guid id, Guid itemId, Guid fileId, ListQueries queries, FileStore files)
    {
        var file = await queries.FileAsync(await ApiResults.ActorAsync(http), id, itemId, fileId, http.RequestAborted);
        if (!file.IsSuccess)
        {
            return ApiResults.Problem(file.Error!);
        }

        var stream = files.OpenRead(file.Value.Sha256);
        return stream is null ? ApiResults.Problem(Error.NotFound("文件内容")) : TypedResults.File(stream, file.Value.ContentType, file.Value.FileName);
    }

    private static IResult Created(Result<ListCreated> result)
        => ApiResults.From(result, created => TypedResults.Created($"/api/v1/responsibility/lists/{created.ListId}", created));

    private static IResult Download(Result<ExportedFile> result)
        => ApiResults.From(result, file => TypedResults.File(file.Content, file.ContentType, file.FileName));

    private static ProblemHttpResult RowProblems(IReadOnlyList<RowProblem> problems)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = ApiResults.TitleFor(StatusCodes.Status400BadRequest),
            Detail = $"有 {problems.Count} 处错误，未导入任何数据。",
            Type = "about:blank",
        };
        problem.Extensions["code"] = "validation";
        problem.Extensions["rows"] = problems.Select(p => new { row = p.Row, column = p.Column, message = p.Text }).ToList();
        return TypedResults.Problem(problem);
    }
}
