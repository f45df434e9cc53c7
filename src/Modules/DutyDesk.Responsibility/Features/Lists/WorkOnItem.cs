using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Files;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Tasks;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Responsibility.Features.Lists;

public sealed record AddNoteCommand(Guid ListId, Guid ItemId, string Text);

public sealed record CompleteItemCommand(Guid ListId, Guid ItemId, string? Note, Guid Version);

/// <summary>
/// The work on a row by its 责任人 or the unit's managers: progress notes (appended, never edited),
/// evidence files, and completion, which closes the row's DueTask as well and needs evidence.
/// </summary>
public sealed class WorkOnItem(IDbContextFactory<AppDbContext> dbFactory, FileStore files, TimeProvider clock)
{
    private const string CompletionPrefix = "办结：";

    public async Task<Result<Guid>> AddNoteAsync(Actor actor, AddNoteCommand command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (Check.Required("text", "进展情况", command.Text, ListItemNote.TextMaxLength) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await FindAsync(db, actor, command.ListId, command.ItemId, "填写进展情况", ct);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var (list, item) = found.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var note = new ListItemNote { Id = Guid.CreateVersion7(), ItemId = item.Id, At = now, AuthorId = actor.UserId, Text = command.Text.Trim() };
        db.Add(note);
        if (item.Progress == ItemProgress.NotStarted)
        {
            // A first report of progress means the work has begun.
            item.Progress = ItemProgress.InProgress;
        }

        db.Audit(clock, actor, ResponsibilityAudit.ListItemNote, nameof(ResponsibilityListItem), item.Id.ToString(), list.UnitId, detail: $"第 {item.Order} 项：{note.Text}");
        await db.SaveChangesAsync(ct);
        return note.Id;
    }

    /// <summary>Stores the file (checked by content and size) on the row and, while it is open, on the row's DueTask.</summary>
    public async Task<Result<Guid>> AddEvidenceAsync(Actor actor, Guid listId, Guid itemId, Stream content, string fileName, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await FindAsync(db, actor, listId, itemId, "上传责任清单佐证材料", ct);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var (list, item) = found.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var stored = await db.AddUploadAsync(files, content, fileName, list.UnitId, actor.UserId, now, ct);
        if (!stored.IsSuccess)
        {
            return stored.Error!;
        }

        var file = stored.Value;
        db.Add(new ListItemFile { Id = Guid.CreateVersion7(), ItemId = item.Id, FileId = file.Id, AddedAt = now, AddedBy = actor.UserId });
        if (item.TaskId is { } taskId && await db.DueTasks.AnyAsync(t => t.Id == taskId && t.State == DueTaskState.Open, ct))
        {
            db.TaskEvidence.Add(new TaskEvidence { Id = Guid.CreateVersion7(), TaskId = taskId, FileId = file.Id, AddedAt = now, AddedBy = actor.UserId });
        }

        if (item.Progress == ItemProgress.NotStarted)
        {
            item.Progress = ItemProgress.InProgress;
        }

        db.Audit(clock, actor, ResponsibilityAudit.ListItemEvidence, nameof(ResponsibilityListItem), item.Id.ToString(), list.UnitId,
            detail: $"第 {item.Order} 项：{file.FileName}（{file.Size} 字节，SHA-256 {file.Sha256[..12]}…）");
        await db.SaveChangesAsync(ct);
        return file.Id;
    }

    public async Task<Result<Done>> CompleteAsync(Actor actor, CompleteItemCommand command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        // The note is kept as a progress note behind its prefix, and that note must fit its column.
        if (Check.Optional("note", "办结说明", command.Note, ListItemNote.TextMaxLength - CompletionPrefix.Length) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await FindAsync(db, actor, command.ListId, command.ItemId, "办结责任清单事项", ct);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var (list, item) = found.Value;
        if (item.Version != command.Version)
        {
            return Error.StaleEdit("该事项");
        }

        var task = item.TaskId is { } taskId ? await db.DueTasks.Include(t => t.Evidence).FirstAsync(t => t.Id == taskId, ct) : null;
        if (item.Progress == ItemProgress.Done || task?.State == DueTaskState.Done)
        {
            return Error.Validation("id", "事项已完成。");
        }

        var rowFiles = await db.Set<ListItemFile>().Where(f => f.ItemId == item.Id).Select(f => f.FileId).ToListAsync(ct);
        var evidence = rowFiles.Concat(task?.Evidence.Select(e => e.FileId) ?? []).Distinct().Count();
        if (evidence == 0)
        {
            return Error.Validation("evidence", "办结须有佐证材料：请先上传会议纪要、报告或照片等材料。");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();
        item.Progress = ItemProgress.Done;
        item.CompletedAt = now;
        item.CompletedBy = actor.UserId;
        if (note is not null)
        {
            db.Add(new ListItemNote { Id = Guid.CreateVersion7(), ItemId = item.Id, At = now, AuthorId = actor.UserId, Text = CompletionPrefix + note });
        }

        var late = item.Deadline is not null && task is not null && now > task.DueAt;
        if (task is { State: DueTaskState.Open })
        {
            task.Complete(now, actor.UserId, note, nothingToReport: false);
        }

        db.Audit(clock, actor, ResponsibilityAudit.ListItemComplete, nameof(ResponsibilityListItem), item.Id.ToString(), list.UnitId,
            detail: $"第 {item.Order} 项：{item.Duty}{(late ? "（逾期办结）" : "")}，佐证 {evidence} 份" + (task is null ? "" : "，待办已办结"));
        try
        {
            await db.SaveChangesAsync(ct);
            return Done.Value;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleEdit("该事项");
        }
    }

    private async Task<Result<(ResponsibilityList, ResponsibilityListItem)>> FindAsync(AppDbContext db, Actor actor, Guid listId, Guid itemId, string attempted, CancellationToken ct)
    {
        var found = await ListAccess.ItemAsync(db, actor, listId, itemId, ct);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var (list, item) = found.Value;
        if (!ListAccess.CanWork(actor, list.UnitId, item))
        {
            await db.AuditDeniedAsync(clock, actor, attempted, nameof(ResponsibilityListItem), item.Id.ToString(), ct);
            return Error.Forbidden("只有事项的责任人或本单位负责人可以填写进展、上传佐证和办结。");
        }

        return (list, item);
    }
}
