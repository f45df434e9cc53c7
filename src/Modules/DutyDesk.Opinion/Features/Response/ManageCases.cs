using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Periods;
using DutyDesk.Opinion.Features.Response.Review;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DutyDesk.Opinion.Features.Response;

/// <summary>
/// Opening a case (from a monitoring event or by hand), confirming and changing its level with a reason, and moving
/// it through the procedure. The DiscoveredAt may be set back (seen at 9:00, entered at 9:20) but not into the future.
/// </summary>
public sealed record OpenCaseInput(
    Guid UnitId, Guid? EventId, string? Title, string? Summary, CaseOrigin Origin, string? SourceNote,
    DateTime? DiscoveredAt, IncidentLevelCode? Level, string? LevelReason);

internal sealed class ManageCases(IDbContextFactory<AppDbContext> dbFactory, IOptions<OpinionOptions> options, TimeProvider clock, DisplayClock display, CaseAlerts alerts)
{
    /// <summary>How far back a discovery time may be entered.</summary>
    public static readonly TimeSpan LongestBackdate = TimeSpan.FromDays(7);

    public async Task<Result<Guid>> OpenAsync(Actor actor, OpenCaseInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!actor.CanSee(input.UnitId) || !await db.Units.AnyAsync(u => u.Id == input.UnitId, ct))
        {
            return Error.NotFound("单位");
        }

        if (!ResponseProcedure.CaseWorkers.Any(r => actor.HoldsIn(r, input.UnitId)))
        {
            await db.AuditDeniedAsync(clock, actor, "开启舆情事件处置", "Unit", input.UnitId.ToString(), ct);
            return Error.Forbidden($"只有本单位的{Roles(ResponseProcedure.CaseWorkers)}可以开启舆情事件处置。");
        }

        OpinionCase? source = null;
        if (input.EventId is { } eventId)
        {
            source = await db.Set<OpinionCase>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId && e.UnitId == input.UnitId, ct);
            if (source is null)
            {
                return Error.NotFound("舆情事件");
            }

