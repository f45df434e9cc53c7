using DutyDesk.Text.Matching;

namespace DutyDesk.Opinion.Domain;

/// <summary>How a scheme states what it looks for.</summary>
public enum SchemeMode
{
    /// <summary>主体词 / 地域词 / 事件词 / 排除词: OR within a group, AND across non-empty groups, NOT for exclusions.</summary>
    Groups,

    /// <summary>An advanced boolean expression (AND/OR/NOT, parentheses, quoted phrases, NEAR/n).</summary>
    Expression,
}

/// <summary>
/// A monitoring scheme (监测方案) of a unit: what its items are matched against. Words are kept one per line as
/// typed; matching compiles them (normalised) into the unit's automaton.
/// </summary>
internal sealed class MonitoringScheme
{
    public const int NameMaxLength = 60;
    public const int GroupMaxLength = 4000;
    public const int ExpressionMaxLength = 4000;

    public Guid Id { get; set; }

    public Guid UnitId { get; set; }

    public required string Name { get; set; }

    public SchemeMode Mode { get; set; }

    public string Subjects { get; set; } = "";

    public string Regions { get; set; } = "";

    public string Events { get; set; } = "";

    public string Exclusions { get; set; } = "";

    public string Expression { get; set; } = "";

    /// <summary>Match the title only (for sources whose bodies are long and noisy).</summary>
    public bool TitleOnly { get; set; }

    /// <summary>Only items of these sources (comma-separated ids); empty: every source of the unit.</summary>
    public string SourceFilter { get; set; } = "";

    public bool Active { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public Guid Version { get; set; }

    public IReadOnlyList<Guid> SourceIds => ParseSourceFilter(SourceFilter);

    /// <summary>The compiled rule; throws <see cref="RuleSyntaxException"/> or <see cref="ArgumentException"/> on bad words.</summary>
    public MatchRule ToRule() => Rule(Mode, Subjects, Regions, Events, Exclusions, Expression);

    public static MatchRule Rule(SchemeMode mode, string subjects, string regions, string events, string exclusions, string expression)
        => mode == SchemeMode.Expression
            ? RuleParser.Parse(expression)
            : MatchRule.FromGroups(Words(subjects), Words(regions), Words(events), Words(exclusions));

    /// <summary>Words of a group: one per line, also split on the separators people paste (，、; |).</summary>
    public static string[] Words(string? group)
        => (group ?? "").Split(['\n', '\r', ',', '，', '、', ';', '；', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static IReadOnlyList<Guid> ParseSourceFilter(string? filter)
        => (filter ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Guid.TryParse(s, out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty)
            .ToList();
}
