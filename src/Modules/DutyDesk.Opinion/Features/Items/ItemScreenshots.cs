using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Files;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Items;

/// <summary>The screenshot an officer attached to a report, for whoever may read the item.</summary>
internal sealed class ItemScreenshots(IDbContextFactory<AppDbContext> dbFactory)
{
    public static string Link(Guid itemId) => $"/opinion/items/{itemId}/screenshot";

    public async Task<Result<StoredFile>> GetAsync(Actor actor, Guid itemId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.Set<Item>().AsNoTracking().Where(i => i.Id == itemId).Select(i => new { i.UnitId, i.ScreenshotFileId }).FirstOrDefaultAsync(ct);
        if (item is null || !actor.CanSee(item.UnitId))
        {
            return Error.NotFound("舆情信息");
        }

        var file = item.ScreenshotFileId is { } fileId ? await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, ct) : null;
        return file is null ? Error.NotFound("截图") : file;
    }

    /// <summary>Cookie-authenticated download for the item page (the page links it; the API serves items as data).</summary>
    public static IEndpointRouteBuilder MapItemScreenshot(IEndpointRouteBuilder app)
    {
        app.MapGet("/opinion/items/{id:guid}/screenshot", async (HttpContext http, Guid id, ItemScreenshots screenshots, FileStore files) =>
        {
            var file = await screenshots.GetAsync(await ApiResults.ActorAsync(http), id, http.RequestAborted);
            if (!file.IsSuccess)
            {
                return ApiResults.Problem(file.Error!);
            }

            var stream = files.OpenRead(file.Value.Sha256);
            return stream is null ? ApiResults.Problem(Error.NotFound("截图文件")) : (IResult)TypedResults.File(stream, file.Value.ContentType, file.Value.FileName);
        }).RequireAuthorization();
        return app;
    }
}
