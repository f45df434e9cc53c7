using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Scope;

namespace DutyDesk.Opinion.Domain;

/// <summary>Who does what in monitoring: any role in scope reads; these roles configure and report.</summary>
internal static class OpinionAccess
{
    /// <summary>Set up schemes and sources: the leading group, its office, and the people on monitoring duty.</summary>
    public static readonly Role[] Configurers = [Role.FirstResponsible, Role.LeaderInCharge, Role.LeadingGroupOffice, Role.Monitor];

    /// <summary>Report what they saw and correct an item's sentiment.</summary>
    public static readonly Role[] Reporters = [.. Configurers, Role.InformationOfficer, Role.DepartmentHead];

    public static bool Configures(Actor actor, Guid unitId) => Configurers.Any(r => actor.HoldsIn(r, unitId));

    public static bool Reports(Actor actor, Guid unitId) => Reporters.Any(r => actor.HoldsIn(r, unitId));

    public const string ConfigurersText = "第一责任人、分管领导、领导小组办公室或值班员/监测员";

    public const string ReportersText = "第一责任人、分管领导、领导小组办公室、值班员/监测员、舆情信息员或部门负责人";
}
