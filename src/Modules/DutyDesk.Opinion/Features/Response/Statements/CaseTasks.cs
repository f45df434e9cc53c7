using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using DutyDesk.Platform.Tasks;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Response.Statements;

/// <summary>A task of the offline track to assign: kind, what to do, who, by when.</summary>
public sealed record AssignCaseTaskInput(CaseTaskKind Kind, string? Title, string? Description, Guid? OwnerId, DateTime? DueAt);

/// <summary>A task of the offline track as the case page shows it; its state is the DueTask's own.</summary>
public sealed record CaseTaskDto(
    Guid TaskId, CaseTaskKind Kind, string KindName, string Title, string? Description, string Owner, DateTime DueAt,
    DueTaskState State, DateTime? CompletedAt, string? CompletionNote, string AssignedBy, DateTime AssignedAt);

/// <summary>Someone a task may go to: a person with a role in the case's unit or below it.</summary>
public sealed record AssigneeDto(Guid UserId, string Name, string Roles);

public sealed record CaseTasksView(IReadOnlyList<CaseTaskDto> Tasks, IReadOnlyList<AssigneeDto> Assignees, bool CanAssign);

/// <summary>
/// The offline track (线下处置): investigation, fix and other tasks of a case as DueTasks — reminded, escalated and
/// closed with evidence on the task page like any other — linked to the case with their kind.
/// </summary>
internal sealed class CaseTasks(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, DisplayClock display)
{
    public const string SourceType = "ResponseCaseTask";
    public const int DescriptionMaxLength = 4000;

    /// <summary>How far ahead a task may be due.</summary>
    public static readonly TimeSpan LongestDue = TimeSpan.FromDays(90);

    public async Task<Result<CaseTasksView>> ListAsync(Actor actor, Guid caseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var loaded = await CaseWork.LoadAsync(db, actor, caseId, ct);
        if (loaded.Error is { } missing)
        {
            return missing;
        }

        var c = loaded.Value;
        var rows = await (
            from link in db.Set<CaseTask>().AsNoTracking()
            join t in db.DueTasks.AsNoTracking() on link.TaskId equals t.Id
            where link.CaseId == caseId
            orderby link.AssignedAt
            select new { link, t }).ToListAsync(ct);
        var people = rows.SelectMany(r => new[] { r.t.OwnerId, r.link.AssignedById }).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var canAssign = c.IsOpen && StatementRules.Drafters.Any(r => actor.HoldsIn(r, c.UnitId));
        return new CaseTasksView(
            rows.Select(r => new CaseTaskDto(
                r.t.Id, r.link.Kind, StatementRules.Name(r.link.Kind), r.t.Title, r.t.Description, names.GetValueOrDefault(r.t.OwnerId, "?"), r.t.DueAt,
                r.t.State, r.t.CompletedAt, r.t.CompletionNote, names.GetValueOrDefault(r.link.AssignedById, "?"), r.link.AssignedAt)).ToList(),
            canAssign ? await AssigneesAsync(db, c.UnitId, ct) : [],
            canAssign);
    }

    public async Task<Result<Guid>> AssignAsync(Actor actor, Guid caseId, AssignCaseTaskInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var loaded = await CaseWork.LoadAsync(db, actor, caseId, ct);
        if (loaded.Error is { } missing)
        {
            return missing;
        }

        var c = loaded.Value;
        if (await CaseWork.CheckRoleAsync(db, clock, actor, c, StatementRules.Drafters, "布置线下处置任务", ct) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var dueAt = DbTime.AsUtc(input.DueAt);
        var assignees = await AssigneesAsync(db, c.UnitId, ct);
        var invalid = Check.First(
            c.IsOpen ? null : Error.Validation("kind", "事件已结案，不能再布置任务。"),
            Enum.IsDefined(input.Kind) ? null : Error.Validation("kind", "“任务类型”不是可选的值。"),
            Check.Required("title", "任务名称", input.Title, DueTask.TitleMaxLength - 12),
            Check.Optional("description", "任务说明", input.Description, DescriptionMaxLength),
            input.OwnerId is { } ownerId && assignees.Any(a => a.UserId == ownerId)
                ? null
                : Error.Validation("ownerId", "“责任人”须是在本单位或其下属部门担任职务的人员。"),
            CheckDue(dueAt, now));
        if (invalid is not null)
        {
            return invalid;
        }

        var due = DbTime.AsStored(dueAt!.Value);
        var title = input.Title!.Trim();
        var task = db.AddDueTask(new DueTaskDraft(
            $"【{StatementRules.Name(input.Kind)}】{title}",
            string.IsNullOrWhiteSpace(input.Description) ? $"舆情事件“{c.Title}”的线下处置任务。" : input.Description.Trim(),
            c.UnitId, input.OwnerId!.Value, due, Reminders(due - now), actor.UserId,
            EvidenceRequired: input.Kind != CaseTaskKind.Other, CaseWork.SourceModule, SourceType, c.Id.ToString()), actor.UserId, now);
        db.Set<CaseTask>().Add(new CaseTask { TaskId = task.Id, CaseId = c.Id, Kind = input.Kind, AssignedById = actor.UserId, AssignedAt = now });
        var owner = assignees.First(a => a.UserId == input.OwnerId).Name;
        CaseWork.Timeline(db, c, TimelineKind.Action, $"布置{StatementRules.Name(input.Kind)}任务：{title}，责任人 {owner}，{display.Format(due)} 前完成", actor.UserId, now);
        db.Audit(clock, actor, OpinionAudit.CaseTask, "ResponseCase", c.Id.ToString(), c.UnitId, detail: $"{StatementRules.Name(input.Kind)}：{title}；责任人 {owner}");
        try
        {
            await db.SaveChangesAsync(ct);
            return task.Id;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleEdit("处置事件");
        }
    }

    /// <summary>The people holding a role in the unit or a unit below it, by name.</summary>
    private static async Task<List<AssigneeDto>> AssigneesAsync(AppDbContext db, Guid unitId, CancellationToken ct)
    {
        var path = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).FirstAsync(ct);
        var rows = await (
            from r in db.RoleAssignments.AsNoTracking()
            join u in db.Units.AsNoTracking() on r.UnitId equals u.Id
            join p in db.Users.AsNoTracking() on r.UserId equals p.Id
            where u.Path.StartsWith(path)
            select new { r.UserId, p.DisplayName, r.Role, UnitName = u.Name }).ToListAsync(ct);
        return rows
            .Where(r => !r.Role.IsAdministrative())
            .GroupBy(r => r.UserId)
            .Select(g => new AssigneeDto(g.Key, g.First().DisplayName, string.Join("、", g.Select(r => $"{r.UnitName}{r.Role.ToChinese()}").Distinct())))
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static Error? CheckDue(DateTime? dueAt, DateTime now)
    {
        if (dueAt is not { } due)
        {
            return Error.Validation("dueAt", "请填写“完成时限”。");
        }

        if (due.Kind != DateTimeKind.Utc)
        {
            return Error.Validation("dueAt", "“完成时限”须注明时区（如 2026-11-30T18:00:00+08:00）。");
        }

        if (due <= now)
        {
            return Error.Validation("dueAt", "“完成时限”须晚于现在。");
        }

        return due > now + LongestDue ? Error.Validation("dueAt", "“完成时限”不能超过 90 天。") : null;
    }

    /// <summary>Half way and an hour before, where they fit.</summary>
    private static int[] Reminders(TimeSpan allowed)
    {
        var total = (int)allowed.TotalMinutes;
        return new[] { total / 2, 60 }.Where(m => m > 0 && m < total).Distinct().OrderDescending().ToArray();
    }
}
