using System.Globalization;

namespace DutyDesk.Responsibility.Domain;

/// <summary>How many of the year's items were done as required, out of how many counted.</summary>
public sealed record Tally(int Done, int Due);

/// <summary>The weights of the four components of the annual score; any positive figures, rescaled to 100.</summary>
public sealed record AssessmentFormula(decimal Obligations, decimal ListItems, decimal Rectifications, decimal Incidents)
{
    public static readonly AssessmentFormula Default = new(40, 30, 15, 15);

    /// <summary>The formula as the assessment page prints it.</summary>
    public string Describe()
    {
        var parts = new[] { (AssessmentScore.ObligationsName, Obligations), (AssessmentScore.ListItemsName, ListItems), (AssessmentScore.RectificationsName, Rectifications), (AssessmentScore.IncidentsName, Incidents) }
            .Select(p => $"{p.Item1}×{p.Item2.ToString("0.##", CultureInfo.InvariantCulture)}");
        return $"得分 = ({string.Join(" + ", parts)}) ÷ 计入项目的权重之和 × 100，每项按完成比例得分；没有记录的项目不计入，其权重由其余项目按比例分摊；再加减人工调整，结果限定在 0 至 100 分。";
    }
}

/// <summary>
/// The record of one unit for one year. A null tally, or one with nothing due, means the component has no
/// data (rectifications and incidents are not recorded in DutyDesk yet) and is left out of the score.
/// </summary>
public sealed record AssessmentRecord(Tally? Obligations, Tally? ListItems, Tally? Rectifications, Tally? Incidents, IReadOnlyList<decimal>? Adjustments = null);

/// <summary>One component of the score: what it counted, the points it earned and could have earned.</summary>
public sealed record ScoreLine(string Key, string Name, string Basis, decimal Points, decimal Max, bool Counted);

public sealed record AssessmentComputation(IReadOnlyList<ScoreLine> Lines, decimal BaseScore, decimal Adjustment, decimal Total)
{
    /// <summary>False when no component had data: the base score is 0 and only adjustments move it.</summary>
    public bool HasData => Lines.Any(l => l.Counted);
}

/// <summary>
/// The annual assessment score (年度考核, PRODUCT.md 1.5): each component earns its share of the weight in
/// proportion to what was done; components without data are left out and the remaining weights are
/// rescaled, so a unit is neither rewarded nor punished for records DutyDesk does not keep. Lines and the
/// base score are rounded to one decimal (half away from zero); adjustments are added to the rounded base
/// and the total is held within 0..100.
/// </summary>
public static class AssessmentScore
{
    public const string ObligationsName = "制度性要求按时履行";
    public const string ListItemsName = "责任清单事项完成";
    public const string RectificationsName = "整改销号";
    public const string IncidentsName = "舆情事件按时处置";

    public static AssessmentComputation Compute(AssessmentFormula formula, AssessmentRecord record)
    {
        ArgumentNullException.ThrowIfNull(formula);
        ArgumentNullException.ThrowIfNull(record);
        var components = new[]
        {
            new Component("obligations", ObligationsName, formula.Obligations, record.Obligations, "按时办结", "尚无到期的制度性要求，不计入"),
            new Component("list-items", ListItemsName, formula.ListItems, record.ListItems, "已完成", "尚无到期的责任清单事项，不计入"),
            new Component("rectifications", RectificationsName, formula.Rectifications, record.Rectifications, "已销号", "尚无整改记录，不计入"),
            new Component("incidents", IncidentsName, formula.Incidents, record.Incidents, "按期处置", "尚无舆情事件记录，不计入"),
        };
        foreach (var c in components)
        {
            if (c.Weight < 0)
            {
                throw new ArgumentException($"The weight of {c.Key} is negative.", nameof(formula));
            }

            if (c.Tally is { } t && (t.Due < 0 || t.Done < 0 || t.Done > t.Due))
            {
                throw new ArgumentException($"The tally of {c.Key} is not 0 <= done <= due: {t.Done}/{t.Due}.", nameof(record));
            }
        }

        var counted = components.Where(c => c.Weight > 0 && c.Tally is { Due: > 0 }).ToList();
        var weightSum = counted.Sum(c => c.Weight);
        decimal exact = 0;
        var lines = new List<ScoreLine>(components.Length);
        foreach (var c in components)
        {
            if (!counted.Contains(c))
            {
                var basis = c.Weight == 0 ? "权重为 0，不计入" : c.Missing;
                lines.Add(new ScoreLine(c.Key, c.Name, basis, 0, 0, Counted: false));
                continue;
            }

            var max = c.Weight * 100 / weightSum;
            var points = max * c.Tally!.Done / c.Tally.Due;
            exact += points;
            lines.Add(new ScoreLine(c.Key, c.Name, $"{c.Verb} {c.Tally.Done}/{c.Tally.Due}", Round(points), Round(max), Counted: true));
        }

        var baseScore = Round(exact);
        var adjustments = record.Adjustments ?? [];
        return new AssessmentComputation(lines, baseScore, adjustments.Sum(), Final(baseScore, adjustments));
    }

    /// <summary>The final score: the rounded base score plus the adjustments, held within 0..100.</summary>
    public static decimal Final(decimal baseScore, IEnumerable<decimal> adjustments)
        => Math.Clamp(Round(baseScore + adjustments.Sum()), 0m, 100m);

    public static decimal Round(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    private sealed record Component(string Key, string Name, decimal Weight, Tally? Tally, string Verb, string Missing);
}
