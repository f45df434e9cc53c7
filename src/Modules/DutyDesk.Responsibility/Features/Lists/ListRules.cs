using DutyDesk.Platform.Data;
using DutyDesk.Platform.Outbox;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using DutyDesk.Platform.Tasks;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Responsibility.Features.Lists;

/// <summary>The fields of a row as entered, before the 责任人 is looked up.</summary>
internal sealed record RowFields(int Order, string? Duty, string? Measures, DateOnly? Date, string? Note, string? Remarks);

/// <summary>A person who can be a row's 责任人.</summary>
public sealed record OwnerOption(Guid Id, string UserName, string DisplayName, Guid HomeUnitId, string HomeUnitName);

/// <summary>Checks of a row and the DueTask that follows its deadline, shared by every way a row is written.</summary>
internal static class ListRules
{
    /// <summary>Reminders a week and a day before the deadline.</summary>
    public static readonly IReadOnlyList<int> Reminders = [7 * 1440, 1440];

    public static Error? Year(int year) => year is < ResponsibilityList.MinYear or > ResponsibilityList.MaxYear
        ? Error.Validation("year", $"“年度”须在 {ResponsibilityList.MinYear} 至 {ResponsibilityList.MaxYear} 之间。")
        : null;

    /// <summary>Every problem of the row's own fields (the 责任人 is checked against the directory separately).</summary>
    public static List<Error> Check(RowFields row, int year)
    {
        var problems = new List<Error?>
        {
            row.Order is < 1 or > ResponsibilityListItem.MaxOrder ? Error.Validation("order", $"“序号”须为 1 至 {ResponsibilityListItem.MaxOrder} 的整数。") : null,
            Platform.Results.Check.Required("duty", "责任内容", row.Duty, ResponsibilityListItem.DutyMaxLength),
            Platform.Results.Check.Optional("measures", "工作措施", row.Measures, ResponsibilityListItem.MeasuresMaxLength),
            Platform.Results.Check.Optional("deadlineNote", "时限说明", row.Note, DeadlineText.NoteMaxLength),
            row.Date is { } date && (date.Year < year || date.Year > year + 1)
                ? Error.Validation("deadline", $"“完成时限”{DeadlineText.Iso(date)}不在 {year} 年度内（可到 {year + 1} 年底）。")
                : null,
            Platform.Results.Check.Optional("remarks", "备注", row.Remarks, ResponsibilityListItem.RemarksMaxLength),
        };
        return problems.OfType<Error>().ToList();
    }

    public static Error OwnerRequired() => Error.Validation("ownerId", "“责任人”：有完成时限的事项须指定责任人。");

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The due time of a deadline: the end of that working day in the office's zone, in UTC.</summary>
    public static DateTime DueUtc(DisplayClock display, DateOnly date) => display.ToUtc(date.ToDateTime(ItemStatusRule.DueTime));

    /// <summary>
    /// Stages the row's DueTask in <paramref name="db"/> when it has a deadline still ahead and an owner.
    /// A deadline already past gets no task: the row shows that instead of failing.
    /// </summary>
    public static DueTask? StageTask(AppDbContext db, DisplayClock display, Actor actor, string unitName, ResponsibilityList list, ResponsibilityListItem item, DateTime now)
    {
        if (item.Deadline is not { } date || item.OwnerId is not { } owner || DueUtc(display, date) <= now || item.Progress == ItemProgress.Done)
        {
            return null;
        }

        var task = db.AddDueTask(
            new DueTaskDraft(TaskTitle(item), TaskDescription(unitName, list.Year, item), list.UnitId, owner, DueUtc(display, date), Reminders,
                EscalateToId: null, EvidenceRequired: true, TaskSources.Module, TaskSources.ListItem, item.Id.ToString()),
            actor.UserId, now);
        item.TaskId = task.Id;
        return task;
    }

    public static string TaskTitle(ResponsibilityListItem item) => "责任清单：" + item.Duty;

    public static string TaskDescription(string unitName, int year, ResponsibilityListItem item)
        => $"{ResponsibilityList.TitleFor(unitName, year)}第 {item.Order} 项。" + (item.Measures is null ? "" : $"\n工作措施：{item.Measures}");

    /// <summary>Tells each new owner other than the actor once, in the app and by mail.</summary>
    public static void NotifyOwners(AppDbContext db, TimeProvider clock, Actor actor, string unitName, ResponsibilityList list, IEnumerable<ResponsibilityListItem> items, string key)
    {
        foreach (var group in items.Where(i => i.OwnerId is { } o && o != actor.UserId).GroupBy(i => i.OwnerId!.Value))
        {
            var count = group.Count();
            db.Notify(clock, $"responsibility-list:{list.Id:N}:{key}:{group.Key:N}", new NotificationPayload(
                group.Key, $"责任清单：您有 {count} 项工作", $"{actor.DisplayName}将{ResponsibilityList.TitleFor(unitName, list.Year)}中的 {count} 项交由您负责。",
                $"/responsibility/lists?unit={list.UnitId}&year={list.Year}"));
        }
    }

