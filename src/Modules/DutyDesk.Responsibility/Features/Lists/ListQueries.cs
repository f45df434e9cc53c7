using DutyDesk.Platform.Data;
using DutyDesk.Platform.Files;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using DutyDesk.Platform.Tasks;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Responsibility.Features.Lists;

public sealed record ListSummary(Guid Id, Guid UnitId, string UnitName, int Year, int Items, int Done, int Overdue);

public sealed record ItemNoteDto(DateTime At, string AuthorName, string Text);

public sealed record ItemFileDto(Guid FileId, string FileName, long Size, DateTime AddedAt);

/// <summary>
/// A row as people read it. <c>Status</c> is computed (逾期 is never stored); <c>TaskNote</c> says why a
/// row with a deadline has no DueTask.
/// </summary>
public sealed record ListItemDto(
    Guid Id, int Order, string Duty, string? Measures, DateOnly? Deadline, string? DeadlineNote, string DeadlineText,
    Guid? OwnerId, string? OwnerName, string? Remarks, ItemProgress Progress, ItemStatus Status, string StatusName,
    DateTime? DueAt, Guid? TaskId, DueTaskState? TaskState, string? TaskNote, DateTime? CompletedAt, bool CanWork,
    IReadOnlyList<ItemNoteDto> Notes, IReadOnlyList<ItemFileDto> Files, Guid Version);

public sealed record ListDto(
    Guid Id, Guid UnitId, string UnitName, int Year, string Title, ListOrigin Origin, DateTime CreatedAt, bool CanEdit,
    IReadOnlyList<ListItemDto> Items, Guid Version);

/// <summary>Reads lists for anyone whose scope holds the unit.</summary>
public sealed class ListQueries(IDbContextFactory<AppDbContext> dbFactory, DisplayClock display, TimeProvider clock)
{
    public const string NoTaskPastDeadline = "设定时限时已过期，未生成待办";

    /// <summary>The lists of the actor's units and those where they are 责任人 of a row, optionally of one unit or one year, newest first.</summary>
    public async Task<IReadOnlyList<ListSummary>> SummariesAsync(Actor actor, Guid? unitId, int? year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = actor.VisibleUnits.ToList();
        var owned = db.Set<ResponsibilityListItem>().Where(i => i.OwnerId == actor.UserId).Select(i => i.ListId);
        var query = db.Set<ResponsibilityList>().AsNoTracking().Where(l => visible.Contains(l.UnitId) || owned.Contains(l.Id));
        if (unitId is { } unit)
        {
            query = query.Where(l => l.UnitId == unit);
        }

        if (year is { } y)
        {
            query = query.Where(l => l.Year == y);
        }

        var lists = await query.Include(l => l.Items).OrderByDescending(l => l.Year).Take(500).ToListAsync(ct);
        var unitIds = lists.Select(l => l.UnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var taskIds = lists.SelectMany(l => l.Items).Select(i => i.TaskId).OfType<Guid>().ToList();
        var doneTasks = (await db.DueTasks.AsNoTracking().Where(t => taskIds.Contains(t.Id) && t.State == DueTaskState.Done).Select(t => t.Id).ToListAsync(ct)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        return lists.Select(l =>
        {
            var statuses = l.Items.Select(i => StatusOf(i, i.TaskId is { } t && doneTasks.Contains(t), now)).ToList();
            return new ListSummary(l.Id, l.UnitId, units.GetValueOrDefault(l.UnitId, "?"), l.Year, l.Items.Count,
                statuses.Count(s => s == ItemStatus.Done), statuses.Count(s => s == ItemStatus.Overdue));
        }).ToList();
    }

    /// <summary>The unit's list of the year; null when it has none yet.</summary>
    public async Task<Result<ListDto?>> FindAsync(Actor actor, Guid unitId, int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = await db.Set<ResponsibilityList>().AsNoTracking().Where(l => l.UnitId == unitId && l.Year == year).Select(l => (Guid?)l.Id).FirstOrDefaultAsync(ct);
        if (id is null)
        {
            return actor.CanSee(unitId) ? (ListDto?)null : Error.NotFound("单位");
        }

        var list = await LoadAsync(db, actor, id.Value, ct);
        return list.IsSuccess ? list.Value : list.Error!;
    }

    public async Task<Result<ListDto>> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await LoadAsync(db, actor, id, ct);
    }

    /// <summary>People who may be made 责任人.</summary>
    public async Task<IReadOnlyList<OwnerOption>> OwnersAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ListRules.OwnersAsync(db, actor, ct);
    }