            if (await db.Set<ResponseCase>().AnyAsync(c => c.EventId == eventId, ct))
            {
                return Error.Conflict("该舆情事件已开启处置，请在“舆情处置”中查看。");
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var title = string.IsNullOrWhiteSpace(input.Title) ? source?.Title : input.Title;
        // Kept as stored, so the deadlines computed now are the ones read back on either database.
        var discoveredAt = DbTime.AsStored(DbTime.AsUtc(input.DiscoveredAt) ?? now);
        var invalid = Check.First(
            Check.Required("title", "事件名称", title, ResponseCase.TitleMaxLength),
            Check.Optional("summary", "事件概要", input.Summary, ResponseCase.SummaryMaxLength),
            Check.Optional("sourceNote", "发现渠道说明", input.SourceNote, 500),
            Enum.IsDefined(input.Origin) ? null : Error.Validation("origin", "“发现途径”不是可选的值。"),
            CheckDiscovery(discoveredAt, now),
            CheckLevel(input.Level, input.LevelReason, source?.ProposedLevel));
        if (invalid is not null)
        {
            return invalid;
        }

        var level = input.Level!.Value;
        var c = new ResponseCase
        {
            Id = Guid.CreateVersion7(),
            UnitId = input.UnitId,
            EventId = source?.Id,
            Title = title!.Trim(),
            Summary = Clean(input.Summary),
            Origin = input.Origin,
            SourceNote = Clean(input.SourceNote),
            DiscoveredAt = discoveredAt,
            Level = level,
            ProposedLevel = source?.ProposedLevel,
            ProposedRule = source?.ProposedRule,
            OpenedAt = now,
            OpenedById = actor.UserId,
            UpdatedAt = now,
        };
        // The period in force at discovery shortens the clocks for the whole case (decision 0012).
        if (await SensitivePeriods.ActiveAsync(db, c.UnitId, discoveredAt, ct) is { } period)
        {
            (c.SensitivePeriod, c.DeadlineFactor) = (period.Name.Length > 100 ? period.Name[..100] : period.Name, period.DeadlineFactor);
        }

        db.Set<ResponseCase>().Add(c);
        var reason = LevelReason(input.LevelReason, level, source);
        db.Set<CaseLevelChange>().Add(new CaseLevelChange { Id = Guid.CreateVersion7(), CaseId = c.Id, To = level, Reason = reason, ById = actor.UserId, At = now });
        var origin = ResponseProcedure.Name(c.Origin) + (c.SourceNote is null ? "" : $"（{c.SourceNote}）");
        CaseWork.Timeline(db, c, TimelineKind.Opened, $"发现：{origin}，{display.Format(discoveredAt)} 发现" + (source is null ? "，人工开启" : $"，来自监测事件“{source.Title}”"), actor.UserId, now);
        CaseWork.Timeline(db, c, TimelineKind.Level, $"确认级别：{IncidentLevel.Name(level)}。理由：{reason}", actor.UserId, now);
        if (c.SensitivePeriod is not null)
        {
            CaseWork.Timeline(db, c, TimelineKind.Note, $"处于敏感时期“{c.SensitivePeriod}”，各项时限按 {c.DeadlineFactor:0.##} 倍缩短", null, now);
        }

        await CaseWork.PlanDeadlinesAsync(db, c, options.Value.Response, actor.UserId, actor.UserId, now, ct);
        await alerts.RaiseOpenedAsync(db, c, ct);
        db.Audit(clock, actor, OpinionAudit.CaseOpen, "ResponseCase", c.Id.ToString(), c.UnitId, detail: $"{c.Title}；{IncidentLevel.Name(level)}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (c.EventId is not null)
        {
            // Two people opened the same event at once: the unique index lets one through.
            return Error.Conflict("该舆情事件已开启处置，请在“舆情处置”中查看。");
        }

        return c.Id;
    }

    /// <summary>Confirms a different level with its reason; the deadlines are planned again from discovery.</summary>
    public async Task<Result<Guid>> ChangeLevelAsync(Actor actor, Guid caseId, IncidentLevelCode? level, string? reason, Guid version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var loaded = await CaseWork.LoadAsync(db, actor, caseId, ct);
        if (loaded.Error is { } missing)
        {
            return missing;
        }

        var c = loaded.Value;
        if (await CaseWork.CheckRoleAsync(db, clock, actor, c, ResponseProcedure.LevelSetters, "调整事件级别", ct) is { } refused)
        {
            return refused;
        }

        var invalid = Check.First(
            level is { } l && Enum.IsDefined(l) ? null : Error.Validation("level", "请选择“事件级别”（Ⅰ—Ⅴ级）。"),
            Check.Required("reason", "调整理由", reason, ResponseCase.ReasonMaxLength),
            level == c.Level ? Error.Validation("level", $"事件已是{IncidentLevel.Name(c.Level)}，级别未改变。") : null,
            c.IsOpen ? null : Error.Validation("level", "事件已结案，不能再调整级别。"));
        if (invalid is not null)
        {
            return invalid;
        }

        if (c.Version != version)
        {
            return Error.StaleEdit("处置事件");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var from = c.Level;
        c.Level = level!.Value;
        var why = reason!.Trim();
        db.Set<CaseLevelChange>().Add(new CaseLevelChange { Id = Guid.CreateVersion7(), CaseId = c.Id, From = from, To = c.Level, Reason = why, ById = actor.UserId, At = now });
        CaseWork.Timeline(db, c, TimelineKind.Level, $"调整级别：{IncidentLevel.Name(from)} → {IncidentLevel.Name(c.Level)}。理由：{why}", actor.UserId, now);
        await CaseWork.PlanDeadlinesAsync(db, c, options.Value.Response, c.OpenedById, actor.UserId, now, ct);
        if (c.Level < from)
        {
            await alerts.RaiseRaisedAsync(db, c, from, ct);
        }

        db.Audit(clock, actor, OpinionAudit.CaseLevel, "ResponseCase", c.Id.ToString(), c.UnitId, detail: $"{IncidentLevel.Name(from)} → {IncidentLevel.Name(c.Level)}：{why}");
        return await SaveAsync(db, c, ct);
    }

    /// <summary>
    /// A move of the procedure made directly. 审定通稿 and 发布回应 happen when a statement is approved and published,
    /// so they are refused here; 快报, 会商 and 平息 need the words that go on the record.
    /// </summary>
    public async Task<Result<Guid>> MoveAsync(Actor actor, Guid caseId, CaseTrigger trigger, string? note, Guid version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var loaded = await CaseWork.LoadAsync(db, actor, caseId, ct);
        if (loaded.Error is { } missing)
        {
            return missing;
        }

        var c = loaded.Value;
        var invalid = trigger switch
        {
            CaseTrigger.ApproveStatement => Error.Validation("trigger", "通稿在“通稿”一栏审定后，事件自动进入“通稿”步骤。"),
            CaseTrigger.Respond => Error.Validation("trigger", "登记发布记录后，事件自动进入“回复”步骤。"),
            CaseTrigger.ReportFacts => Check.Required("note", "快报内容", note, CaseTimelineEntry.TextMaxLength - 100),
            CaseTrigger.Consult => Check.Required("note", "会商确定的措施", note, CaseTimelineEntry.TextMaxLength - 100),
            CaseTrigger.Calm => Check.Required("note", "平息的依据", note, CaseTimelineEntry.TextMaxLength - 100),
            _ => Enum.IsDefined(trigger) ? Check.Optional("note", "说明", note, CaseTimelineEntry.TextMaxLength - 100) : Error.Validation("trigger", "“操作”不是可选的值。"),
        };
        if (invalid is not null)
        {
            return invalid;
        }

        if (c.Version != version)
        {
            return Error.StaleEdit("处置事件");
        }

        if (trigger == CaseTrigger.Close && await CaseReviews.MissingAsync(db, c.Id, ct) is { } unreviewed)
        {
            return unreviewed;
        }

        if (await CaseWork.MoveAsync(db, clock, actor, c, trigger, note, ct) is { } refused)
        {
            return refused;
        }

        db.Audit(clock, actor, OpinionAudit.CaseStep, "ResponseCase", c.Id.ToString(), c.UnitId, detail: $"{ResponseProcedure.Name(trigger)} → {ResponseProcedure.Name(c.Step)}");
        return await SaveAsync(db, c, ct);
    }

    private static async Task<Result<Guid>> SaveAsync(AppDbContext db, ResponseCase c, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return c.Id;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleEdit("处置事件");
        }
    }

    private static Error? CheckDiscovery(DateTime discoveredAt, DateTime now)
    {
        if (discoveredAt.Kind != DateTimeKind.Utc)
        {
            return Error.Validation("discoveredAt", "“发现时间”须注明时区（如 2026-11-30T09:00:00+08:00）。");
        }

        if (discoveredAt > now + TimeSpan.FromMinutes(1))
        {
            return Error.Validation("discoveredAt", "“发现时间”不能晚于现在。");
        }

        return discoveredAt < now - LongestBackdate ? Error.Validation("discoveredAt", "“发现时间”不能早于 7 天前；更早的事件请在概要中说明。") : null;
    }

    private static Error? CheckLevel(IncidentLevelCode? level, string? reason, IncidentLevelCode? proposed)
    {
        if (level is not { } l || !Enum.IsDefined(l))
        {
            return Error.Validation("level", "请确认“事件级别”（Ⅰ—Ⅴ级）。");
        }

        // Agreeing with the rules' proposal needs no words of one's own; any other level does.
        if (proposed != l && string.IsNullOrWhiteSpace(reason))
        {
            return Error.Validation("levelReason", proposed is null ? "请填写“定级理由”。" : $"所定级别与系统建议（{IncidentLevel.Name(proposed.Value)}）不同，请填写“定级理由”。");
        }

        return Check.Optional("levelReason", "定级理由", reason, ResponseCase.ReasonMaxLength);
    }

    private static string LevelReason(string? reason, IncidentLevelCode level, OpinionCase? source)
        => !string.IsNullOrWhiteSpace(reason) ? reason.Trim()
            : source is not null && source.ProposedLevel == level ? $"同意系统建议（{source.ProposedRule}）" : "人工定级";

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Roles(IEnumerable<DutyDesk.Platform.Identity.Role> roles) => string.Join("、", roles.Select(DutyDesk.Platform.Identity.Roles.ToChinese));
}
