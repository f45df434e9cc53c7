namespace DutyDesk.Responsibility.Domain;

internal static class TaskSources
{
    public const string Module = "responsibility";
    public const string ObligationOccurrence = "ObligationOccurrence";
    public const string ListItem = "ResponsibilityListItem";
}
