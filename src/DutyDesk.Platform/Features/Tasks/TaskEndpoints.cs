using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DutyDesk.Platform.Features.Tasks;

internal static class TaskEndpoints
{
    public sealed record CompleteBody(string? Note, Guid Version, bool NothingToReport = false);

    public sealed record RescheduleBody(DateTime DueAt, string Reason, Guid Version);

    public static void MapTasks(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tasks").WithTags("待办");
        group.MapGet("/mine", async (HttpContext http, bool? includeClosed, TaskQueries handler)
            => TypedResults.Ok(await handler.MineAsync(await ApiResults.ActorAsync(http), new TaskFilter(includeClosed ?? false), http.RequestAborted)));
        group.MapGet("/{id:guid}", async (HttpContext http, Guid id, TaskQueries handler)
            => ApiResults.From(await handler.GetAsync(await ApiResults.ActorAsync(http), id, http.RequestAborted)));
        group.MapPost("/", async (HttpContext http, CreateTaskCommand body, ManageTasks handler)
            => ApiResults.From(await handler.CreateAsync(await ApiResults.ActorAsync(http), body with { SourceModule = "api" }, http.RequestAborted), id => TypedResults.Created($"/api/v1/tasks/{id}", new { id })));
        group.MapPost("/{id:guid}/evidence", async (HttpContext http, Guid id, IFormFile file, ManageTasks handler) =>
        {
            await using var stream = file.OpenReadStream();
            return ApiResults.From(await handler.AddEvidenceAsync(await ApiResults.ActorAsync(http), id, stream, file.FileName, http.RequestAborted), fileId => TypedResults.Ok(new { fileId }));
        }).DisableAntiforgery().WithSummary("上传佐证材料（multipart 字段 file）");
        group.MapPost("/{id:guid}/complete", async (HttpContext http, Guid id, CompleteBody body, ManageTasks handler)
            => ApiResults.From(await handler.CompleteAsync(await ApiResults.ActorAsync(http), new CompleteTaskCommand(id, body.Note, body.Version, body.NothingToReport), http.RequestAborted)))
            .WithSummary("办结待办：有佐证材料，或 nothingToReport=true 并在 note 中写明零报告理由");
        group.MapPost("/{id:guid}/reschedule", async (HttpContext http, Guid id, RescheduleBody body, ManageTasks handler)
            => ApiResults.From(await handler.RescheduleAsync(await ApiResults.ActorAsync(http), new RescheduleTaskCommand(id, body.DueAt, body.Reason, body.Version), http.RequestAborted)))
            .WithSummary("调整截止时间（须写明理由）");
    }
}
