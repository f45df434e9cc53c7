using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Outbox;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using DutyDesk.Platform.Tasks;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Responsibility.Features.Lists;

/// <summary>
/// A row as entered. <c>Order</c> null appends the row; <c>Progress</c> null keeps it (已完成 is reached
/// only by completing the row with evidence).
/// </summary>
public sealed record ItemInput(
    int? Order, string Duty, string? Measures, DateOnly? Deadline, string? DeadlineNote, Guid? OwnerId, string? Remarks, ItemProgress? Progress = null);

public sealed record UpdateItemCommand(Guid ListId, Guid ItemId, ItemInput Item, Guid Version);

public sealed record DeleteItemCommand(Guid ListId, Guid ItemId, Guid Version);

/// <summary>
/// Adds, edits and deletes rows. The row's DueTask follows it in the same save: a new deadline
/// reschedules it, a new 责任人 takes it over, a deleted row or a removed deadline cancels it.
/// </summary>
public sealed class ManageItems(IDbContextFactory<AppDbContext> dbFactory, DisplayClock display, TimeProvider clock)
{
    public async Task<Result<Guid>> AddAsync(Actor actor, Guid listId, ItemInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await ListAccess.ListAsync(db, actor, listId, ct);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var list = found.Value;
        if (await DeniedAsync(db, actor, list, "新增责任清单事项", ct) is { } denied)
        {
            return denied;
        }

        var order = input.Order ?? (await db.Set<ResponsibilityListItem>().Where(i => i.ListId == listId).MaxAsync(i => (int?)i.Order, ct) ?? 0) + 1;
        if (await InvalidAsync(db, actor, list, input with { Order = order }, ct) is { } invalid)
        {
            return invalid;
        }

        if (input.Progress == ItemProgress.Done)
        {
            return DoneOnlyByCompletion();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var item = new ResponsibilityListItem { Id = Guid.CreateVersion7(), ListId = list.Id, Duty = "", CreatedAt = now };
        Apply(item, input with { Order = order });
        db.Add(item);
        var unitName = await ListAccess.UnitNameAsync(db, list.UnitId, ct);
        var task = ListRules.StageTask(db, display, actor, unitName, list, item, now);
        db.Audit(clock, actor, ResponsibilityAudit.ListItemAdd, nameof(ResponsibilityListItem), item.Id.ToString(), list.UnitId,
            detail: $"{ResponsibilityList.TitleFor(unitName, list.Year)} 第 {item.Order} 项：{item.Duty}；完成时限 {Deadline(item)}" + TaskText(task, item));
        ListRules.NotifyOwners(db, clock, actor, unitName, list, [item], $"item:{item.Id:N}");
        await db.SaveChangesAsync(ct);
        return item.Id;
    }

    public async Task<Result<Done>> UpdateAsync(Actor actor, UpdateItemCommand command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await ListAccess.ItemAsync(db, actor, command.ListId, command.ItemId, ct);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var (list, item) = found.Value;
        if (await DeniedAsync(db, actor, list, "修改责任清单事项", ct) is { } denied)
        {
            return denied;
        }

        if (item.Version != command.Version)
        {
            return Error.StaleEdit("该事项");
        }

        var input = command.Item with { Order = command.Item.Order ?? item.Order };
        if (await InvalidAsync(db, actor, list, input, ct) is { } invalid)
        {
            return invalid;
        }

        var task = item.TaskId is { } taskId ? await db.DueTasks.FirstAsync(t => t.Id == taskId, ct) : null;
        var done = item.Progress == ItemProgress.Done || task?.State == DueTaskState.Done;
        if (input.Progress is { } progress && progress != item.Progress && (progress == ItemProgress.Done || done))
        {
            return done ? Error.Validation("progress", "事项已完成，状态不能再改。") : DoneOnlyByCompletion();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var before = $"{item.Duty}；完成时限 {Deadline(item)}；责任人 {await OwnerNameAsync(db, item.OwnerId, ct)}";
        var dateChanged = input.Deadline != item.Deadline;
        var ownerChanged = input.OwnerId != item.OwnerId;
        Apply(item, input);
        var unitName = await ListAccess.UnitNameAsync(db, list.UnitId, ct);
        var taskChange = "";
        if (task is { State: DueTaskState.Open })
        {
            if (item.Deadline is not { } date)
            {
                task.Cancel(null);
                item.TaskId = null;
                taskChange = "，待办已取消";
            }
            else
            {
                if (dateChanged)
                {
                    var due = ListRules.DueUtc(display, date);
                    if (due <= now)
                    {
                        return Error.Validation("deadline", $"“完成时限”{DeadlineText.Iso(date)}已过：已有待办的事项只能改到以后的日期。");
                    }

                    task.Reschedule(due, now);
                    taskChange += "，待办已改期";
                }

                if (ownerChanged)
                {
                    task.OwnerId = item.OwnerId!.Value;
                    taskChange += "，待办已转交";
                }

                task.Title = Truncate(ListRules.TaskTitle(item), DueTask.TitleMaxLength);
                task.Description = ListRules.TaskDescription(unitName, list.Year, item);
            }
        }
        else if (!done && (task is null || task.State == DueTaskState.Cancelled))
        {
            item.TaskId = null;
            taskChange = TaskText(ListRules.StageTask(db, display, actor, unitName, list, item, now), item);
        }

        db.Audit(clock, actor, ResponsibilityAudit.ListItemUpdate, nameof(ResponsibilityListItem), item.Id.ToString(), list.UnitId,
            detail: $"{ResponsibilityList.TitleFor(unitName, list.Year)} 第 {item.Order} 项：{before} → {item.Duty}；完成时限 {Deadline(item)}；责任人 {await OwnerNameAsync(db, item.OwnerId, ct)}{taskChange}");
        if (ownerChanged && item.OwnerId is { } newOwner && newOwner != actor.UserId)
        {
            db.Notify(clock, $"responsibility-list:{list.Id:N}:item:{item.Id:N}:owner:{Guid.CreateVersion7():N}", new NotificationPayload(
                newOwner, "责任清单：您有 1 项工作", $"{actor.DisplayName}将“{item.Duty}”交由您负责。", $"/responsibility/lists?unit={list.UnitId}&year={list.Year}"));
        }

        return await SaveAsync(db, ct);
    }

    public async Task<Result<Done>> DeleteAsync(Actor actor, DeleteItemCommand command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await ListAccess.ItemAsync(db, actor, command.ListId, command.ItemId, ct);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var (list, item) = found.Value;
        if (await DeniedAsync(db, actor, list, "删除责任清单事项", ct) is { } denied)
        {
            return denied;
        }

        if (item.Version != command.Version)
        {
            return Error.StaleEdit("该事项");
        }

        var cancelled = false;
        if (item.TaskId is { } taskId && await db.DueTasks.FirstAsync(t => t.Id == taskId, ct) is { State: DueTaskState.Open } task)
        {
            task.Cancel(null);
            cancelled = true;
        }

        db.Remove(item);
        var unitName = await ListAccess.UnitNameAsync(db, list.UnitId, ct);
        db.Audit(clock, actor, ResponsibilityAudit.ListItemDelete, nameof(ResponsibilityListItem), item.Id.ToString(), list.UnitId,
            detail: $"{ResponsibilityList.TitleFor(unitName, list.Year)} 第 {item.Order} 项：{item.Duty}；完成时限 {Deadline(item)}" + (cancelled ? "，待办已取消" : ""));
        return await SaveAsync(db, ct);
    }

    private async Task<Error?> DeniedAsync(AppDbContext db, Actor actor, ResponsibilityList list, string attempted, CancellationToken ct)
    {
        if (ListAccess.CanEdit(actor, list.UnitId))
        {
            return null;
        }

        await db.AuditDeniedAsync(clock, actor, attempted, nameof(ResponsibilityList), list.Id.ToString(), ct);
        return Error.Forbidden("只有本单位的第一责任人、分管领导、领导小组办公室或部门负责人可以修改责任清单。");
    }

    private static async Task<Error?> InvalidAsync(AppDbContext db, Actor actor, ResponsibilityList list, ItemInput input, CancellationToken ct)
    {
        var fields = new RowFields(input.Order!.Value, input.Duty, input.Measures, input.Deadline, input.DeadlineNote, input.Remarks);
        if (ListRules.Check(fields, list.Year).FirstOrDefault() is { } problem)
        {
            return problem;
        }

        if (input.OwnerId is null)
        {
            return input.Deadline is null ? null : ListRules.OwnerRequired();
        }

        var owners = await ListRules.OwnersAsync(db, actor, ct);
        return owners.Any(o => o.Id == input.OwnerId) ? null : Error.Validation("ownerId", "“责任人”不存在、已停用或不在您的管辖范围内。");
    }

    private static void Apply(ResponsibilityListItem item, ItemInput input)
    {
        item.Order = input.Order!.Value;
        item.Duty = input.Duty.Trim();
        item.Measures = ListRules.Clean(input.Measures);
        item.Deadline = input.Deadline;
        item.DeadlineNote = ListRules.Clean(input.DeadlineNote);
        item.OwnerId = input.OwnerId;
        item.Remarks = ListRules.Clean(input.Remarks);
        if (input.Progress is { } progress)
        {
            item.Progress = progress;
        }
    }

    private static Error DoneOnlyByCompletion() => Error.Validation("progress", "“已完成”须通过“办结”并上传佐证材料。");

    private static string Deadline(ResponsibilityListItem item) => DeadlineText.Format(item.Deadline, item.DeadlineNote) is { Length: > 0 } text ? text : "未定";

    private static string TaskText(DueTask? task, ResponsibilityListItem item)
        => task is not null ? "，已生成待办" : item.Deadline is not null && item.Progress != ItemProgress.Done ? "，时限已过，未生成待办" : "";

    private static async Task<string> OwnerNameAsync(AppDbContext db, Guid? ownerId, CancellationToken ct)
        => ownerId is { } id ? await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "?" : "未定";

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    private static async Task<Result<Done>> SaveAsync(AppDbContext db, CancellationToken ct)
    {
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
}