    /// <summary>Active people whose home unit the actor may see: who may be made 责任人.</summary>
    public static async Task<List<OwnerOption>> OwnersAsync(AppDbContext db, Actor actor, CancellationToken ct)
    {
        var visible = actor.VisibleUnits.ToList();
        var units = await db.Units.AsNoTracking().Where(u => visible.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var users = await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && visible.Contains(u.HomeUnitId))
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.HomeUnitId })
            .ToListAsync(ct);
        return users.Select(u => new OwnerOption(u.Id, u.UserName ?? "", u.DisplayName, u.HomeUnitId, units.GetValueOrDefault(u.HomeUnitId, "?")))
            .OrderBy(u => u.HomeUnitName, StringComparer.Ordinal).ThenBy(u => u.UserName, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The person a cell names: a user name exactly, else a display name; where a display name is shared,
    /// someone of the list's unit (or below it) is preferred, and a remaining tie is an error.
    /// </summary>
    public static (OwnerOption? Owner, string? Problem) MatchOwner(IReadOnlyList<OwnerOption> owners, IReadOnlySet<Guid> listSubtree, string text)
    {
        var name = text.Trim();
        var byUserName = owners.Where(o => string.Equals(o.UserName, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byUserName.Count == 1)
        {
            return (byUserName[0], null);
        }

        var byDisplayName = owners.Where(o => o.DisplayName == name).ToList();
        if (byDisplayName.Count > 1)
        {
            var inUnit = byDisplayName.Where(o => listSubtree.Contains(o.HomeUnitId)).ToList();
            byDisplayName = inUnit.Count > 0 ? inUnit : byDisplayName;
        }

        return byDisplayName.Count switch
        {
            1 => (byDisplayName[0], null),
            0 => (null, $"找不到用户“{name}”。"),
            _ => (null, $"有 {byDisplayName.Count} 位用户叫“{name}”（{string.Join("、", byDisplayName.Select(o => $"{o.HomeUnitName} {o.UserName}"))}），请填写用户名。"),
        };
    }

    /// <summary>The unit and every unit below it.</summary>
    public static async Task<HashSet<Guid>> SubtreeAsync(AppDbContext db, Guid unitId, CancellationToken ct)
    {
        var path = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Path).SingleAsync(ct);
        return (await db.Units.AsNoTracking().Where(u => u.Path.StartsWith(path)).Select(u => u.Id).ToListAsync(ct)).ToHashSet();
    }
}

/// <summary>Finds a list or a row for the actor: anything outside their scope does not exist for them.</summary>
internal static class ListAccess
{
    public static async Task<Result<ResponsibilityList>> ListAsync(AppDbContext db, Actor actor, Guid listId, CancellationToken ct)
    {
        var list = await db.Set<ResponsibilityList>().FirstOrDefaultAsync(l => l.Id == listId, ct);
        return list is not null && await CanReadAsync(db, actor, list, ct) ? list : Error.NotFound("责任清单");
    }

    /// <summary>
    /// Anyone whose scope holds the unit, and the 责任人 of any of its rows: a department head made
    /// responsible for a row of the school's list reads the list that gave them the work.
    /// </summary>
    public static async Task<bool> CanReadAsync(AppDbContext db, Actor actor, ResponsibilityList list, CancellationToken ct)
        => actor.CanSee(list.UnitId) || await db.Set<ResponsibilityListItem>().AnyAsync(i => i.ListId == list.Id && i.OwnerId == actor.UserId, ct);

    public static async Task<Result<(ResponsibilityList List, ResponsibilityListItem Item)>> ItemAsync(AppDbContext db, Actor actor, Guid listId, Guid itemId, CancellationToken ct)
    {
        var list = await ListAsync(db, actor, listId, ct);
        if (!list.IsSuccess)
        {
            return list.Error!;
        }

        var item = await db.Set<ResponsibilityListItem>().FirstOrDefaultAsync(i => i.Id == itemId && i.ListId == listId, ct);
        return item is null ? Error.NotFound("责任清单事项") : (list.Value, item);
    }

    /// <summary>Edits rows and the list: the unit's managers.</summary>
    public static bool CanEdit(Actor actor, Guid unitId) => Platform.Features.Tasks.TaskAccess.Manages(actor, unitId);

    /// <summary>Works on a row (notes, evidence, completion): its 责任人 too.</summary>
    public static bool CanWork(Actor actor, Guid unitId, ResponsibilityListItem item) => item.OwnerId == actor.UserId || CanEdit(actor, unitId);

    public static async Task<string> UnitNameAsync(AppDbContext db, Guid unitId, CancellationToken ct)
        => await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).SingleAsync(ct);
}
