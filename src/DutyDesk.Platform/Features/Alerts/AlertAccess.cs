using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Scope;

namespace DutyDesk.Platform.Features.Alerts;

/// <summary>
/// Who reads and acknowledges an alert: the people of its chain, and anyone who may see its unit and holds a
/// working role there (a group member who saw the robot message). Administrators do not act in business matters.
/// </summary>
public static class AlertAccess
{
    /// <summary>The roles that configure a unit's robot channels.</summary>
    public static readonly Role[] ChannelManagers = [Role.FirstResponsible, Role.LeaderInCharge, Role.LeadingGroupOffice];

    public static bool WorksIn(Actor actor, Guid unitId)
        => actor.CanSee(unitId) && actor.Roles.Any(r => !r.Role.IsAdministrative() && actor.HoldsIn(r.Role, unitId));

    public static bool CanRead(Actor actor, Guid unitId, IEnumerable<Guid> chain) => chain.Contains(actor.UserId) || WorksIn(actor, unitId);

    public static bool ManagesChannels(Actor actor, Guid unitId) => actor.CanSee(unitId) && ChannelManagers.Any(role => actor.HoldsIn(role, unitId));
}
