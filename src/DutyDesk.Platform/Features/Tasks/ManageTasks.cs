using DutyDesk.Text;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Files;
using DutyDesk.Platform.Outbox;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Tasks;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Platform.Features.Tasks;

public sealed record CreateTaskCommand(
    string Title, string? Description, Guid UnitId, Guid OwnerId, DateTime DueAt, string? ReminderOffsets,
    Guid? EscalateToId, bool EvidenceRequired, string SourceModule = "platform", string? SourceType = null, string? SourceId = null);

/// <summary>With <c>NothingToReport</c> the task closes as a 零报告 (only where it allows one) and <c>Note</c> is the reason.</summary>
public sealed record CompleteTaskCommand(Guid Id, string? Note, Guid Version, bool NothingToReport = false);

public sealed record RescheduleTaskCommand(Guid Id, DateTime DueAt, string Reason, Guid Version);

/// <summary>
/// Creates dated work, attaches evidence and closes it. Modules create their tasks through
/// <see cref="CreateAsync"/> with their own SourceModule/SourceType/SourceId.
/// </summary>
public sealed class ManageTasks(IDbContextFactory<AppDbContext> dbFactory, FileStore files, TimeProvider clock)
{
    /// <summary>A due time further out is a typing error (year 9999), not a plan; it would also fall out of every assessment year.</summary>
    public const int MaxYearsAhead = 5;

    public async Task<Result<Guid>> CreateAsync(Actor actor, CreateTaskCommand command, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // A time with an offset ("+08:00") arrives as Local and is converted; one without any zone is refused.
        if (command.DueAt.Kind == DateTimeKind.Local)
        {
            command = command with { DueAt = command.DueAt.ToUniversalTime() };
        }

        var (offsets, offsetProblem) = ReminderSchedule.Parse(command.ReminderOffsets);
        var invalid = Check.First(
            Check.Required("title", "标题", command.Title, DueTask.TitleMaxLength),
            Check.Optional("description", "说明", command.Description, 4000),
            Check.Required("sourceModule", "来源模块", command.SourceModule, 40),
            Check.Optional("sourceType", "来源类型", command.SourceType, 60),
            Check.Optional("sourceId", "来源记录", command.SourceId, 100),
            offsetProblem is null ? null : Error.Validation("reminderOffsets", "“提前提醒”有误：" + offsetProblem),
            command.DueAt.Kind != DateTimeKind.Utc ? Error.Validation("dueAt", "“截止时间”必须带时区，例如 2026-12-01T17:00:00+08:00。") : null,
            command.DueAt <= now ? Error.Validation("dueAt", "“截止时间”必须晚于现在。") : null,
            command.DueAt > now.AddYears(MaxYearsAhead) ? Error.Validation("dueAt", $"“截止时间”不能晚于 {MaxYearsAhead} 年之后。") : null);
        if (invalid is not null)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!actor.CanSee(command.UnitId) || !await db.Units.AnyAsync(u => u.Id == command.UnitId, ct))
        {
            return Error.NotFound("单位");
        }

        if (!TaskAccess.Manages(actor, command.UnitId))
        {
            await db.AuditDeniedAsync(clock, actor, "新建待办", "Unit", command.UnitId.ToString(), ct);
            return Error.Forbidden("只有本单位的第一责任人、分管领导、领导小组办公室或部门负责人可以布置待办。");
        }

