namespace DutyDesk.Platform.Units;

/// <summary>A unit (单位/组织) in the tree: superior unit → unit → departments and branches.</summary>
public sealed class Unit
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; }

    public Guid? ParentId { get; set; }

    public required string Name { get; set; }

    public UnitKind Kind { get; set; }

    /// <summary>Materialised path of ids ("/a/b/c/"), so a subtree is one prefix query.</summary>
    public required string Path { get; set; }

    public bool IsDisabled { get; set; }

    public int SortOrder { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid Version { get; set; }

    public static string PathOf(string? parentPath, Guid id) => (parentPath ?? "/") + id.ToString("N") + "/";
}

public enum UnitKind
{
    Organisation,
    Department,
    PartyBranch,
}

public static class UnitKindNames
{
    public static string ToChinese(this UnitKind kind) => kind switch
    {
        UnitKind.Organisation => "单位",
        UnitKind.Department => "部室",
        UnitKind.PartyBranch => "党支部",
        _ => kind.ToString(),
    };
}
