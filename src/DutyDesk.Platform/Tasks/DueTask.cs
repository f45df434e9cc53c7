namespace DutyDesk.Platform.Tasks;

/// <summary>
/// Any dated work item of any module (待办): owner, due time, reminders, escalation, evidence.
/// Deadlines are columns: the scheduler finds due reminders and overdue tasks with indexed queries.
/// </summary>
public sealed class DueTask
{
    public const int TitleMaxLength = 200;

    public Guid Id { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public Guid UnitId { get; set; }

    public Guid OwnerId { get; set; }

    public DateTime DueAt { get; set; }

    /// <summary>Minutes before <see cref="DueAt"/> at which to remind the owner, e.g. "1440,60".</summary>
    public string ReminderOffsets { get; set; } = "";

    /// <summary>The next reminder still to send; null when none is left. Indexed.</summary>
    public DateTime? NextReminderAt { get; set; }

    /// <summary>Who is told when the task becomes overdue (else the unit's leading group office).</summary>
    public Guid? EscalateToId { get; set; }

    public DateTime? EscalatedAt { get; set; }

    public bool EvidenceRequired { get; set; }

    /// <summary>Whether a 零报告 (nothing to report, with a reason) may close the task instead of evidence.</summary>
    public bool AllowsNothingToReport { get; set; }

    /// <summary>Closed as a 零报告; <see cref="CompletionNote"/> holds the reason.</summary>
    public bool NothingToReport { get; set; }

    public DueTaskState State { get; set; }

    public DateTime? CompletedAt { get; set; }

    public Guid? CompletedBy { get; set; }

    public string? CompletionNote { get; set; }

    /// <summary>The module and record this task belongs to, e.g. "platform" / "manual".</summary>
    public required string SourceModule { get; set; }

    public string? SourceType { get; set; }

    public string? SourceId { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid CreatedBy { get; set; }

    public Guid Version { get; set; }

    public List<TaskEvidence> Evidence { get; set; } = [];

    public bool IsOverdueAt(DateTime now) => State == DueTaskState.Open && DueAt <= now;

    /// <summary>Whether the task was closed by its due time.</summary>
    public bool IsDoneOnTime => State == DueTaskState.Done && CompletedAt <= DueAt;

    /// <summary>Closes the task; callers have checked evidence or the 零报告 reason.</summary>
    public void Complete(DateTime now, Guid by, string? note, bool nothingToReport)
    {
        State = DueTaskState.Done;
        CompletedAt = now;
        CompletedBy = by;
        CompletionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        NothingToReport = nothingToReport;
        NextReminderAt = null;
    }

    /// <summary>Withdraws an open task: no more reminders or escalation; <paramref name="why"/> is kept as its note.</summary>
    public void Cancel(string? why)
    {
        State = DueTaskState.Cancelled;
        NextReminderAt = null;
        CompletionNote = string.IsNullOrWhiteSpace(why) ? null : why.Trim();
    }

    /// <summary>Moves the due time: reminders are planned afresh and an escalation already sent counts again only if it is due again.</summary>
    public void Reschedule(DateTime dueAt, DateTime now)
    {
        DueAt = dueAt;
        var (offsets, _) = ReminderSchedule.Parse(ReminderOffsets);
        NextReminderAt = ReminderSchedule.First(dueAt, offsets ?? [], now);
        if (dueAt > now)
        {
            EscalatedAt = null;
        }
    }
}

public enum DueTaskState
{
    Open,
    Done,
    Cancelled,
}

public sealed class TaskEvidence
{
    public Guid Id { get; set; }

    public Guid TaskId { get; set; }

    public Guid FileId { get; set; }

    public DateTime AddedAt { get; set; }

    public Guid AddedBy { get; set; }
}

public static class DueTaskStateNames
{
    public static string ToChinese(this DueTaskState state) => state switch
    {
        DueTaskState.Open => "待办",
        DueTaskState.Done => "已办结",
        DueTaskState.Cancelled => "已取消",
        _ => state.ToString(),
    };
}
