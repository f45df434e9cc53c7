using DutyDesk.Opinion.Data;
using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Outbox;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Tasks;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Response.Statements;

public sealed record CreateStatementInput(StatementKind Kind, string? Title, string? Text);

/// <summary>A draft as saved: the title, the text, and the statement's version last read.</summary>
public sealed record SaveStatementInput(string? Title, string? Text, Guid Version);

public sealed record StatementVersionDto(
    Guid Id, int Number, string Title, string Text, StatementState State, string StateName, string CreatedBy, DateTime CreatedAt,
    string? SubmittedBy, DateTime? SubmittedAt, string? DecidedBy, DateTime? DecidedAt, string? ReturnReason);

public sealed record StatementDto(
    Guid Id, StatementKind Kind, string KindName, string Title, StatementState State, string StateName, int Current, Guid Version,
    IReadOnlyList<StatementVersionDto> Versions);

/// <summary>
/// A case's statements with what the person looking may do; <c>CauseBlocked</c> says why a 原因说明 cannot be approved
/// yet (null when it can).
/// </summary>
public sealed record CaseStatementsView(IReadOnlyList<StatementDto> Statements, bool CanDraft, bool CanApprove, string? CauseBlocked);

/// <summary>
/// Statements (通稿): drafted in versions (a changed text is a new version; an approved version never changes),
/// submitted to the leading group, approved or returned with the reason. The first approval of a case makes the move
/// 审定通稿 when the procedure allows it. A 原因说明 waits for the investigation to be closed.
/// </summary>
internal sealed class ManageStatements(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Result<CaseStatementsView>> ListAsync(Actor actor, Guid caseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var loaded = await CaseWork.LoadAsync(db, actor, caseId, ct);
        if (loaded.Error is { } missing)
        {
            return missing;
        }

        var c = loaded.Value;
        var statements = await db.Set<Statement>().AsNoTracking().Where(s => s.CaseId == caseId).OrderBy(s => s.CreatedAt).ToListAsync(ct);
        var ids = statements.Select(s => s.Id).ToList();
        var versions = await db.Set<StatementVersion>().AsNoTracking().Where(v => ids.Contains(v.StatementId)).OrderBy(v => v.Number).ToListAsync(ct);
        var people = versions.SelectMany(v => new[] { v.CreatedById, v.SubmittedById, v.DecidedById }).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        string? Name(Guid? id) => id is { } known ? names.GetValueOrDefault(known, "?") : null;
        return new CaseStatementsView(
            statements.Select(s => new StatementDto(
                s.Id, s.Kind, StatementRules.Name(s.Kind), s.Title, s.State, StatementRules.Name(s.State), s.Current, s.Version,
                versions.Where(v => v.StatementId == s.Id).Select(v => new StatementVersionDto(
                    v.Id, v.Number, v.Title, v.Text, v.State, StatementRules.Name(v.State), Name(v.CreatedById)!, v.CreatedAt,
                    Name(v.SubmittedById), v.SubmittedAt, Name(v.DecidedById), v.DecidedAt, v.ReturnReason)).ToList())).ToList(),
            c.IsOpen && StatementRules.Drafters.Any(r => actor.HoldsIn(r, c.UnitId)),
            c.IsOpen && StatementRules.Approvers.Any(r => actor.HoldsIn(r, c.UnitId)),
            await CauseBlockedAsync(db, c.Id, ct));
    }

    public async Task<Result<Guid>> CreateAsync(Actor actor, Guid caseId, CreateStatementInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateGuardedAsync(ct);
        var loaded = await CaseWork.LoadAsync(db, actor, caseId, ct);
        if (loaded.Error is { } missing)
        {
            return missing;
        }

        var c = loaded.Value;
        if (await CaseWork.CheckRoleAsync(db, clock, actor, c, StatementRules.Drafters, "起草通稿", ct) is { } refused)
        {
            return refused;
        }

        var invalid = Check.First(
            c.IsOpen ? null : Error.Validation("kind", "事件已结案，不能再起草通稿。"),
            Enum.IsDefined(input.Kind) ? null : Error.Validation("kind", "“通稿类型”不是可选的值。"),
            Check.Required("title", "通稿标题", input.Title, Statement.TitleMaxLength),
            Check.Required("text", "通稿正文", input.Text, StatementVersion.TextMaxLength));
        if (invalid is not null)
        {
            return invalid;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var s = new Statement
        {
            Id = Guid.CreateVersion7(), CaseId = c.Id, Kind = input.Kind, Title = input.Title!.Trim(), State = StatementState.Draft, Current = 1,
            CreatedAt = now, CreatedById = actor.UserId, UpdatedAt = now,
        };
        db.Set<Statement>().Add(s);
        db.Set<StatementVersion>().Add(NewVersion(s, input.Text!, actor.UserId, now));
        CaseWork.Timeline(db, c, TimelineKind.Statement, $"起草{StatementRules.Name(s.Kind)}“{s.Title}”第 1 版", actor.UserId, now);
        db.Audit(clock, actor, OpinionAudit.StatementSave, "Statement", s.Id.ToString(), c.UnitId, detail: $"{StatementRules.Name(s.Kind)}“{s.Title}”第 1 版");
        return await SaveAsync(db, s.Id, ct);
    }

    /// <summary>
    /// Saves the draft: a changed title or text becomes the next version (after an approval too — the approved one stays
    /// as it was and the new one needs approval again); unchanged, no version is made. Refused while a version awaits approval.
    /// </summary>
    public async Task<Result<int>> SaveDraftAsync(Actor actor, Guid caseId, Guid statementId, SaveStatementInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateGuardedAsync(ct);
        var loaded = await LoadAsync(db, actor, caseId, statementId, StatementRules.Drafters, "修改通稿", input.Version, ct);
        if (loaded.Error is { } failed)
        {
            return failed;
        }

        var (c, s, latest) = loaded.Value;
        var invalid = Check.First(
            Check.Required("title", "通稿标题", input.Title, Statement.TitleMaxLength),
            Check.Required("text", "通稿正文", input.Text, StatementVersion.TextMaxLength),
            latest.State == StatementState.Submitted ? Error.Validation("text", $"第 {latest.Number} 版正在送审，审定或退回后才能修改。") : null);
        if (invalid is not null)
        {
            return invalid;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var title = input.Title!.Trim();
        var text = input.Text!.Trim();
        if (title == latest.Title && text == latest.Text)
        {
            return s.Current;
        }

        // Title and text are approved together, so either changed is a new version; the one before stays as it was.
        s.Title = title;
        s.Current = latest.Number + 1;
        s.State = StatementState.Draft;
        s.UpdatedAt = now;
        db.Set<StatementVersion>().Add(NewVersion(s, text, actor.UserId, now));
        var after = latest.State == StatementState.Approved ? $"（已审定的第 {latest.Number} 版不变，新版本须重新审定）" : "";
        CaseWork.Timeline(db, c, TimelineKind.Statement, $"修改{StatementRules.Name(s.Kind)}“{s.Title}”，保存为第 {s.Current} 版{after}", actor.UserId, now);
        db.Audit(clock, actor, OpinionAudit.StatementSave, "Statement", s.Id.ToString(), c.UnitId, detail: $"{StatementRules.Name(s.Kind)}“{s.Title}”第 {s.Current} 版");
        var saved = await SaveAsync(db, s.Id, ct);
        return saved.Error is { } stale ? stale : s.Current;
    }

    /// <summary>送审: the newest version, a draft, goes to the leading group, who are told.</summary>
    public async Task<Result<Guid>> SubmitAsync(Actor actor, Guid caseId, Guid statementId, Guid version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateGuardedAsync(ct);
        var loaded = await LoadAsync(db, actor, caseId, statementId, StatementRules.Drafters, "通稿送审", version, ct);
        if (loaded.Error is { } failed)
        {
            return failed;
        }

        var (c, s, latest) = loaded.Value;
        if (latest.State != StatementState.Draft)
        {
            return Error.Validation("statement", latest.State == StatementState.Returned
                ? $"第 {latest.Number} 版已退回，请按退回理由修改并保存为新版本后再送审。"
                : $"第 {latest.Number} 版{StatementRules.Name(latest.State)}，不能再送审。");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        latest.State = s.State = StatementState.Submitted;
        latest.SubmittedAt = now;
        latest.SubmittedById = actor.UserId;
        s.UpdatedAt = now;
        CaseWork.Timeline(db, c, TimelineKind.Statement, $"{StatementRules.Name(s.Kind)}“{s.Title}”第 {latest.Number} 版送审", actor.UserId, now);
        var approvers = await db.RoleAssignments.Where(r => r.UnitId == c.UnitId && (r.Role == Role.FirstResponsible || r.Role == Role.LeaderInCharge))
            .Select(r => r.UserId).Distinct().ToListAsync(ct);
        foreach (var person in approvers)
        {
            db.Notify(clock, $"statement:{s.Id:N}:v{latest.Number}:submitted:{person:N}", new NotificationPayload(
                person, $"通稿待审定：{s.Title}", $"舆情事件“{c.Title}”的{StatementRules.Name(s.Kind)}第 {latest.Number} 版已送审。", $"/opinion/response/{c.Id}"));
        }

        db.Audit(clock, actor, OpinionAudit.StatementSubmit, "Statement", s.Id.ToString(), c.UnitId, detail: $"“{s.Title}”第 {latest.Number} 版");
        return await SaveAsync(db, s.Id, ct);
    }

    /// <summary>审定: by the leading group; the case's first approval moves it to 通稿 when its step allows.</summary>
    public async Task<Result<Guid>> ApproveAsync(Actor actor, Guid caseId, Guid statementId, Guid version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateGuardedAsync(ct);
        var loaded = await LoadAsync(db, actor, caseId, statementId, StatementRules.Approvers, "审定通稿", version, ct);
        if (loaded.Error is { } failed)
        {
            return failed;
        }

        var (c, s, latest) = loaded.Value;
        if (latest.State != StatementState.Submitted)
        {
            return Error.Validation("statement", $"第 {latest.Number} 版{StatementRules.Name(latest.State)}，只有送审中的版本可以审定。");
        }

        if (s.Kind == StatementKind.CauseExplanation && await CauseBlockedAsync(db, c.Id, ct) is { } blocked)
        {
            return Error.Validation("statement", blocked);
        }

        var statementIds = db.Set<Statement>().Where(x => x.CaseId == c.Id).Select(x => x.Id);
        var first = !await db.Set<StatementVersion>().AnyAsync(v => statementIds.Contains(v.StatementId) && v.State == StatementState.Approved, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        latest.State = s.State = StatementState.Approved;
        latest.DecidedAt = now;
        latest.DecidedById = actor.UserId;
        s.UpdatedAt = now;
        var what = $"{StatementRules.Name(s.Kind)}“{latest.Title}”第 {latest.Number} 版";
        CaseWork.Timeline(db, c, TimelineKind.Statement, $"审定{what}", actor.UserId, now);
        if (first && ResponseProcedure.Target(c.Step, c.Level, CaseTrigger.ApproveStatement) is not null
            && await CaseWork.MoveAsync(db, clock, actor, c, CaseTrigger.ApproveStatement, what, ct) is { } refused)
        {
            return refused;
        }

        db.Audit(clock, actor, OpinionAudit.StatementApprove, "Statement", s.Id.ToString(), c.UnitId, detail: what);
        return await SaveAsync(db, s.Id, ct);
    }

    /// <summary>退回: by the leading group, with the reason; the drafters save a new version and submit again.</summary>
    public async Task<Result<Guid>> ReturnAsync(Actor actor, Guid caseId, Guid statementId, string? reason, Guid version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateGuardedAsync(ct);
        var loaded = await LoadAsync(db, actor, caseId, statementId, StatementRules.Approvers, "退回通稿", version, ct);
        if (loaded.Error is { } failed)
        {
            return failed;
        }

        var (c, s, latest) = loaded.Value;
        var invalid = Check.First(
            Check.Required("reason", "退回理由", reason, StatementVersion.ReasonMaxLength),
            latest.State == StatementState.Submitted ? null : Error.Validation("statement", $"第 {latest.Number} 版{StatementRules.Name(latest.State)}，只有送审中的版本可以退回。"));
        if (invalid is not null)
        {
            return invalid;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        latest.State = s.State = StatementState.Returned;
        latest.DecidedAt = now;
        latest.DecidedById = actor.UserId;
        latest.ReturnReason = reason!.Trim();
        s.UpdatedAt = now;
        CaseWork.Timeline(db, c, TimelineKind.Statement, $"退回{StatementRules.Name(s.Kind)}“{s.Title}”第 {latest.Number} 版。理由：{latest.ReturnReason}", actor.UserId, now);
        db.Audit(clock, actor, OpinionAudit.StatementReturn, "Statement", s.Id.ToString(), c.UnitId, detail: $"第 {latest.Number} 版：{latest.ReturnReason}");
        return await SaveAsync(db, s.Id, ct);
    }

    /// <summary>对比: what changed from version <paramref name="from"/> to version <paramref name="to"/>, character by character.</summary>
    public async Task<Result<IReadOnlyList<DiffSpan>>> DiffAsync(Actor actor, Guid caseId, Guid statementId, int from, int to, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var loaded = await CaseWork.LoadAsync(db, actor, caseId, ct);
        if (loaded.Error is { } missing)
        {
            return missing;
        }

        if (!await db.Set<Statement>().AnyAsync(s => s.Id == statementId && s.CaseId == caseId, ct))
        {
            return Error.NotFound("通稿");
        }

        var texts = await db.Set<StatementVersion>().AsNoTracking().Where(v => v.StatementId == statementId && (v.Number == from || v.Number == to))
            .ToDictionaryAsync(v => v.Number, v => v.Text, ct);
        if (!texts.TryGetValue(from, out var older))
        {
            return Error.Validation("from", $"通稿没有第 {from} 版。");
        }

        if (!texts.TryGetValue(to, out var newer))
        {
            return Error.Validation("to", $"通稿没有第 {to} 版。");
        }

        return Result<IReadOnlyList<DiffSpan>>.Ok(StatementDiff.Between(older, newer));
    }

    /// <summary>Why a 原因说明 of the case cannot be approved now, or null: every investigation must be closed, and there must be one.</summary>
    internal static async Task<string?> CauseBlockedAsync(AppDbContext db, Guid caseId, CancellationToken ct)
    {
        var investigations = await (
            from link in db.Set<CaseTask>().AsNoTracking()
            join t in db.DueTasks.AsNoTracking() on link.TaskId equals t.Id
            where link.CaseId == caseId && link.Kind == CaseTaskKind.Investigation
            select new { t.Title, t.State }).ToListAsync(ct);
        if (!investigations.Any(i => i.State == DueTaskState.Done))
        {
            return investigations.Count == 0
                ? "原因说明须在调查核实办结后审定：本事件尚未布置“调查核实”任务。"
                : "原因说明须在调查核实办结后审定：调查核实任务尚未办结。";
        }

        var open = investigations.Where(i => i.State == DueTaskState.Open).Select(i => $"“{i.Title}”").ToList();
        return open.Count == 0 ? null : $"原因说明须在调查核实办结后审定：{string.Join("、", open)}尚未办结。";
    }

    private static StatementVersion NewVersion(Statement s, string text, Guid by, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(), StatementId = s.Id, Number = s.Current, Title = s.Title, Text = text.Trim(), CreatedAt = now, CreatedById = by, State = StatementState.Draft,
    };

    /// <summary>The case in scope, the statement of it at the version last read, its newest version, and the actor's role checked.</summary>
    private async Task<Result<(ResponseCase Case, Statement Statement, StatementVersion Latest)>> LoadAsync(
        AppDbContext db, Actor actor, Guid caseId, Guid statementId, IReadOnlyList<Role> roles, string attempted, Guid version, CancellationToken ct)
    {
        var loaded = await CaseWork.LoadAsync(db, actor, caseId, ct);
        if (loaded.Error is { } missing)
        {
            return missing;
        }

        var c = loaded.Value;
        var s = await db.Set<Statement>().FirstOrDefaultAsync(x => x.Id == statementId && x.CaseId == caseId, ct);
        if (s is null)
        {
            return Error.NotFound("通稿");
        }

        if (await CaseWork.CheckRoleAsync(db, clock, actor, c, roles, attempted, ct) is { } refused)
        {
            return refused;
        }

        if (!c.IsOpen)
        {
            return Error.Validation("statement", "事件已结案，通稿不能再修改、送审或审定。");
        }

        if (s.Version != version)
        {
            return Error.StaleEdit("通稿");
        }

        var latest = await db.Set<StatementVersion>().FirstAsync(v => v.StatementId == s.Id && v.Number == s.Current, ct);
        return (c, s, latest);
    }

    private static async Task<Result<Guid>> SaveAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return id;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleEdit("通稿");
        }
    }
}
