namespace DutyDesk.Responsibility;

/// <summary>The module's audit actions and the words the auditor reads; registered by AddResponsibility.</summary>
internal static class ResponsibilityAudit
{
    public const string ObligationAdopt = "responsibility.obligation.adopt";
    public const string ObligationCreate = "responsibility.obligation.create";
    public const string ObligationUpdate = "responsibility.obligation.update";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [ObligationAdopt] = "启用默认制度性要求",
        [ObligationCreate] = "新增制度性要求",
        [ObligationUpdate] = "修改制度性要求",
    };
}