        var owner = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == command.OwnerId && !u.IsDisabled, ct);
        if (owner is null || !actor.CanSee(owner.HomeUnitId))
        {
            return Error.Validation("ownerId", "“责任人”不存在、已停用或不在您的管辖范围内。");
        }

        if (command.EscalateToId is { } escalateTo)
        {
            var target = await db.Users.AsNoTracking().Where(u => u.Id == escalateTo && !u.IsDisabled).Select(u => new { u.HomeUnitId }).FirstOrDefaultAsync(ct);
            if (target is null)
            {
                return Error.Validation("escalateToId", "“逾期督办人”不存在或已停用。");
            }

            // The target reads the task: someone of the unit or of a superior unit (by home or role), never of a sibling.
            var targetUnits = await db.RoleAssignments.AsNoTracking().Where(r => r.UserId == escalateTo).Select(r => r.UnitId).ToListAsync(ct);
            targetUnits.Add(target.HomeUnitId);
            var unitPath = await db.Units.AsNoTracking().Where(u => u.Id == command.UnitId).Select(u => u.Path).FirstAsync(ct);
            var targetPaths = await db.Units.AsNoTracking().Where(u => targetUnits.Contains(u.Id)).Select(u => u.Path).ToListAsync(ct);
            if (!targetPaths.Any(p => p.StartsWith(unitPath, StringComparison.Ordinal) || unitPath.StartsWith(p, StringComparison.Ordinal)))
            {
                return Error.Validation("escalateToId", "“逾期督办人”须为本单位或上级单位的人员。");
            }
        }

        var task = db.AddDueTask(
            new DueTaskDraft(TextNormalizer.Clean(command.Title), command.Description, command.UnitId, owner.Id, command.DueAt, offsets!, command.EscalateToId,
                command.EvidenceRequired, command.SourceModule, command.SourceType, command.SourceId),
            actor.UserId, now);
        db.Audit(clock, actor, AuditActions.TaskCreate, "DueTask", task.Id.ToString(), task.UnitId, detail: $"{task.Title}，责任人：{owner.DisplayName}");
        if (owner.Id != actor.UserId)
        {
            db.Notify(clock, $"task:{task.Id:N}:assigned", new NotificationPayload(owner.Id, $"新待办：{task.Title}", $"{actor.DisplayName}布置，截止 {task.DueAt:yyyy-MM-dd HH:mm} UTC。", $"/tasks/{task.Id}"));
        }

        await db.SaveChangesAsync(ct);
        return task.Id;
    }

    public async Task<Result<Guid>> AddEvidenceAsync(Actor actor, Guid taskId, Stream content, string fileName, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.DueTasks.FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null || !TaskAccess.CanRead(actor, task))
        {
            return Error.NotFound("待办");
        }

        if (!TaskAccess.CanWork(actor, task))
        {
            return Error.Forbidden("只有责任人或本单位负责人可以上传佐证材料。");
        }

        if (task.State != DueTaskState.Open)
        {
            return Error.Validation("id", "待办已办结，不能再上传佐证材料。");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var stored = await db.AddUploadAsync(files, content, fileName, task.UnitId, actor.UserId, now, ct);
        if (!stored.IsSuccess)
        {
            return stored.Error!;
        }

        var file = stored.Value;
        db.TaskEvidence.Add(new TaskEvidence { Id = Guid.CreateVersion7(), TaskId = task.Id, FileId = file.Id, AddedAt = now, AddedBy = actor.UserId });
        db.Audit(clock, actor, AuditActions.TaskEvidence, "DueTask", task.Id.ToString(), task.UnitId, detail: $"{file.FileName}（{file.Size} 字节，SHA-256 {file.Sha256[..12]}…）");
        await db.SaveChangesAsync(ct);
        return file.Id;
    }

    public async Task<Result<Done>> CompleteAsync(Actor actor, CompleteTaskCommand command, CancellationToken ct = default)
    {
        if (Check.Optional("note", "办结说明", command.Note, 2000) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.DueTasks.Include(t => t.Evidence).FirstOrDefaultAsync(t => t.Id == command.Id, ct);
        if (task is null || !TaskAccess.CanRead(actor, task))
        {
            return Error.NotFound("待办");
        }

        if (!TaskAccess.CanWork(actor, task))
        {
            await db.AuditDeniedAsync(clock, actor, "办结待办", "DueTask", task.Id.ToString(), ct);
            return Error.Forbidden("只有责任人或本单位负责人可以办结待办。");
        }

        if (task.Version != command.Version)
        {
            return Error.StaleEdit("该待办");
        }

        if (task.State != DueTaskState.Open)
        {
            return Error.Validation("id", "待办已办结。");
        }

        if (command.NothingToReport)
        {
            if (!task.AllowsNothingToReport)
            {
                return Error.Validation("nothingToReport", "此待办不能以零报告办结：请上传佐证材料。");
            }

            if (string.IsNullOrWhiteSpace(command.Note))
            {
                return Error.Validation("note", "零报告须在“办结说明”中写明理由，例如“本月未发现风险点”。");
            }
        }
        else if (task.EvidenceRequired && task.Evidence.Count == 0)
        {
            return Error.Validation("evidence", task.AllowsNothingToReport
                ? "此待办需要佐证材料：请上传会议纪要、报告或照片等材料，或以零报告办结并写明理由。"
                : "此待办需要佐证材料：请先上传会议纪要、报告或照片等材料再办结。");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        task.Complete(now, actor.UserId, command.Note, command.NothingToReport);
        db.Audit(clock, actor, AuditActions.TaskComplete, "DueTask", task.Id.ToString(), task.UnitId,
            detail: $"{task.Title}{(now > task.DueAt ? "（逾期办结）" : "")}，" + (command.NothingToReport ? $"零报告：{task.CompletionNote}" : $"佐证 {task.Evidence.Count} 份"));
        try
        {
            await db.SaveChangesAsync(ct);
            return Done.Value;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleEdit("该待办");
        }
    }

    /// <summary>Moves a task's due time (the obligation's scheduled date stays); the reason is audited.</summary>
    public async Task<Result<Done>> RescheduleAsync(Actor actor, RescheduleTaskCommand command, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var dueAt = command.DueAt.Kind == DateTimeKind.Local ? command.DueAt.ToUniversalTime() : command.DueAt;
        var invalid = Check.First(
            Check.Required("reason", "调整理由", command.Reason, 500),
            dueAt.Kind != DateTimeKind.Utc ? Error.Validation("dueAt", "“截止时间”必须带时区，例如 2026-12-01T17:00:00+08:00。") : null,
            dueAt <= now ? Error.Validation("dueAt", "“截止时间”必须晚于现在。") : null,
            dueAt > now.AddYears(MaxYearsAhead) ? Error.Validation("dueAt", $"“截止时间”不能晚于 {MaxYearsAhead} 年之后。") : null);
        if (invalid is not null)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.DueTasks.FirstOrDefaultAsync(t => t.Id == command.Id, ct);
        if (task is null || !TaskAccess.CanRead(actor, task))
        {
            return Error.NotFound("待办");
        }

        if (!TaskAccess.Manages(actor, task.UnitId))
        {
            await db.AuditDeniedAsync(clock, actor, "调整截止时间", "DueTask", task.Id.ToString(), ct);
            return Error.Forbidden("只有本单位的第一责任人、分管领导、领导小组办公室或部门负责人可以调整截止时间。");
        }

        if (task.Version != command.Version)
        {
            return Error.StaleEdit("该待办");
        }

        if (task.State != DueTaskState.Open)
        {
            return Error.Validation("id", "待办已办结，不能再调整截止时间。");
        }

        var before = task.DueAt;
        task.Reschedule(dueAt, now);
        db.Audit(clock, actor, AuditActions.TaskReschedule, "DueTask", task.Id.ToString(), task.UnitId,
            detail: $"{task.Title}：截止 {before:yyyy-MM-dd HH:mm} → {dueAt:yyyy-MM-dd HH:mm} UTC，理由：{command.Reason.Trim()}");
        try
        {
            await db.SaveChangesAsync(ct);
            return Done.Value;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleEdit("该待办");
        }
    }
}
