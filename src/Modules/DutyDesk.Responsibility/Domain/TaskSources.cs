namespace DutyDesk.Responsibility.Domain;

/// <summary>
/// How the platform's DueTasks of this module are marked (<c>SourceModule</c>/<c>SourceType</c>), so that
/// meetings can close an obligation's task and the assessment can count them.
/// </summary>
internal static class TaskSources
{
    public const string Module = "responsibility";
    public const string ObligationOccurrence = "ObligationOccurrence";
    public const string ListItem = "ResponsibilityListItem";
}
