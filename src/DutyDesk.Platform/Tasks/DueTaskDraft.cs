using DutyDesk.Platform.Data;

namespace DutyDesk.Platform.Tasks;

/// <summary>
/// A dated task a module stages in its own unit of work, so that the module's record and its task
/// are saved in one transaction. The module has already checked scope, owner and due time.
/// <c>SourceType</c> and <c>SourceId</c> lead back to the module's record (e.g. "ObligationOccurrence");
/// <c>AllowsNothingToReport</c> lets a 零报告 with a reason close the task instead of evidence.
/// </summary>
public sealed record DueTaskDraft(
    string Title,
    string? Description,
    Guid UnitId,
    Guid OwnerId,
    DateTime DueAt,
    IReadOnlyList<int> ReminderOffsets,
    Guid? EscalateToId,
    bool EvidenceRequired,
    string SourceModule,
    string? SourceType,
    string? SourceId,
    bool AllowsNothingToReport = false);

public static class DueTaskStaging
{
    /// <summary>Adds the task to <paramref name="db"/> without saving; reminders start after <paramref name="now"/>.</summary>
    public static DueTask AddDueTask(this AppDbContext db, DueTaskDraft draft, Guid createdBy, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(draft);
        if (draft.DueAt.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("DueAt must be UTC.", nameof(draft));
        }

        var task = new DueTask
        {
            Id = Guid.CreateVersion7(),
            // The module's own wording is kept as given (full-width brackets and all); user input is cleaned by whoever took it.
            Title = draft.Title.Trim() is { Length: > DueTask.TitleMaxLength } title ? title[..DueTask.TitleMaxLength] : draft.Title.Trim(),
            Description = string.IsNullOrWhiteSpace(draft.Description) ? null : draft.Description.Trim(),
            UnitId = draft.UnitId,
            OwnerId = draft.OwnerId,
            DueAt = draft.DueAt,
            ReminderOffsets = ReminderSchedule.Format(draft.ReminderOffsets),
            NextReminderAt = ReminderSchedule.First(draft.DueAt, draft.ReminderOffsets, now),
            EscalateToId = draft.EscalateToId,
            EvidenceRequired = draft.EvidenceRequired,
            AllowsNothingToReport = draft.AllowsNothingToReport,
            SourceModule = draft.SourceModule,
            SourceType = draft.SourceType,
            SourceId = draft.SourceId,
            CreatedAt = now,
            CreatedBy = createdBy,
        };
        db.DueTasks.Add(task);
        return task;
    }
}
