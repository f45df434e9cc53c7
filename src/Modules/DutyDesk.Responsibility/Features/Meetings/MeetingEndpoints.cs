using DutyDesk.Platform.Files;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using DutyDesk.Responsibility.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DutyDesk.Responsibility.Features.Meetings;

internal static class MeetingEndpoints
{
    public sealed record UpdateBody(MeetingType Type, string Title, DateTime StartsAt, string? Location, IReadOnlyList<Guid>? AttendeeIds, string? Agenda, string? Minutes, Guid Version);

    public sealed record DecisionBody(string Text, bool Adopted, Guid Version);

    public sealed record PositionsBody(IReadOnlyList<PositionEntry> Positions, Guid Version);

    public sealed record SatisfyBody(Guid TaskId, Guid Version);

    public static IServiceCollection AddMeetings(this IServiceCollection services)
        => services.AddTransient<MeetingQueries>().AddTransient<ManageMeetings>().AddTransient<MeetingDecisions>().AddTransient<SatisfyTask>();

    /// <summary>The meetings API under <paramref name="api"/>, and the cookie-authenticated attachment download the pages link to.</summary>
    public static RouteGroupBuilder MapMeetings(this RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        var group = api.MapGroup("/meetings").WithTags("会议与决策");
        group.MapGet("/", async (HttpContext http, Guid? unitId, int? year, MeetingType? type, MeetingQueries queries)
            => TypedResults.Ok(await queries.ListAsync(await ApiResults.ActorAsync(http), new MeetingFilter(unitId, year, type), http.RequestAborted)))
            .WithSummary("会议列表（可按单位、年度、类型筛选）");
        group.MapGet("/{id:guid}", async (HttpContext http, Guid id, MeetingQueries queries)
            => ApiResults.From(await queries.GetAsync(await ApiResults.ActorAsync(http), id, http.RequestAborted)));
        group.MapPost("/", async (HttpContext http, CreateMeetingCommand body, ManageMeetings handler)
            => ApiResults.From(await handler.CreateAsync(await ApiResults.ActorAsync(http), body, http.RequestAborted),
                id => TypedResults.Created($"/api/v1/responsibility/meetings/{id}", new { id })))
            .WithSummary("登记会议（纪要为 HTML，保存前清理）");
        group.MapPut("/{id:guid}", async (HttpContext http, Guid id, UpdateBody body, ManageMeetings handler)
            => ApiResults.From(await handler.UpdateAsync(await ApiResults.ActorAsync(http),
                new UpdateMeetingCommand(id, body.Type, body.Title, body.StartsAt, body.Location, body.AttendeeIds, body.Agenda, body.Minutes, body.Version), http.RequestAborted)))
            .WithSummary("修改会议（整体替换：attendeeIds 为完整名单；version 须为读取时的版本）");
        group.MapPost("/{id:guid}/decisions", async (HttpContext http, Guid id, DecisionBody body, MeetingDecisions handler)
            => ApiResults.From(await handler.SaveDecisionAsync(await ApiResults.ActorAsync(http), new SaveDecisionCommand(id, null, body.Text, body.Adopted, body.Version), http.RequestAborted),
                decisionId => TypedResults.Ok(new { id = decisionId })))
            .WithSummary("新增决策");
        group.MapPut("/{id:guid}/decisions/{decisionId:guid}", async (HttpContext http, Guid id, Guid decisionId, DecisionBody body, MeetingDecisions handler)
            => ApiResults.From(await handler.SaveDecisionAsync(await ApiResults.ActorAsync(http), new SaveDecisionCommand(id, decisionId, body.Text, body.Adopted, body.Version), http.RequestAborted),
                _ => TypedResults.Ok()))
            .WithSummary("修改决策");
        group.MapPut("/{id:guid}/decisions/{decisionId:guid}/positions", async (HttpContext http, Guid id, Guid decisionId, PositionsBody body, MeetingDecisions handler)
            => ApiResults.From(await handler.RecordPositionsAsync(await ApiResults.ActorAsync(http), new RecordPositionsCommand(id, decisionId, body.Positions ?? [], body.Version), http.RequestAborted)))
            .WithSummary("记录各成员对决策的表态（Agree 同意 / Oppose 反对 / Abstain 弃权），整体替换");
        group.MapGet("/{id:guid}/open-tasks", async (HttpContext http, Guid id, MeetingQueries queries)
            => ApiResults.From(await queries.OpenOccurrenceTasksAsync(await ApiResults.ActorAsync(http), id, http.RequestAborted)))
            .WithSummary("可由本次会议办结的制度性要求待办");
        group.MapPost("/{id:guid}/satisfy-task", async (HttpContext http, Guid id, SatisfyBody body, SatisfyTask handler)
            => ApiResults.From(await handler.HandleAsync(await ApiResults.ActorAsync(http), new SatisfyTaskCommand(id, body.TaskId, body.Version), http.RequestAborted)))
            .WithSummary("以本次会议办结一项制度性要求待办（附件作为佐证）");
        group.MapPost("/{id:guid}/attachments", async (HttpContext http, Guid id, IFormFile file, ManageMeetings handler) =>
        {
            await using var stream = file.OpenReadStream();
            return ApiResults.From(await handler.AddAttachmentAsync(await ApiResults.ActorAsync(http), id, stream, file.FileName, http.RequestAborted), fileId => TypedResults.Ok(new { fileId }));
        }).DisableAntiforgery().WithSummary("上传会议附件（multipart 字段 file）");
        group.MapGet("/{id:guid}/attachments/{fileId:guid}", (HttpContext http, Guid id, Guid fileId, MeetingQueries queries, FileStore files)
            => DownloadAsync(http, id, fileId, queries, files));

        app.MapGet("/responsibility/meetings/{id:guid}/files/{fileId:guid}", (HttpContext http, Guid id, Guid fileId, MeetingQueries queries, FileStore files)
            => DownloadAsync(http, id, fileId, queries, files)).RequireAuthorization();
        return api;
    }

    private static async Task<IResult> DownloadAsync(HttpContext http, Guid meetingId, Guid fileId, MeetingQueries queries, FileStore files)
    {
        var file = await queries.GetAttachmentAsync(await ApiResults.ActorAsync(http), meetingId, fileId, http.RequestAborted);
        if (!file.IsSuccess)
        {
            return ApiResults.Problem(file.Error!);
        }

        var stream = files.OpenRead(file.Value.Sha256);
        return stream is null ? ApiResults.Problem(Error.NotFound("附件内容")) : TypedResults.File(stream, file.Value.ContentType, file.Value.FileName);
    }
}
