using DutyDesk.Platform.Identity;

namespace DutyDesk.Opinion.Domain;

/// <summary>The clocks of one level; a null clock does not apply to the level.</summary>
public sealed class LevelClocks
{
    public TimeSpan? ReportToGroup { get; set; }

    public TimeSpan? ReportToSuperior { get; set; }

    public TimeSpan? OfficialResponse { get; set; }

    public TimeSpan? OuterLimit { get; set; }

    /// <summary>进展通报: how often progress must be reported while the case is in the public eye.</summary>
    public TimeSpan? ProgressEvery { get; set; }

    /// <summary>An alert not acknowledged within this goes to the next person.</summary>
    public TimeSpan AckWithin { get; set; } = TimeSpan.FromMinutes(15);

    public int MaxEscalations { get; set; } = 3;
}

/// <summary>The response clocks per level (DutyDesk:Opinion:Response), PRODUCT.md 4.3's figures by default.</summary>
public sealed class ResponseOptions
{
    public LevelClocks I { get; set; } = Clocks(superior: TimeSpan.FromHours(1), respond: true, progressHours: 2, ackMinutes: 5);

    public LevelClocks II { get; set; } = Clocks(superior: TimeSpan.FromHours(2), respond: true, progressHours: 4, ackMinutes: 10);

    public LevelClocks III { get; set; } = Clocks(superior: null, respond: true, progressHours: 6, ackMinutes: 15);

    public LevelClocks IV { get; set; } = Clocks(superior: null, respond: true, progressHours: 12, ackMinutes: 30);

    public LevelClocks V { get; set; } = Clocks(superior: null, respond: false, progressHours: null, ackMinutes: 60);

    /// <summary>No deadline is shortened below this, however strong the sensitive period.</summary>
    public TimeSpan Shortest { get; set; } = TimeSpan.FromMinutes(10);

    public LevelClocks For(IncidentLevelCode level) => level switch
    {
        IncidentLevelCode.I => I,
        IncidentLevelCode.II => II,
        IncidentLevelCode.III => III,
        IncidentLevelCode.IV => IV,
        _ => V,
    };

    private static LevelClocks Clocks(TimeSpan? superior, bool respond, int? progressHours, int ackMinutes) => new()
    {
        ReportToGroup = TimeSpan.FromMinutes(30),
        ReportToSuperior = superior,
        OfficialResponse = respond ? TimeSpan.FromHours(12) : null,
        OuterLimit = respond ? TimeSpan.FromHours(24) : null,
        ProgressEvery = progressHours is { } h ? TimeSpan.FromHours(h) : null,
        AckWithin = TimeSpan.FromMinutes(ackMinutes),
        MaxEscalations = 3,
    };
}

/// <summary>One deadline of a case: which clock, when it falls due, and how long it was given.</summary>
public sealed record PlannedDeadline(DeadlineKind Kind, DateTime DueAt, TimeSpan Allowed);

/// <summary>Who is told when a deadline of a level passes: roles in the case's unit, and whether its superior unit too.</summary>
public sealed record EscalationRule(IReadOnlyList<Role> InUnit, bool SuperiorUnit, string Text);

/// <summary>
/// PRODUCT.md 4.3's clocks as pure functions: every deadline counted from discovery, by level, shortened by the
/// factor of a sensitive period (never below <see cref="ResponseOptions.Shortest"/>, nor longer than unshortened).
/// </summary>
internal static class Deadline
{
    public static IReadOnlyList<PlannedDeadline> For(IncidentLevelCode level, DateTime discoveredAt, ResponseOptions options, double factor = 1)
    {
        var clocks = options.For(level);
        var planned = new List<PlannedDeadline>(4);
        Add(DeadlineKind.ReportToGroup, clocks.ReportToGroup);
        Add(DeadlineKind.ReportToSuperior, clocks.ReportToSuperior);
        Add(DeadlineKind.OfficialResponse, clocks.OfficialResponse);
        Add(DeadlineKind.OuterLimit, clocks.OuterLimit);
        return planned;

        void Add(DeadlineKind kind, TimeSpan? clock)
        {
            if (clock is { } given && given > TimeSpan.Zero)
            {
                var allowed = Shorten(given, factor, options.Shortest);
                planned.Add(new PlannedDeadline(kind, discoveredAt + allowed, allowed));
            }
        }
    }

    public static TimeSpan Shorten(TimeSpan given, double factor, TimeSpan shortest)
    {
        if (factor is >= 1 or <= 0 || double.IsNaN(factor))
        {
            return given;
        }

        var shortened = TimeSpan.FromSeconds(Math.Round(given.TotalSeconds * factor));
        return shortened < shortest ? (given < shortest ? given : shortest) : shortened;
    }

    /// <summary>The next 进展通报 after the last one (or after the first response), or null when the level needs none.</summary>
    public static DateTime? NextProgressReport(IncidentLevelCode level, DateTime lastReportAt, ResponseOptions options, double factor = 1)
        => options.For(level).ProgressEvery is { } every && every > TimeSpan.Zero ? lastReportAt + Shorten(every, factor, options.Shortest) : null;

    /// <summary>Escalation by level (PRODUCT.md 4.3): Ⅰ the top leader and the superior unit; Ⅱ/Ⅲ the leader in charge; Ⅳ/Ⅴ the office.</summary>
    public static EscalationRule Escalation(IncidentLevelCode level) => level switch
    {
        IncidentLevelCode.I => new([Role.FirstResponsible], true, "报告第一责任人和上级单位"),
        IncidentLevelCode.II or IncidentLevelCode.III => new([Role.LeaderInCharge], false, "报告分管领导"),
        _ => new([Role.LeadingGroupOffice], false, "由领导小组办公室督办"),
    };

    public static string Name(DeadlineKind kind) => kind switch
    {
        DeadlineKind.ReportToGroup => "向领导小组报送快报",
        DeadlineKind.ReportToSuperior => "向上级单位报告",
        DeadlineKind.OfficialResponse => "发布官方回应",
        _ => "黄金 24 小时时限",
    };
}
