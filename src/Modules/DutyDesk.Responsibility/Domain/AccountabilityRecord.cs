namespace DutyDesk.Responsibility.Domain;

/// <summary>Collective responsibility of the leadership, or the responsibility of one person.</summary>
public enum AccountabilityScope
{
    Collective,
    Individual,
}

/// <summary>The degree of an individual's responsibility (1.2).</summary>
public enum IndividualResponsibility
{
    PrincipalLeadership,
    ImportantLeadership,
    Direct,
}

public static class AccountabilityNames
{
    public static string ToChinese(this AccountabilityScope scope) => scope switch
    {
        AccountabilityScope.Collective => "集体责任",
        AccountabilityScope.Individual => "个人责任",
        _ => scope.ToString(),
    };

    public static string ToChinese(this IndividualResponsibility responsibility) => responsibility switch
    {
        IndividualResponsibility.PrincipalLeadership => "主要领导责任",
        IndividualResponsibility.ImportantLeadership => "重要领导责任",
        IndividualResponsibility.Direct => "直接责任",
        _ => responsibility.ToString(),
    };

    /// <summary>Leadership responsibility is what an objection on record exempts from; direct responsibility is not.</summary>
    public static bool IsLeadership(this IndividualResponsibility responsibility)
        => responsibility is IndividualResponsibility.PrincipalLeadership or IndividualResponsibility.ImportantLeadership;
}

/// <summary>
/// An accountability record (责任追究) of a unit for a year: the circumstance of the letter it falls
/// under, the facts, and whose responsibility it is; optionally the meeting decision concerned.
/// </summary>
public sealed class AccountabilityRecord
{
    public const int FactsMaxLength = 4000;

    public Guid Id { get; set; }

    public Guid UnitId { get; set; }

    public int Year { get; set; }

    /// <summary>The number of one of <see cref="AccountabilityCatalog.Circumstances"/>.</summary>
    public int Circumstance { get; set; }

    public required string Facts { get; set; }

    public AccountabilityScope Scope { get; set; }

    /// <summary>For individual responsibility: the person.</summary>
    public Guid? PersonId { get; set; }

    public IndividualResponsibility? Responsibility { get; set; }

    public Guid? DecisionId { get; set; }

    public DateTime RecordedAt { get; set; }

    public Guid RecordedBy { get; set; }
}
