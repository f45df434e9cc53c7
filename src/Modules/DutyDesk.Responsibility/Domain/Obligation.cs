namespace DutyDesk.Responsibility.Domain;

/// <summary>
/// A recurring obligation (制度性要求) a unit has adopted, with its own figures: the defaults of
/// <see cref="ObligationCatalog"/> or one the unit added. Its occurrences become DueTasks.
/// </summary>
internal sealed class Obligation
{
    public const int TitleMaxLength = 100;

    public Guid Id { get; set; }

    public Guid UnitId { get; set; }

    /// <summary>The catalog code it started from ("risk-screening"), or "custom".</summary>
    public required string Code { get; set; }

    public required string Title { get; set; }

    public Frequency Frequency { get; set; }

    public int TimesPerPeriod { get; set; } = 1;

    public DayOfWeek Weekday { get; set; } = DayOfWeek.Tuesday;

    public int DueAfterDays { get; set; }

    /// <summary>Each leadership member owes their own occurrence (e.g. the policy lecture).</summary>
    public bool PerLeadershipMember { get; set; }

    /// <summary>What closes an occurrence, e.g. "会议纪要"; shown on the task.</summary>
    public required string Evidence { get; set; }

    /// <summary>Who carries the unit-wide occurrences (per-member ones go to each member).</summary>
    public Guid OwnerId { get; set; }

    /// <summary>Days before due on which to remind, e.g. "7,1".</summary>
    public string ReminderDays { get; set; } = "3,1";

    public bool Active { get; set; } = true;

    /// <summary>Occurrences due before this day are not generated (the unit adopted the rule later).</summary>
    public DateOnly StartsOn { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid Version { get; set; }

    public Recurrence Recurrence => new(Frequency, TimesPerPeriod, Weekday, DueAfterDays);
}

/// <summary>
/// One dated occurrence of an obligation: its period and fixed scheduled date, for the unit or for one
/// member. The due date lives on its DueTask and may be moved; the scheduled date never is. Unique per
/// obligation, period and member, which keeps planning idempotent on several nodes.
/// </summary>
internal sealed class ObligationOccurrence
{
    /// <summary>The member of a unit-wide occurrence: no one in particular.</summary>
    public static readonly Guid WholeUnit = Guid.Empty;

    public Guid Id { get; set; }

    public Guid ObligationId { get; set; }

    public Guid UnitId { get; set; }

    public required string PeriodKey { get; set; }

    public DateOnly Scheduled { get; set; }

    public Guid MemberId { get; set; }

    public Guid TaskId { get; set; }

    public DateTime CreatedAt { get; set; }
}
