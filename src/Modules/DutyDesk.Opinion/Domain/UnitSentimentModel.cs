namespace DutyDesk.Opinion.Domain;

/// <summary>
/// A unit's own sentiment model: the shipped one adapted to the unit's corrected items. Ingest scores the unit's
/// items with it instead of the default; deleting it goes back to the default.
/// </summary>
internal sealed class UnitSentimentModel
{
    public Guid UnitId { get; set; }

    public required byte[] Data { get; set; }

    public DateTime TrainedAt { get; set; }

    public Guid TrainedById { get; set; }

    /// <summary>Corrected items it was trained on (positive and negative; neutral corrections are not used).</summary>
    public int Examples { get; set; }

    /// <summary>Share of those items the default model labelled as corrected, before and after training.</summary>
    public double AccuracyBefore { get; set; }

    public double AccuracyAfter { get; set; }
}
