using DutyDesk.Platform.Data;
using DutyDesk.Platform.Files;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Tasks;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Platform.Features.Tasks;

public sealed record EvidenceDto(Guid FileId, string FileName, long Size, string ContentType, DateTime AddedAt);

public sealed record TaskDto(
    Guid Id, string Title, string? Description, Guid UnitId, string UnitName, Guid OwnerId, string OwnerName,
    DateTime DueAt, bool IsOverdue, DueTaskState State, bool EvidenceRequired, string ReminderOffsets,
    string SourceModule, string? SourceType, string? SourceId, DateTime? CompletedAt, string? CompletionNote,
    IReadOnlyList<EvidenceDto> Evidence, Guid Version, bool AllowsNothingToReport = false, bool NothingToReport = false);

public sealed record TaskFilter(bool IncludeClosed = false);

/// <summary>Reads tasks: "我的待办" across modules, and one task with its evidence.</summary>
public sealed class TaskQueries(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<TaskDto>> MineAsync(Actor actor, TaskFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.DueTasks.AsNoTracking().Include(t => t.Evidence).Where(t => t.OwnerId == actor.UserId);
        if (!filter.IncludeClosed)
        {
            query = query.Where(t => t.State == DueTaskState.Open);
        }

        var tasks = await query.OrderBy(t => t.State).ThenBy(t => t.DueAt).Take(500).ToListAsync(ct);
        return await ToDtosAsync(db, tasks, ct);
    }

    public async Task<Result<TaskDto>> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.DueTasks.AsNoTracking().Include(t => t.Evidence).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null || !TaskAccess.CanRead(actor, task))
        {
            return Error.NotFound("待办");
        }

        return (await ToDtosAsync(db, [task], ct))[0];
    }

    /// <summary>An evidence file, if the actor may read a task it belongs to.</summary>
    public async Task<Result<StoredFile>> GetEvidenceFileAsync(Actor actor, Guid fileId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var taskIds = await db.TaskEvidence.AsNoTracking().Where(e => e.FileId == fileId).Select(e => e.TaskId).ToListAsync(ct);
        var tasks = await db.DueTasks.AsNoTracking().Where(t => taskIds.Contains(t.Id)).ToListAsync(ct);
        if (!tasks.Any(t => TaskAccess.CanRead(actor, t)))
        {
            return Error.NotFound("文件");
        }

        return await db.Files.AsNoTracking().FirstAsync(f => f.Id == fileId, ct);
    }

    private async Task<IReadOnlyList<TaskDto>> ToDtosAsync(AppDbContext db, List<DueTask> tasks, CancellationToken ct)
    {
        var unitIds = tasks.Select(t => t.UnitId).Distinct().ToList();
        var ownerIds = tasks.Select(t => t.OwnerId).Distinct().ToList();
        var fileIds = tasks.SelectMany(t => t.Evidence).Select(e => e.FileId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var owners = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var files = await db.Files.AsNoTracking().Where(f => fileIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return tasks.Select(t => new TaskDto(
            t.Id, t.Title, t.Description, t.UnitId, units.GetValueOrDefault(t.UnitId, "?"), t.OwnerId, owners.GetValueOrDefault(t.OwnerId, "?"),
            t.DueAt, t.IsOverdueAt(now), t.State, t.EvidenceRequired, t.ReminderOffsets, t.SourceModule, t.SourceType, t.SourceId,
            t.CompletedAt, t.CompletionNote,
            t.Evidence.OrderBy(e => e.AddedAt).Select(e => files.TryGetValue(e.FileId, out var f)
                ? new EvidenceDto(f.Id, f.FileName, f.Size, f.ContentType, e.AddedAt)
                : new EvidenceDto(e.FileId, "?", 0, "", e.AddedAt)).ToList(),
            t.Version, t.AllowsNothingToReport, t.NothingToReport)).ToList();
    }
}
