using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DutyDesk.Opinion.Features.Response.Statements;

/// <summary>A version-guarded action on a statement (送审、审定).</summary>
public sealed record StatementVersionBody(Guid Version);

/// <summary>退回 with the reason.</summary>
public sealed record ReturnStatementBody(string? Reason, Guid Version);

/// <summary>The two tracks of a case (tasks; statements and publications) and the units' publication channels.</summary>
internal static class StatementEndpoints
{
    public static IServiceCollection AddStatements(this IServiceCollection services) => services
        .AddTransient<CaseTasks>()
        .AddTransient<ManageStatements>()
        .AddTransient<ManagePublications>()
        .AddTransient<ManageChannels>();

    public static RouteGroupBuilder MapStatements(this RouteGroupBuilder api)
    {
        var c = api.MapGroup("/response/cases/{id:guid}");
        c.MapGet("/tasks", async (HttpContext http, Guid id, CaseTasks handler)
            => ApiResults.From(await handler.ListAsync(await ApiResults.ActorAsync(http), id, http.RequestAborted)))
            .WithSummary("线下处置任务（调查核实、整改处置、其他）及其办理状态");
        c.MapPost("/tasks", async (HttpContext http, Guid id, AssignCaseTaskInput body, CaseTasks handler)
            => ApiResults.From(await handler.AssignAsync(await ApiResults.ActorAsync(http), id, body, http.RequestAborted)))
            .WithSummary("布置线下处置任务（责任人须在本单位或下属部门任职；在待办页办结并上传佐证）");
        c.MapGet("/statements", async (HttpContext http, Guid id, ManageStatements handler)
            => ApiResults.From(await handler.ListAsync(await ApiResults.ActorAsync(http), id, http.RequestAborted)))
            .WithSummary("通稿及其各版本");
        c.MapPost("/statements", async (HttpContext http, Guid id, CreateStatementInput body, ManageStatements handler)
            => ApiResults.From(await handler.CreateAsync(await ApiResults.ActorAsync(http), id, body, http.RequestAborted)))
            .WithSummary("起草通稿（事实通报、原因说明、进展通报），保存为第 1 版草稿");
        c.MapPost("/statements/{statementId:guid}/versions", async (HttpContext http, Guid id, Guid statementId, SaveStatementInput body, ManageStatements handler)
            => ApiResults.From(await handler.SaveDraftAsync(await ApiResults.ActorAsync(http), id, statementId, body, http.RequestAborted)))
            .WithSummary("保存草稿：正文有改动时保存为新版本（已审定的版本不变）");
        c.MapGet("/statements/{statementId:guid}/diff", async (HttpContext http, Guid id, Guid statementId, int from, int to, ManageStatements handler)
            => ApiResults.From(await handler.DiffAsync(await ApiResults.ActorAsync(http), id, statementId, from, to, http.RequestAborted)))
            .WithSummary("两个版本逐字对比（Same/Deleted/Inserted 片段）");
        c.MapPost("/statements/{statementId:guid}/submit", async (HttpContext http, Guid id, Guid statementId, StatementVersionBody body, ManageStatements handler)
            => ApiResults.From(await handler.SubmitAsync(await ApiResults.ActorAsync(http), id, statementId, body.Version, http.RequestAborted)))
            .WithSummary("通稿送审（最新版本）");
        c.MapPost("/statements/{statementId:guid}/approve", async (HttpContext http, Guid id, Guid statementId, StatementVersionBody body, ManageStatements handler)
            => ApiResults.From(await handler.ApproveAsync(await ApiResults.ActorAsync(http), id, statementId, body.Version, http.RequestAborted)))
            .WithSummary("领导小组审定通稿（原因说明须待调查核实办结）");
        c.MapPost("/statements/{statementId:guid}/return", async (HttpContext http, Guid id, Guid statementId, ReturnStatementBody body, ManageStatements handler)
            => ApiResults.From(await handler.ReturnAsync(await ApiResults.ActorAsync(http), id, statementId, body.Reason, body.Version, http.RequestAborted)))
            .WithSummary("领导小组退回通稿（须写明理由）");
        c.MapGet("/publications", async (HttpContext http, Guid id, ManagePublications handler)
            => ApiResults.From(await handler.ListAsync(await ApiResults.ActorAsync(http), id, http.RequestAborted)))
            .WithSummary("通稿发布记录、可登记的已审定通稿和发布渠道");
        c.MapPost("/publications", async (HttpContext http, Guid id, RecordPublicationInput body, ManagePublications handler)
            => ApiResults.From(await handler.RecordAsync(await ApiResults.ActorAsync(http), id, body, http.RequestAborted)))
            .WithSummary("登记本单位已发布的通稿（渠道、链接、时间）；系统不代为发布");

        var channels = api.MapGroup("/channels");
        channels.MapGet("/", async (HttpContext http, Guid unitId, ManageChannels handler)
            => ApiResults.From(await handler.ListAsync(await ApiResults.ActorAsync(http), unitId, http.RequestAborted)))
            .WithSummary("单位的发布渠道");
        channels.MapPost("/", async (HttpContext http, ChannelInput body, ManageChannels handler)
            => ApiResults.From(await handler.CreateAsync(await ApiResults.ActorAsync(http), body, http.RequestAborted)))
            .WithSummary("新增发布渠道（官方微博、微信公众号、官方网站、新闻发布会、媒体）");
        channels.MapPut("/{id:guid}", async (HttpContext http, Guid id, ChannelUpdate body, ManageChannels handler)
            => ApiResults.From(await handler.UpdateAsync(await ApiResults.ActorAsync(http), id, body, http.RequestAborted)))
            .WithSummary("修改或停用发布渠道");
        return api;
    }
}
