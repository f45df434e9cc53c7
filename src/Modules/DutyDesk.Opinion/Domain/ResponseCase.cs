namespace DutyDesk.Opinion.Domain;

/// <summary>
/// The seven steps of PRODUCT.md 4.3 and what follows them. The order is the order of the procedure; the
/// state machine in <see cref="ResponseProcedure"/> says which moves are allowed.
/// </summary>
public enum CaseStep
{
    Discovered = 1,
    Monitoring = 2,
    Reported = 3,
    Consulted = 4,
    Statement = 5,
    Responded = 6,
    Following = 7,
    AfterCare = 8,
    Review = 9,
    Closed = 10,
}

/// <summary>How the unit came to know of the case (发现 is recorded with its source).</summary>
public enum CaseOrigin
{
    Monitoring,
    Report,
    Superior,
    Other,
}

/// <summary>
/// A public-opinion incident the unit responds to (舆情事件处置): opened from a monitoring event or by hand, with
/// the level a person confirmed, its step in the procedure, and its deadlines counted from discovery.
/// </summary>
internal sealed class ResponseCase
{
    public const int TitleMaxLength = 200;
    public const int SummaryMaxLength = 4000;
    public const int ReasonMaxLength = 1000;

    public Guid Id { get; set; }

    public Guid UnitId { get; set; }

    /// <summary>The monitoring event it was opened from, if any.</summary>
    public Guid? EventId { get; set; }

    public required string Title { get; set; }

    public string? Summary { get; set; }

    public CaseOrigin Origin { get; set; }

    /// <summary>Where it was seen (a site, a URL, "上级通报"), as the person recorded it.</summary>
    public string? SourceNote { get; set; }

    /// <summary>The clock of every deadline starts here.</summary>
    public DateTime DiscoveredAt { get; set; }

    public IncidentLevelCode Level { get; set; }

    /// <summary>What the rules proposed when the case was opened (the event's proposal; null when opened by hand).</summary>
    public IncidentLevelCode? ProposedLevel { get; set; }

    public string? ProposedRule { get; set; }

    public CaseStep Step { get; set; } = CaseStep.Discovered;

    /// <summary>The sensitive period whose factor shortened the deadlines, when one was active at discovery.</summary>
    public string? SensitivePeriod { get; set; }

    public double DeadlineFactor { get; set; } = 1;

    public DateTime OpenedAt { get; set; }

    public Guid OpenedById { get; set; }

    public DateTime? CalmedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Entries on the timeline so far; numbers the next one (the case's version guards it).</summary>
    public int TimelineCount { get; set; }

    public Guid Version { get; set; }

    public bool IsOpen => Step != CaseStep.Closed;
}

/// <summary>Each confirmation or change of a case's level, with who, when and why (PRODUCT.md 4.2).</summary>
internal sealed class CaseLevelChange
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>Null for the first confirmation.</summary>
    public IncidentLevelCode? From { get; set; }

    public IncidentLevelCode To { get; set; }

    public required string Reason { get; set; }

    public Guid ById { get; set; }

    public DateTime At { get; set; }
}

/// <summary>What a timeline entry records; the review reads the timeline back by kind.</summary>
public enum TimelineKind
{
    Opened,
    Level,
    Step,
    Action,
    Statement,
    Publication,
    Deadline,
    Alert,
    Note,
}

/// <summary>One line of a case's timeline, appended by every step, action, statement and deadline.</summary>
internal sealed class CaseTimelineEntry
{
    public const int TextMaxLength = 2000;

    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>1, 2, 3 … per case: the order entries were written, whatever their times.</summary>
    public int Seq { get; set; }

    public DateTime At { get; set; }

    public TimelineKind Kind { get; set; }

    public required string Text { get; set; }

    /// <summary>Null when the system wrote it (a deadline passed, an alert escalated).</summary>
    public Guid? ById { get; set; }

    /// <summary>The step the case was in when it happened.</summary>
    public CaseStep Step { get; set; }
}

/// <summary>Which clock of PRODUCT.md 4.3 a deadline is.</summary>
public enum DeadlineKind
{
    /// <summary>快报: the facts to the leading group.</summary>
    ReportToGroup,

    /// <summary>报告上级: Ⅰ and Ⅱ cases to the superior unit.</summary>
    ReportToSuperior,

    /// <summary>Official response published.</summary>
    OfficialResponse,

    /// <summary>The "golden 24 hours".</summary>
    OuterLimit,
}

/// <summary>A case's deadline and the DueTask that carries its countdown, reminders and escalation.</summary>
internal sealed class CaseDeadline
{
    public Guid CaseId { get; set; }

    public DeadlineKind Kind { get; set; }

    public Guid TaskId { get; set; }
}
