using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Sources;
using DutyDesk.Opinion.Ingest;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Files;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Items;

/// <summary>What an information officer saw: where, the address, the text, optionally a screenshot.</summary>
public sealed record ReportCommand(Guid UnitId, string? Url, string? Title, string? Text, string? SeenWhere);

/// <summary>The upload that goes with a report.</summary>
public sealed record Screenshot(Stream Content, string FileName);

/// <summary>The outcome of a report: the item, and whether it was already known (reported or collected before).</summary>
public sealed record ReportOutcome(Guid? ItemId, bool AlreadyKnown);

/// <summary>
/// Manual report (人工报送) by an information officer; it goes through the same pipeline as collected items, from
/// the unit's "人工报送" source, so a post reported twice, or also collected by a feed, is not stored twice.
/// </summary>
internal sealed class ReportItem(IDbContextFactory<AppDbContext> dbFactory, IngestPipeline pipeline, FileStore files, TimeProvider clock)
{
    public const string SourceName = "人工报送";

    public async Task<Result<ReportOutcome>> ReportAsync(Actor actor, ReportCommand command, Screenshot? screenshot, CancellationToken ct = default)
    {
        var problem = Check.First(
            Check.Optional("url", "网址", command.Url, Item.UrlMaxLength),
            Check.Optional("title", "标题", command.Title, Item.TitleMaxLength),
            Check.Optional("text", "内容", command.Text, Item.TextMaxLength),
            Check.Required("seenWhere", "发现渠道", command.SeenWhere, 200));
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(command.Title) && string.IsNullOrWhiteSpace(command.Text))
        {
            return Error.Validation("text", "“内容”为空：请写下看到的内容（或至少填写标题）。");
        }

        if (!string.IsNullOrWhiteSpace(command.Url) && ItemKey.CanonicalUrl(command.Url) is null)
        {
            return Error.Validation("url", "“网址”须是以 http:// 或 https:// 开头的完整网址。");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var reports = await db.Units.AnyAsync(u => u.Id == command.UnitId, ct) && await OpinionAccess.ReportsAsync(db, actor, command.UnitId, ct);
        if (!reports && !actor.CanSee(command.UnitId))
        {
            return Error.NotFound("单位");
        }

        if (!reports)
        {
            await db.AuditDeniedAsync(clock, actor, "人工报送舆情信息", "Unit", command.UnitId.ToString(), ct);
            return Error.Forbidden($"只有本单位的{OpinionAccess.ReportersText}可以报送舆情信息。");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var source = await IntakeSource.ForAsync(db, command.UnitId, SourceKind.Manual, SourceName, now, ct);
        Guid? screenshotId = null;
        if (screenshot is not null)
        {
            var stored = await db.AddUploadAsync(files, screenshot.Content, screenshot.FileName, command.UnitId, actor.UserId, now, ct);
            if (stored.Error is { } bad)
            {
                return bad with { Field = "screenshot" };
            }

            screenshotId = stored.Value.Id;
        }

        db.Audit(clock, actor, OpinionAudit.ItemReport, "Source", source.ToString(), command.UnitId, detail: $"{command.SeenWhere} {command.Url}");
        await db.SaveChangesAsync(ct);
        var outcome = await pipeline.IngestAsync(source, [new IncomingItem(null, command.Url, command.Title, command.Text)
        {
            SeenWhere = command.SeenWhere, ScreenshotFileId = screenshotId, ReportedById = actor.UserId,
        }], ct);
        if (outcome.AddedIds.Count > 0)
        {
            return new ReportOutcome(outcome.AddedIds[0], false);
        }

        var key = ItemKey.CanonicalUrl(command.Url) is { } url ? "url:" + url : null;
        var known = key is null ? null : await db.Set<Item>().AsNoTracking().Where(i => i.UnitId == command.UnitId && i.DedupeKey == key).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
        return new ReportOutcome(known, true);
    }
}
