using DutyDesk.Platform.Identity;

namespace DutyDesk.Platform.Scope;

/// <summary>
/// Who is acting, and what they may see: the units of their subtrees ("属地管理、分级负责").
/// A role held in a unit applies to that unit and everything below it.
/// </summary>
public sealed class Actor
{
    private readonly IReadOnlyDictionary<Guid, string> unitPaths;

    internal Actor(Guid userId, string userName, string displayName, Guid homeUnitId, string? clientIp,
        IReadOnlyList<RoleAssignment> roles, IReadOnlyDictionary<Guid, string> unitPaths, IReadOnlySet<Guid> visibleUnits)
    {
        UserId = userId;
        UserName = userName;
        DisplayName = displayName;
        HomeUnitId = homeUnitId;
        ClientIp = clientIp;
        Roles = roles;
        this.unitPaths = unitPaths;
        VisibleUnits = visibleUnits;
    }

    public Guid UserId { get; }

    public string UserName { get; }

    public string DisplayName { get; }

    public Guid HomeUnitId { get; }

    public string? ClientIp { get; }

    public IReadOnlyList<RoleAssignment> Roles { get; }

    /// <summary>Every unit this person may read: their own unit and role units, with all subordinates.</summary>
    public IReadOnlySet<Guid> VisibleUnits { get; }

    public bool CanSee(Guid unitId) => VisibleUnits.Contains(unitId);

    public bool Holds(Role role) => Roles.Any(r => r.Role == role);

    /// <summary>True when the role is held in the unit itself or in one of its superiors.</summary>
    public bool HoldsIn(Role role, Guid unitId)
    {
        if (!unitPaths.TryGetValue(unitId, out var path))
        {
            return false;
        }

        return Roles.Any(r => r.Role == role && unitPaths.TryGetValue(r.UnitId, out var rolePath) && path.StartsWith(rolePath, StringComparison.Ordinal));
    }

    /// <summary>True when the role is held in a top unit (one with no superior): the whole installation.</summary>
    public bool HoldsAtTop(Role role)
        => Roles.Any(r => r.Role == role && unitPaths.TryGetValue(r.UnitId, out var path) && path.Count(c => c == '/') == 2);

    /// <summary>The units in which the role applies (the role units and their subtrees).</summary>
    public IReadOnlySet<Guid> UnitsWhere(Role role)
    {
        var roots = Roles.Where(r => r.Role == role).Select(r => unitPaths.GetValueOrDefault(r.UnitId)).OfType<string>().ToList();
        return unitPaths.Where(u => roots.Any(root => u.Value.StartsWith(root, StringComparison.Ordinal))).Select(u => u.Key).ToHashSet();
    }
}
