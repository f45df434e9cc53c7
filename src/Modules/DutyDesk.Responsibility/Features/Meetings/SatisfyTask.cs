using DutyDesk.Responsibility;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Tasks;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Responsibility.Features.Meetings;

/// <summary><c>Version</c> is the meeting's.</summary>
public sealed record SatisfyTaskCommand(Guid MeetingId, Guid TaskId, Guid Version);

/// <summary>
/// "Use this meeting for an open task": the meeting's files become the task's evidence and the task is
/// closed, in one transaction, so an obligation such as 专题研究意识形态工作 is met by the meeting that met it.
/// </summary>
internal sealed class SatisfyTask(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Result<Done>> HandleAsync(Actor actor, SatisfyTaskCommand command, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meeting = await db.Set<Meeting>().Include(m => m.Attachments).FirstOrDefaultAsync(m => m.Id == command.MeetingId, ct);
        if (meeting is null || !actor.CanSee(meeting.UnitId))
        {
            return Error.NotFound("会议");
        }

        if (!UnitManagers.Manages(actor, meeting.UnitId))
        {
            await db.AuditDeniedAsync(clock, actor, "以会议办结待办", "Meeting", meeting.Id.ToString(), ct);
            return Error.Forbidden("只有本单位或上级单位的第一责任人、分管领导、领导小组办公室或部门负责人可以用会议办结待办。");
        }

        if (meeting.Version != command.Version)
        {
            return Error.StaleEdit("该会议记录");
        }

        if (meeting.SatisfiedTaskId is not null)
        {
            return Error.Validation("taskId", "本次会议已用于办结一项待办，不能再用于其他待办。");
        }

        if (!meeting.HasMinutes && meeting.Attachments.Count == 0)
        {
            return Error.Validation("evidence", "会议还没有纪要，也没有附件，不能作为办结佐证：请先填写会议纪要或上传会议材料。");
        }

        var task = await db.DueTasks.Include(t => t.Evidence).FirstOrDefaultAsync(t => t.Id == command.TaskId, ct);
        if (task is null || !actor.CanSee(task.UnitId))
        {
            return Error.NotFound("待办");
        }

        if (task.SourceModule != TaskSources.Module || task.SourceType != TaskSources.ObligationOccurrence)
        {
            return Error.Validation("taskId", "只能用会议办结由制度性要求产生的待办。");
        }

        var paths = await db.Units.AsNoTracking().Where(u => u.Id == meeting.UnitId || u.Id == task.UnitId).ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        if (!paths[task.UnitId].StartsWith(paths[meeting.UnitId], StringComparison.Ordinal))
        {
            return Error.Validation("taskId", "待办须属于会议所在单位或其下级单位。");
        }

        if (task.State != DueTaskState.Open)
        {
            return Error.Validation("taskId", "该待办已办结或已取消。");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var already = task.Evidence.Select(e => e.FileId).ToHashSet();
        foreach (var attachment in meeting.Attachments.Where(a => !already.Contains(a.FileId)))
        {
            task.Evidence.Add(new TaskEvidence { Id = Guid.CreateVersion7(), TaskId = task.Id, FileId = attachment.FileId, AddedAt = now, AddedBy = actor.UserId });
        }

        task.Complete(now, actor.UserId, $"由会议《{meeting.Title}》办结", nothingToReport: false);
        meeting.SatisfiedTaskId = task.Id;
        meeting.UpdatedAt = now;
        try
        {
            // Two audit rows (the task's and the meeting's) are two appends to the chain; one transaction keeps them with the change.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Audit(clock, actor, AuditActions.TaskComplete, "DueTask", task.Id.ToString(), task.UnitId,
                detail: $"{task.Title}{(now > task.DueAt ? "（逾期办结）" : "")}，由会议《{meeting.Title}》办结，佐证 {task.Evidence.Count} 份");
            await db.SaveChangesAsync(ct);
            db.Audit(clock, actor, ResponsibilityAudit.MeetingSatisfyTask, "Meeting", meeting.Id.ToString(), meeting.UnitId,
                detail: $"《{meeting.Title}》办结待办“{task.Title}”（{task.Id}），附件 {meeting.Attachments.Count} 份{(meeting.HasMinutes ? "，含纪要" : "")}");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return Done.Value;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleEdit("该会议记录或待办");
        }
    }
}
