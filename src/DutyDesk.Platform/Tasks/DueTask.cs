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
