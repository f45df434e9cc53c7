using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Scope;

namespace DutyDesk.Responsibility.Domain;

/// <summary>
/// Who writes the responsibility records of a unit: the same roles that assign and supervise its dated
/// work in the platform (TaskAccess.Managers), held in the unit itself or in a superior unit.
/// </summary>
internal static class UnitManagers
{
    public static readonly Role[] Roles = [Role.FirstResponsible, Role.LeaderInCharge, Role.LeadingGroupOffice, Role.DepartmentHead];

    public static bool Manages(Actor actor, Guid unitId) => actor.CanSee(unitId) && Roles.Any(role => actor.HoldsIn(role, unitId));
}
