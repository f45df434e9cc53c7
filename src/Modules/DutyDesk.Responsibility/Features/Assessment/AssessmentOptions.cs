using DutyDesk.Responsibility.Domain;

namespace DutyDesk.Responsibility.Features.Assessment;

/// <summary>The weights of the annual assessment formula ("DutyDesk:Responsibility:Assessment"); any non-negative figures.</summary>
public sealed class AssessmentOptions
{
    public const string Section = "DutyDesk:Responsibility:Assessment";

    public decimal ObligationsWeight { get; set; } = AssessmentFormula.Default.Obligations;

    public decimal ListItemsWeight { get; set; } = AssessmentFormula.Default.ListItems;

    public decimal RectificationsWeight { get; set; } = AssessmentFormula.Default.Rectifications;

    public decimal IncidentsWeight { get; set; } = AssessmentFormula.Default.Incidents;

    public bool IsValid => ObligationsWeight >= 0 && ListItemsWeight >= 0 && RectificationsWeight >= 0 && IncidentsWeight >= 0
                           && ObligationsWeight + ListItemsWeight + RectificationsWeight + IncidentsWeight > 0;

    public AssessmentFormula ToFormula() => new(ObligationsWeight, ListItemsWeight, RectificationsWeight, IncidentsWeight);
}
