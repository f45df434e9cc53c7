using DutyDesk.Responsibility.Domain;

namespace DutyDesk.Responsibility.Tests;

public class DissentExemptionTests
{
    [Theory]
    [InlineData(true, DecisionStance.Oppose, true)]
    [InlineData(false, DecisionStance.Oppose, true)]
    [InlineData(true, DecisionStance.Agree, false)]
    [InlineData(false, DecisionStance.Agree, false)]
    [InlineData(true, DecisionStance.Abstain, false)]
    [InlineData(false, DecisionStance.Abstain, false)]
    [InlineData(true, null, false)]
    [InlineData(false, null, false)]
    public void Evaluate_StanceOnRecord_OnlyAnObjectionExempts(bool adopted, DecisionStance? stance, bool exempt)
    {
        var result = DissentExemption.Evaluate(adopted, stance);

        Assert.Equal(exempt, result.Exempt);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
        Assert.Equal(exempt, result.Reason.StartsWith(DissentExemption.ExemptText, StringComparison.Ordinal));
    }

    [Fact]
    public void ExemptMembers_MixedPositions_OnlyObjectors()
    {
        var agree = Guid.NewGuid();
        var oppose = Guid.NewGuid();
        var abstain = Guid.NewGuid();
        var secondObjector = Guid.NewGuid();

        var exempt = DissentExemption.ExemptMembers(true, [(agree, DecisionStance.Agree), (oppose, DecisionStance.Oppose), (abstain, DecisionStance.Abstain), (secondObjector, DecisionStance.Oppose)]);

        Assert.Equal([oppose, secondObjector], exempt);
    }

    [Fact]
    public void ExemptMembers_NoPositions_Nobody()
        => Assert.Empty(DissentExemption.ExemptMembers(false, []));
}
