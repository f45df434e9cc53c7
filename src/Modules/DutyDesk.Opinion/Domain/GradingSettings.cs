namespace DutyDesk.Opinion.Domain;

/// <summary>
/// A unit's own grading thresholds and lists, set by its administrator. Absent, the unit inherits the nearest
/// superior's row, else the configured defaults (<see cref="GradingOptions"/>).
/// </summary>
internal sealed class GradingSettings
{
    /// <summary>Longest word of a key-area or severe list.</summary>
    public const int WordMaxLength = 50;

    /// <summary>Longest mainstream host name.</summary>
    public const int DomainMaxLength = 100;

    public const int ListMaxEntries = 500;

    public const int WordsMaxLength = ListMaxEntries * (WordMaxLength + 1);

    public const int DomainsMaxLength = ListMaxEntries * (DomainMaxLength + 1);

    public Guid UnitId { get; set; }

    public int GeneralUpTo { get; set; }

    public int LargerFrom { get; set; }

    public int DozensOfComments { get; set; }

    public int FastSpreadItemsPerHour { get; set; }

    /// <summary>One word a line.</summary>
    public string KeyAreaWords { get; set; } = "";

    /// <summary>One word a line.</summary>
    public string SevereWords { get; set; } = "";

    /// <summary>One host name a line.</summary>
    public string MainstreamDomains { get; set; } = "";

    public DateTime UpdatedAt { get; set; }

    public Guid UpdatedById { get; set; }

    public Guid Version { get; set; }

    public GradingOptions ToOptions() => new()
    {
        GeneralUpTo = GeneralUpTo,
        LargerFrom = LargerFrom,
        DozensOfComments = DozensOfComments,
        FastSpreadItemsPerHour = FastSpreadItemsPerHour,
        KeyAreaWords = Lines(KeyAreaWords),
        SevereWords = Lines(SevereWords),
        MainstreamDomains = Lines(MainstreamDomains),
    };

    public void Apply(GradingOptions o)
    {
        (GeneralUpTo, LargerFrom, DozensOfComments, FastSpreadItemsPerHour) = (o.GeneralUpTo, o.LargerFrom, o.DozensOfComments, o.FastSpreadItemsPerHour);
        KeyAreaWords = string.Join('\n', o.KeyAreaWords);
        SevereWords = string.Join('\n', o.SevereWords);
        MainstreamDomains = string.Join('\n', o.MainstreamDomains);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
