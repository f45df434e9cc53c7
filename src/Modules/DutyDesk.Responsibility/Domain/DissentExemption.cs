namespace DutyDesk.Responsibility.Domain;

/// <summary>Whether a member bears leadership responsibility for one decision, and the words that say why.</summary>
public sealed record ExemptionResult(bool Exempt, string Reason);

/// <summary>
/// 责任追究 separates those who carried a decision from those who opposed it (PRODUCT.md 1.2): a member
/// who objected on record bears no leadership responsibility for the decision, whether or not it was
/// adopted. Agreeing, abstaining or stating nothing on record exempts no one.
/// </summary>
public static class DissentExemption
{
    public const string ExemptText = "明确表示反对，不承担领导责任";

    public static ExemptionResult Evaluate(bool decisionAdopted, DecisionStance? stance) => stance switch
    {
        DecisionStance.Oppose when decisionAdopted => new(true, ExemptText),
        DecisionStance.Oppose => new(true, ExemptText + "（该决策未获通过）"),
        DecisionStance.Agree => new(false, "表示同意，承担相应领导责任"),
        DecisionStance.Abstain => new(false, "弃权不属于明确反对，不因此免除领导责任"),
        _ => new(false, "会议记录中无其本人表态，不能免除领导责任"),
    };

    /// <summary>The members exempt for a decision, given everyone's recorded position on it.</summary>
    public static IReadOnlyList<Guid> ExemptMembers(bool decisionAdopted, IEnumerable<(Guid Member, DecisionStance Stance)> positions)
        => positions.Where(p => Evaluate(decisionAdopted, p.Stance).Exempt).Select(p => p.Member).Distinct().ToList();
}
