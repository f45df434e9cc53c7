namespace DutyDesk.Responsibility.Domain;

public enum AssessmentStatus
{
    Draft,
    Confirmed,
}

public static class AssessmentNames
{
    public static string ToChinese(this AssessmentStatus status) => status switch
    {
        AssessmentStatus.Draft => "草稿",
        AssessmentStatus.Confirmed => "已确定",
        _ => status.ToString(),
    };
}

/// <summary>
/// The annual assessment (年度考核) of one unit for one year: a snapshot of the computed score and its
/// lines, the audited manual adjustments, the final score and the outcome measure. Once confirmed it is
/// never changed.
/// </summary>
public sealed class UnitAssessment
{
    public const int LinesMaxLength = 4000;
    public const int FormulaMaxLength = 1000;

    public Guid Id { get; set; }

    public Guid UnitId { get; set; }

    public int Year { get; set; }

    public AssessmentStatus Status { get; set; }

    /// <summary>The computed score before adjustments, as of <see cref="ComputedAt"/>.</summary>
    public decimal ComputedScore { get; set; }

    /// <summary>The score lines of the computation, as JSON (<see cref="ScoreLine"/>[]).</summary>
    public required string LinesJson { get; set; }

    /// <summary>The formula in force when it was computed, as the page printed it.</summary>
    public required string FormulaText { get; set; }

    public DateTime ComputedAt { get; set; }

    public decimal FinalScore { get; set; }

    /// <summary>None, or one of <see cref="AccountabilityCatalog.Measures"/>.</summary>
    public string? Measure { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid CreatedBy { get; set; }

    public DateTime? ConfirmedAt { get; set; }

    public Guid? ConfirmedBy { get; set; }

    public Guid Version { get; set; }

    public List<AssessmentAdjustment> Adjustments { get; set; } = [];
}

/// <summary>A manual adjustment of the score: points added or taken off, always with the reason.</summary>
public sealed class AssessmentAdjustment
{
    public const int ReasonMaxLength = 500;

    public Guid Id { get; set; }

    public Guid AssessmentId { get; set; }

    public decimal Points { get; set; }

    public required string Reason { get; set; }

    public DateTime At { get; set; }

    public Guid By { get; set; }
}
