namespace DutyDesk.Platform.Identity;

/// <summary>A role a person holds in one unit (PRODUCT.md §0). A person may hold several.</summary>
public enum Role
{
    FirstResponsible,
    LeaderInCharge,
    LeadershipMember,
    LeadingGroupOffice,
    DepartmentHead,
    InformationOfficer,
    Monitor,
    Reviewer,
    SystemAdmin,
    SecurityAdmin,
    Auditor,
}

public static class Roles
{
    /// <summary>The three administrative roles that must stay separate (三权分立, MLPS 2.0 level 3).</summary>
    public static readonly IReadOnlySet<Role> Administrative = new HashSet<Role> { Role.SystemAdmin, Role.SecurityAdmin, Role.Auditor };

    public static bool IsAdministrative(this Role role) => Administrative.Contains(role);

    public static string ToChinese(this Role role) => role switch
    {
        Role.FirstResponsible => "第一责任人",
        Role.LeaderInCharge => "分管领导",
        Role.LeadershipMember => "班子成员",
        Role.LeadingGroupOffice => "领导小组办公室",
        Role.DepartmentHead => "部门负责人",
        Role.InformationOfficer => "舆情信息员",
        Role.Monitor => "值班员/监测员",
        Role.Reviewer => "审核人",
        Role.SystemAdmin => "系统管理员",
        Role.SecurityAdmin => "安全管理员",
        Role.Auditor => "审计员",
        _ => role.ToString(),
    };
}

/// <summary>One role held by one person in one unit.</summary>
public sealed class RoleAssignment
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public Guid UnitId { get; set; }

    public Role Role { get; set; }

    public DateTime GrantedAt { get; set; }

    public Guid? GrantedBy { get; set; }
}
