namespace DutyDesk.Opinion.Domain;

/// <summary>
/// A sensitive period (重要节点/敏感时期) of a unit, applying to it and its subordinates: while it lasts, response
/// deadlines are multiplied by <see cref="DeadlineFactor"/> and source polling intervals by
/// <see cref="MonitoringFactor"/>. Periods may overlap; the strictest applies.
/// </summary>
internal sealed class SensitivePeriod
{
    public const int NameMaxLength = 60;
    public const int NoteMaxLength = 500;
    public const double MinFactor = 0.1;
    public const double MaxFactor = 1.0;
    public const double DefaultFactor = 0.5;

    public Guid Id { get; set; }

    public Guid UnitId { get; set; }

    public required string Name { get; set; }

    /// <summary>UTC, inclusive.</summary>
    public DateTime StartsAt { get; set; }

    /// <summary>UTC, exclusive.</summary>
    public DateTime EndsAt { get; set; }

    public double DeadlineFactor { get; set; } = DefaultFactor;

    public double MonitoringFactor { get; set; } = DefaultFactor;

    public string Note { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public Guid CreatedById { get; set; }

    public Guid Version { get; set; }
}
