using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using DutyDesk.Platform.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DutyDesk.Opinion.Features.Response.Statements;

/// <summary>What the unit published: which approved version, through which of its channels, where and when.</summary>
public sealed record RecordPublicationInput(Guid StatementVersionId, Guid ChannelId, string? Url, DateTime? PublishedAt);

public sealed record PublicationDto(
    Guid Id, string StatementTitle, StatementKind Kind, string KindName, int VersionNumber, string Channel, string ChannelKindName, string ChannelUnit,
    string Url, DateTime PublishedAt, string RecordedBy, DateTime RecordedAt);

/// <summary>An approved version that may be recorded as published.</summary>
public sealed record ApprovedVersionDto(Guid VersionId, string Label, StatementKind Kind);

/// <summary>A channel the case's unit may publish through: its own or a superior unit's, active.</summary>
public sealed record UsableChannelDto(Guid Id, string Name, string KindName, string UnitName, string? Url);

/// <summary>The case's publications, what may be recorded next, and when the next 进展通报 falls due (null when none is running).</summary>
public sealed record CasePublicationsView(
    IReadOnlyList<PublicationDto> Publications, IReadOnlyList<ApprovedVersionDto> Approved, IReadOnlyList<UsableChannelDto> Channels,
    bool CanRecord, DateTime? NextProgressDueAt);

/// <summary>
/// Publications (发布): the record of an approved statement the unit published through one of its own channels (or a
/// superior unit's) — DutyDesk posts nothing itself. The first one makes the move 发布回应 (fulfilling the 12 h and 24 h
/// deadlines); every one plans the 进展通报 reminder.
/// </summary>
internal sealed class ManagePublications(IDbContextFactory<AppDbContext> dbFactory, IOptions<OpinionOptions> options, TimeProvider clock, DisplayClock display)
{
    public async Task<Result<CasePublicationsView>> ListAsync(Actor actor, Guid caseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var loaded = await CaseWork.LoadAsync(db, actor, caseId, ct);
        if (loaded.Error is { } missing)
        {
            return missing;
        }

        var c = loaded.Value;
        var rows = await (
            from p in db.Set<Publication>().AsNoTracking()
            join v in db.Set<StatementVersion>().AsNoTracking() on p.StatementVersionId equals v.Id
            join s in db.Set<Statement>().AsNoTracking() on v.StatementId equals s.Id
            join ch in db.Set<PublicationChannel>().AsNoTracking() on p.ChannelId equals ch.Id
            join u in db.Units.AsNoTracking() on ch.UnitId equals u.Id
            join who in db.Users.AsNoTracking() on p.RecordedById equals who.Id
            where p.CaseId == caseId
            orderby p.PublishedAt
            select new { p, v.Title, s.Kind, v.Number, Channel = ch.Name, ChannelKind = ch.Kind, UnitName = u.Name, who.DisplayName }).ToListAsync(ct);
        var approved = await (
            from v in db.Set<StatementVersion>().AsNoTracking()
            join s in db.Set<Statement>().AsNoTracking() on v.StatementId equals s.Id
            where s.CaseId == caseId && v.State == StatementState.Approved
            orderby v.DecidedAt descending
            select new { v.Id, v.Title, s.Kind, v.Number }).ToListAsync(ct);
        var channels = await UsableChannelsAsync(db, c.UnitId, ct);
        var id = c.Id.ToString();
        var next = await db.DueTasks.AsNoTracking()
            .Where(t => t.SourceModule == CaseWork.SourceModule && t.SourceType == ProgressReports.SourceType && t.SourceId == id && t.State == DueTaskState.Open)
            .Select(t => (DateTime?)t.DueAt).FirstOrDefaultAsync(ct);
        return new CasePublicationsView(
            rows.Select(r => new PublicationDto(
                r.p.Id, r.Title, r.Kind, StatementRules.Name(r.Kind), r.Number, r.Channel, StatementRules.Name(r.ChannelKind), r.UnitName,
                r.p.Url, r.p.PublishedAt, r.DisplayName, r.p.RecordedAt)).ToList(),
            approved.Select(a => new ApprovedVersionDto(a.Id, $"{StatementRules.Name(a.Kind)}：{a.Title}（第 {a.Number} 版）", a.Kind)).ToList(),
            channels,
            c.IsOpen && StatementRules.Drafters.Any(r => actor.HoldsIn(r, c.UnitId)),
            next);
    }

