namespace DutyDesk.Responsibility.Domain;

/// <summary>How this module's DueTasks name their source; the assessment counts tasks by these.</summary>
internal static class TaskSources
{
    public const string Module = "responsibility";
    public const string ObligationOccurrence = "ObligationOccurrence";
    public const string ListItem = "ResponsibilityListItem";
}
