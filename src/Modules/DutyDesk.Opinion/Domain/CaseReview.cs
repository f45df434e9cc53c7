namespace DutyDesk.Opinion.Domain;

public enum ReviewState
{
    Draft,
    Finalised,
}

/// <summary>评价等次.</summary>
public enum EvaluationRating
{
    Excellent,
    Good,
    Fair,
    Poor,
}

/// <summary>
/// The post-incident review of a response case (总结评估), one per case: what worked, the problems, the commendations
/// and a summary, written while the case is in after-care or review, then finalised by the leading group and never
/// changed again. Closing the case needs it finalised.
/// </summary>
internal sealed class CaseReview
{
    public const int TextMaxLength = 4000;
    public const int ReasonMaxLength = 500;

    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public Guid UnitId { get; set; }

    public string? WhatWorked { get; set; }

    public string? Problems { get; set; }

    public string? Commendations { get; set; }

    public string? Summary { get; set; }

    /// <summary>The explicit “无需改进” reason that lets a review be finalised without an improvement.</summary>
    public string? NoImprovementReason { get; set; }

    public ReviewState State { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid CreatedById { get; set; }

    public DateTime UpdatedAt { get; set; }

    public Guid UpdatedById { get; set; }

    public Guid? FinalisedById { get; set; }

    public DateTime? FinalisedAt { get; set; }

    public Guid Version { get; set; }

    public bool IsFinal => State == ReviewState.Finalised;
}

/// <summary>The evaluation of a department (a unit of the case's subtree) or of a person (holding a role there).</summary>
internal sealed class CaseEvaluation
{
    public const int TextMaxLength = 1000;

    public Guid Id { get; set; }

    public Guid ReviewId { get; set; }

    /// <summary>Printing order, as the writer listed them.</summary>
    public int Order { get; set; }

    /// <summary>Exactly one of <see cref="UnitId"/> and <see cref="UserId"/> is set.</summary>
    public Guid? UnitId { get; set; }

    public Guid? UserId { get; set; }

    public required string Text { get; set; }

    public EvaluationRating Rating { get; set; }

    public bool Commended { get; set; }
}

/// <summary>An improvement the review decided (改进措施), carried by a DueTask so it is followed up like any task.</summary>
internal sealed class CaseImprovement
{
    public const int TextMaxLength = 500;

    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public Guid ReviewId { get; set; }

    public Guid TaskId { get; set; }

    public Guid OwnerId { get; set; }

    public DateTime DueAt { get; set; }

    public required string Text { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid CreatedById { get; set; }
}
