namespace DutyDesk.Responsibility;

/// <summary>Settings of the responsibility module (section DutyDesk:Responsibility).</summary>
public sealed class ResponsibilityOptions
{
    public const string Section = "DutyDesk:Responsibility";

    /// <summary>How far ahead occurrences become tasks: far enough for the earliest reminder, near enough that 我的待办 stays readable.</summary>
    public int PlanAheadDays { get; set; } = 62;

    public int PlanIntervalMinutes { get; set; } = 10;
}
