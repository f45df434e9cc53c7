namespace DutyDesk.Opinion.Domain;

/// <summary>The five levels of PRODUCT.md 4.2, Ⅰ most serious.</summary>
public enum IncidentLevelCode
{
    I = 1,
    II = 2,
    III = 3,
    IV = 4,
    V = 5,
}

/// <summary>
/// An online public-opinion event (舆情事件): matching items clustered by scheme and words within a time window,
/// with the figures grading reads and the level the rules propose. A person confirms the level (response work).
/// </summary>
internal sealed class OpinionCase
{
    public const int TitleMaxLength = 200;

    public Guid Id { get; set; }

    public Guid UnitId { get; set; }

    public required string Title { get; set; }

    /// <summary>The scheme whose match started the event.</summary>
    public Guid SchemeId { get; set; }

    /// <summary>The matched words that define the cluster, "、"-separated and sorted.</summary>
    public string Words { get; set; } = "";

    public DateTime FirstSeenAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    public int ItemCount { get; set; }

    public long Reads { get; set; }

    public long Comments { get; set; }

    public long Reposts { get; set; }

    public int SiteCount { get; set; }

    public bool MainstreamMedia { get; set; }

    public int NegativeCount { get; set; }

    /// <summary>Negative share of the items of the last 24 hours minus that of the 24 hours before (−1…1).</summary>
    public double NegativeTrend { get; set; }

    /// <summary>Items in the last hour before <see cref="LastSeenAt"/>: how fast it spreads.</summary>
    public int ItemsLastHour { get; set; }

    /// <summary>Its words touch a key area (重点领域) of the grading lists.</summary>
    public bool KeyArea { get; set; }

    /// <summary>Its words name an emergency that seriously affects stability.</summary>
    public bool Severe { get; set; }

    public IncidentLevelCode ProposedLevel { get; set; } = IncidentLevelCode.V;

    /// <summary>The rule that produced <see cref="ProposedLevel"/>, in words.</summary>
    public string ProposedRule { get; set; } = "";

    public DateTime UpdatedAt { get; set; }

    public Guid Version { get; set; }

    public double NegativeShare => ItemCount == 0 ? 0 : (double)NegativeCount / ItemCount;
}

/// <summary>A site an event appeared on; their count is the event's distinct sites.</summary>
internal sealed class CaseSite
{
    public Guid CaseId { get; set; }

    public required string Site { get; set; }
}
