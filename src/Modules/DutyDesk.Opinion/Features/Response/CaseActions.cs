using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Files;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Response;

/// <summary>An action as recorded: kind, when, what, on what grounds, to whom, and its attachments.</summary>
public sealed record RecordActionInput(CaseActionKind Kind, DateTime? At, string? Summary, string? Facts, string? Target, string? ContentUrl);

/// <summary>A file handed in with an action (the report document of a report up, a receipt).</summary>
public sealed record ActionUpload(string FileName, Stream Content);

public sealed record CaseFileDto(Guid FileId, string FileName, long Size);

public sealed record CaseActionDto(
    Guid Id, CaseActionKind Kind, string KindName, DateTime At, string Summary, string? Facts, string? Target, string? ContentUrl,
    string By, DateTime RecordedAt, IReadOnlyList<CaseFileDto> Files);

/// <summary>
/// The actions log of a case (PRODUCT.md 4.3): investigation, report up with the report document, consultation,
/// media interview, a correction request stating the facts that show the content false, a police report with its
/// grounds. Each is a record of what people did; DutyDesk sends nothing to any platform. A report up fulfils the
/// deadline to report to the superior unit.
/// </summary>
internal sealed class CaseActions(IDbContextFactory<AppDbContext> dbFactory, FileStore files, TimeProvider clock, DisplayClock display)
{
    public async Task<Result<Guid>> RecordAsync(Actor actor, Guid caseId, RecordActionInput input, IReadOnlyList<ActionUpload> uploads, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var loaded = await CaseWork.LoadAsync(db, actor, caseId, ct);
        if (loaded.Error is { } missing)
        {
            return missing;
        }

        var c = loaded.Value;
        if (await CaseWork.CheckRoleAsync(db, clock, actor, c, ResponseProcedure.CaseWorkers, "记录处置措施", ct) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var at = DbTime.AsStored(DbTime.AsUtc(input.At) ?? now);
        var invalid = CaseActionRules.Check(input.Kind, input.Summary, input.Facts, input.Target, input.ContentUrl, uploads.Count) is { } rule
            ? Error.Validation(rule.Field, rule.Message)
            : Check.First(
                Check.Required("summary", "措施内容", input.Summary, CaseAction.SummaryMaxLength),
                Check.Optional("facts", CaseActionRules.FactsLabel(input.Kind) ?? "事实依据", input.Facts, CaseAction.FactsMaxLength),
                Check.Optional("target", CaseActionRules.TargetLabel(input.Kind) ?? "对象", input.Target, CaseAction.TargetMaxLength),
                Check.Optional("contentUrl", "所涉内容链接", input.ContentUrl, CaseAction.UrlMaxLength),
                at.Kind != DateTimeKind.Utc ? Error.Validation("at", "“发生时间”须注明时区。") : null,
                at > now + TimeSpan.FromMinutes(1) ? Error.Validation("at", "“发生时间”不能晚于现在。") : null,
                at < c.DiscoveredAt - TimeSpan.FromDays(1) ? Error.Validation("at", "“发生时间”不能早于事件发现前一天。") : null,
                c.IsOpen ? null : Error.Validation("caseId", "事件已结案，不能再记录处置措施。"));
        if (invalid is not null)
        {
            return invalid;
        }

        var action = new CaseAction
        {
            Id = Guid.CreateVersion7(),
            CaseId = c.Id,
            Kind = input.Kind,
            At = at,
            Summary = input.Summary!.Trim(),
            Facts = Clean(input.Facts),
            Target = Clean(input.Target),
            ContentUrl = Clean(input.ContentUrl),
            ById = actor.UserId,
            RecordedAt = now,
        };
        db.Set<CaseAction>().Add(action);
        foreach (var upload in uploads)
        {
            var stored = await db.AddUploadAsync(files, upload.Content, upload.FileName, c.UnitId, actor.UserId, now, ct);
            if (!stored.IsSuccess)
            {
                return Error.Validation("files", $"附件“{upload.FileName}”：{stored.Error!.Message}");
            }

            db.Set<CaseActionFile>().Add(new CaseActionFile { ActionId = action.Id, FileId = stored.Value.Id });
        }

        var name = CaseActionRules.Name(action.Kind);
        var to = action.Target is null ? "" : $"（{action.Target}）";
        CaseWork.Timeline(db, c, TimelineKind.Action, $"{name}{to}：{action.Summary}" + (at < now - TimeSpan.FromMinutes(5) ? $"（发生于 {display.Format(at)}）" : ""), actor.UserId, now);
        if (action.Kind == CaseActionKind.ReportUp)
        {
            await CaseWork.FulfilAsync(db, c, [DeadlineKind.ReportToSuperior], actor.UserId, at, $"已向{action.Target}报告", ct);
        }

        db.Audit(clock, actor, OpinionAudit.CaseAction, "ResponseCase", c.Id.ToString(), c.UnitId, detail: $"{name}{to}；附件 {uploads.Count} 个");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleEdit("处置事件");
        }

        return action.Id;
    }

    public async Task<Result<IReadOnlyList<CaseActionDto>>> ListAsync(Actor actor, Guid caseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unitId = await db.Set<ResponseCase>().AsNoTracking().Where(c => c.Id == caseId).Select(c => (Guid?)c.UnitId).FirstOrDefaultAsync(ct);
        if (unitId is null || !actor.CanSee(unitId.Value))
        {
            return Error.NotFound("处置事件");
        }

        var actions = await db.Set<CaseAction>().AsNoTracking().Where(a => a.CaseId == caseId).OrderBy(a => a.At).ToListAsync(ct);
        var ids = actions.Select(a => a.Id).ToList();
        var attached = await (
            from l in db.Set<CaseActionFile>().AsNoTracking()
            join f in db.Files.AsNoTracking() on l.FileId equals f.Id
            where ids.Contains(l.ActionId)
            select new { l.ActionId, f.Id, f.FileName, f.Size }).ToListAsync(ct);
        var people = actions.Select(a => a.ById).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return actions.Select(a => new CaseActionDto(
            a.Id, a.Kind, CaseActionRules.Name(a.Kind), a.At, a.Summary, a.Facts, a.Target, a.ContentUrl, names.GetValueOrDefault(a.ById, "?"), a.RecordedAt,
            attached.Where(f => f.ActionId == a.Id).Select(f => new CaseFileDto(f.Id, f.FileName, f.Size)).ToList())).ToList();
    }

    /// <summary>An attachment of one of the case's actions, if the actor may see the case.</summary>
    public async Task<Result<StoredFile>> GetFileAsync(Actor actor, Guid caseId, Guid fileId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unitId = await db.Set<ResponseCase>().AsNoTracking().Where(c => c.Id == caseId).Select(c => (Guid?)c.UnitId).FirstOrDefaultAsync(ct);
        var linked = unitId is { } u && actor.CanSee(u) && await (
            from l in db.Set<CaseActionFile>()
            join a in db.Set<CaseAction>() on l.ActionId equals a.Id
            where a.CaseId == caseId && l.FileId == fileId
            select l).AnyAsync(ct);
        return linked ? await db.Files.AsNoTracking().FirstAsync(f => f.Id == fileId, ct) : Error.NotFound("附件");
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