    public async Task<Result<Guid>> RecordAsync(Actor actor, Guid caseId, RecordPublicationInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var loaded = await CaseWork.LoadAsync(db, actor, caseId, ct);
        if (loaded.Error is { } missing)
        {
            return missing;
        }

        var c = loaded.Value;
        if (await CaseWork.CheckRoleAsync(db, clock, actor, c, StatementRules.Drafters, "登记通稿发布", ct) is { } refused)
        {
            return refused;
        }

        var found = await (
            from v in db.Set<StatementVersion>().AsNoTracking()
            join s in db.Set<Statement>().AsNoTracking() on v.StatementId equals s.Id
            where v.Id == input.StatementVersionId && s.CaseId == caseId
            select new { v.State, v.Number, v.DecidedAt, v.Title, s.Kind }).FirstOrDefaultAsync(ct);
        var channels = await UsableChannelsAsync(db, c.UnitId, ct);
        var channel = channels.FirstOrDefault(ch => ch.Id == input.ChannelId);
        var now = clock.GetUtcNow().UtcDateTime;
        var publishedAt = DbTime.AsUtc(input.PublishedAt);
        var url = StatementRules.WebAddress(input.Url);
        var invalid = Check.First(
            c.IsOpen ? null : Error.Validation("statementVersionId", "事件已结案，不能再登记发布。"),
            found is null ? Error.Validation("statementVersionId", "请选择本事件的一份通稿。")
                : found.State != StatementState.Approved ? Error.Validation("statementVersionId", $"通稿“{found.Title}”第 {found.Number} 版尚未审定，不能登记发布。") : null,
            channel is not null ? null : Error.Validation("channelId", "“发布渠道”须是本单位或上级单位在用的发布渠道。"),
            Check.Required("url", "发布链接", input.Url, Publication.UrlMaxLength),
            url is not null ? null : Error.Validation("url", "“发布链接”须是以 http:// 或 https:// 开头的完整网址。"),
            CheckPublishedAt(publishedAt, now, found?.DecidedAt));
        if (invalid is not null)
        {
            return invalid;
        }

        var at = DbTime.AsStored(publishedAt!.Value);
        var first = !await db.Set<Publication>().AnyAsync(p => p.CaseId == c.Id, ct);
        var publication = new Publication
        {
            Id = Guid.CreateVersion7(), CaseId = c.Id, StatementVersionId = input.StatementVersionId, ChannelId = channel!.Id, Url = url!.AbsoluteUri,
            PublishedAt = at, RecordedById = actor.UserId, RecordedAt = now,
        };
        db.Set<Publication>().Add(publication);
        var what = $"{StatementRules.Name(found!.Kind)}“{found.Title}”第 {found.Number} 版";
        CaseWork.Timeline(db, c, TimelineKind.Publication, $"{display.Format(at)} 通过{channel.UnitName}“{channel.Name}”发布{what}：{publication.Url}", actor.UserId, now);
        if (first)
        {
            if (ResponseProcedure.Target(c.Step, c.Level, CaseTrigger.Respond) is not null)
            {
                if (await CaseWork.MoveAsync(db, clock, actor, c, CaseTrigger.Respond, $"{channel.Name}发布{what}", ct) is { } moveRefused)
                {
                    return moveRefused;
                }
            }
            else
            {
                // Published before the procedure reached 通稿 (a Ⅳ case handled quickly): the response is still out.
                await CaseWork.FulfilAsync(db, c, [DeadlineKind.OfficialResponse, DeadlineKind.OuterLimit], actor.UserId, now, "已发布官方回应", ct);
            }
        }

        await ProgressReports.PublishedAsync(db, c, options.Value.Response, found.Kind, at, actor.UserId, now, ct);
        db.Audit(clock, actor, OpinionAudit.PublicationRecord, "ResponseCase", c.Id.ToString(), c.UnitId, detail: $"{what}；{channel.Name}；{publication.Url}");
        try
        {
            await db.SaveChangesAsync(ct);
            return publication.Id;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleEdit("处置事件");
        }
    }

    /// <summary>The active channels of the unit and of its superiors, the unit's own first.</summary>
    internal static async Task<List<UsableChannelDto>> UsableChannelsAsync(AppDbContext db, Guid unitId, CancellationToken ct)
    {
        var chain = await OpinionAccess.UnitChainAsync(db, unitId, ct);
        var rows = await (
            from ch in db.Set<PublicationChannel>().AsNoTracking()
            join u in db.Units.AsNoTracking() on ch.UnitId equals u.Id
            where chain.Contains(ch.UnitId) && ch.Active
            select new { ch, UnitName = u.Name }).ToListAsync(ct);
        return rows.OrderBy(r => chain.IndexOf(r.ch.UnitId)).ThenBy(r => r.ch.Name, StringComparer.Ordinal)
            .Select(r => new UsableChannelDto(r.ch.Id, r.ch.Name, StatementRules.Name(r.ch.Kind), r.UnitName, r.ch.Url)).ToList();
    }

    private static Error? CheckPublishedAt(DateTime? publishedAt, DateTime now, DateTime? approvedAt)
    {
        if (publishedAt is not { } at)
        {
            return Error.Validation("publishedAt", "请填写“发布时间”。");
        }

        if (at.Kind != DateTimeKind.Utc)
        {
            return Error.Validation("publishedAt", "“发布时间”须注明时区（如 2026-11-30T18:00:00+08:00）。");
        }

        if (at > now + TimeSpan.FromMinutes(1))
        {
            return Error.Validation("publishedAt", "“发布时间”不能晚于现在：登记的是已经发布的通稿。");
        }

        return approvedAt is { } approved && at < approved - TimeSpan.FromMinutes(1)
            ? Error.Validation("publishedAt", "“发布时间”不能早于通稿审定时间。")
            : null;
    }
}
