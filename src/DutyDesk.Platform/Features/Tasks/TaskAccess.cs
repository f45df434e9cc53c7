using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Tasks;

namespace DutyDesk.Platform.Features.Tasks;

/// <summary>Who may see and work on a task: its owner, its escalation target, and the unit's managers.</summary>
public static class TaskAccess
{
    /// <summary>Roles that assign and supervise dated work in their units.</summary>
    public static readonly Role[] Managers = [Role.FirstResponsible, Role.LeaderInCharge, Role.LeadingGroupOffice, Role.DepartmentHead];

    public static bool Manages(Actor actor, Guid unitId) => Managers.Any(role => actor.HoldsIn(role, unitId));

    public static bool CanRead(Actor actor, DueTask task)
        => task.OwnerId == actor.UserId || task.EscalateToId == actor.UserId || (actor.CanSee(task.UnitId) && Manages(actor, task.UnitId));

    public static bool CanWork(Actor actor, DueTask task)
        => task.OwnerId == actor.UserId || (actor.CanSee(task.UnitId) && Manages(actor, task.UnitId));
}