    /// <summary>An evidence file of a row, for anyone who may read the list.</summary>
    public async Task<Result<StoredFile>> FileAsync(Actor actor, Guid listId, Guid itemId, Guid fileId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await ListAccess.ItemAsync(db, actor, listId, itemId, ct);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var item = found.Value.Item;
        var linked = await db.Set<ListItemFile>().AnyAsync(f => f.ItemId == itemId && f.FileId == fileId, ct)
                     || (item.TaskId is { } taskId && await db.TaskEvidence.AnyAsync(e => e.TaskId == taskId && e.FileId == fileId, ct));
        var file = linked ? await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, ct) : null;
        return file is null ? Error.NotFound("文件") : file;
    }

    internal ItemStatus StatusOf(ResponsibilityListItem item, bool taskDone, DateTime now)
        => ItemStatusRule.Of(item.Progress, taskDone, item.Deadline is { } d ? ListRules.DueUtc(display, d) : null, now);

    private async Task<Result<ListDto>> LoadAsync(AppDbContext db, Actor actor, Guid id, CancellationToken ct)
    {
        var list = await db.Set<ResponsibilityList>().AsNoTracking().Include(l => l.Items).FirstOrDefaultAsync(l => l.Id == id, ct);
        if (list is null || !await ListAccess.CanReadAsync(db, actor, list, ct))
        {
            return Error.NotFound("责任清单");
        }

        var itemIds = list.Items.Select(i => i.Id).ToList();
        var taskIds = list.Items.Select(i => i.TaskId).OfType<Guid>().ToList();
        var tasks = await db.DueTasks.AsNoTracking().Include(t => t.Evidence).Where(t => taskIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var notes = (await db.Set<ListItemNote>().AsNoTracking().Where(n => itemIds.Contains(n.ItemId)).OrderBy(n => n.At).ToListAsync(ct)).ToLookup(n => n.ItemId);
        var rowFiles = (await db.Set<ListItemFile>().AsNoTracking().Where(f => itemIds.Contains(f.ItemId)).ToListAsync(ct)).ToLookup(f => f.ItemId);
        var fileIds = rowFiles.SelectMany(g => g).Select(f => f.FileId).Concat(tasks.Values.SelectMany(t => t.Evidence).Select(e => e.FileId)).Distinct().ToList();
        var files = await db.Files.AsNoTracking().Where(f => fileIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, ct);
        var userIds = list.Items.Select(i => i.OwnerId).OfType<Guid>().Concat(notes.SelectMany(g => g).Select(n => n.AuthorId)).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var unitName = await ListAccess.UnitNameAsync(db, list.UnitId, ct);
        var now = clock.GetUtcNow().UtcDateTime;

        ListItemDto ToDto(ResponsibilityListItem i)
        {
            var task = i.TaskId is { } t ? tasks.GetValueOrDefault(t) : null;
            var status = StatusOf(i, task?.State == DueTaskState.Done, now);
            var attached = rowFiles[i.Id].Select(f => (f.FileId, f.AddedAt))
                .Concat(task?.Evidence.Select(e => (e.FileId, e.AddedAt)) ?? [])
                .GroupBy(f => f.FileId).Select(g => g.OrderBy(f => f.AddedAt).First()).OrderBy(f => f.AddedAt)
                .Select(f => files.TryGetValue(f.FileId, out var file) ? new ItemFileDto(file.Id, file.FileName, file.Size, f.AddedAt) : null)
                .OfType<ItemFileDto>().ToList();
            var taskNote = i.Deadline is not null && task is null && status != ItemStatus.Done ? NoTaskPastDeadline : null;
            return new ListItemDto(
                i.Id, i.Order, i.Duty, i.Measures, i.Deadline, i.DeadlineNote, DeadlineText.Format(i.Deadline, i.DeadlineNote),
                i.OwnerId, i.OwnerId is { } o ? users.GetValueOrDefault(o, "?") : null, i.Remarks, i.Progress, status, status.ToChinese(),
                i.Deadline is { } d ? ListRules.DueUtc(display, d) : null, task?.Id, task?.State, taskNote, i.CompletedAt ?? task?.CompletedAt,
                ListAccess.CanWork(actor, list.UnitId, i),
                notes[i.Id].Select(n => new ItemNoteDto(n.At, users.GetValueOrDefault(n.AuthorId, "?"), n.Text)).ToList(),
                attached, i.Version);
        }

        var items = list.Items.OrderBy(i => i.Order).ThenBy(i => i.CreatedAt).ThenBy(i => i.Id).Select(ToDto).ToList();
        return new ListDto(list.Id, list.UnitId, unitName, list.Year, ResponsibilityList.TitleFor(unitName, list.Year), list.Origin, list.CreatedAt,
            ListAccess.CanEdit(actor, list.UnitId), items, list.Version);
    }
}
