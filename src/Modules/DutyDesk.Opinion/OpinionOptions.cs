using DutyDesk.Opinion.Domain;

namespace DutyDesk.Opinion;

/// <summary>Settings of monitoring (DutyDesk:Opinion).</summary>
public sealed class OpinionOptions
{
    public const string Section = "DutyDesk:Opinion";

    /// <summary>Near duplicates are looked for among the items collected in this many days.</summary>
    public int DuplicateWindowDays { get; set; } = 3;

    /// <summary>Items remembered per unit for near-duplicate detection (memory bound).</summary>
    public int DuplicateCapacity { get; set; } = 100_000;

    /// <summary>An item joins an event whose last item is at most this many hours away.</summary>
    public int CaseWindowHours { get; set; } = 72;

    /// <summary>Least overlap (Jaccard) of matched words for an item to join an event.</summary>
    public double CaseMinOverlap { get; set; } = 0.5;

    /// <summary>Items per pipeline transaction.</summary>
    public int BatchSize { get; set; } = 500;

    public GradingOptions Grading { get; set; } = new();

    /// <summary>An event whose proposed level reaches this (or more serious) raises an alert to the person on duty.</summary>
    public IncidentLevelCode AlertFromLevel { get; set; } = IncidentLevelCode.IV;

    /// <summary>The response clocks per level (PRODUCT.md 4.3).</summary>
    public ResponseOptions Response { get; set; } = new();
}
