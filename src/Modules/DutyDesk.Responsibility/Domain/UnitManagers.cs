using DutyDesk.Platform.Features.Tasks;
using DutyDesk.Platform.Scope;

namespace DutyDesk.Responsibility.Domain;

/// <summary>
/// Who writes the responsibility records of a unit: the platform's task managers (TaskAccess) of the unit,
/// held in the unit itself or in a superior unit, and only within the actor's scope.
/// </summary>
internal static class UnitManagers
{
    public static bool Manages(Actor actor, Guid unitId) => actor.CanSee(unitId) && TaskAccess.Manages(actor, unitId);
}
