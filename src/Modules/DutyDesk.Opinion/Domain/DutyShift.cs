namespace DutyDesk.Opinion.Domain;

/// <summary>
/// One person's shift on a unit's duty roster (值班表): from <see cref="StartsAt"/> (inclusive) to
/// <see cref="EndsAt"/> (exclusive), UTC. The person on duty gets a case's first alert.
/// </summary>
internal sealed class DutyShift
{
    public const int LabelMaxLength = 20;
    public const int NoteMaxLength = 200;

    public Guid Id { get; set; }

    public Guid UnitId { get; set; }

    public Guid UserId { get; set; }

    public DateTime StartsAt { get; set; }

    public DateTime EndsAt { get; set; }

    /// <summary>白班, 夜班, 全天 or the unit's own word for the shift.</summary>
    public required string Label { get; set; }

    public string Note { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public Guid CreatedById { get; set; }

    public Guid Version { get; set; }
}
