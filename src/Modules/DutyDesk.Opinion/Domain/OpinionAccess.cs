using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>
    /// The check before configuring a unit's monitoring: an unknown or out-of-scope unit is "not found"; a person in
    /// scope without a configuring role is refused, and the attempt (<paramref name="attempted"/>) audited.
    /// </summary>
    public static async Task<Error?> CheckConfigurerAsync(
        AppDbContext db, TimeProvider clock, Actor actor, Guid unitId, string attempted, string allowedTo, CancellationToken ct)
    {
        if (!actor.CanSee(unitId) || !await db.Units.AnyAsync(u => u.Id == unitId, ct))
        {
            return Error.NotFound("单位");
        }

        if (!Configures(actor, unitId))
        {
            await db.AuditDeniedAsync(clock, actor, attempted, "Unit", unitId.ToString(), ct);
            return Error.Forbidden($"只有本单位的{ConfigurersText}可以{allowedTo}。");
        }

        return null;
    }

    /// <summary>
    /// Reporting also goes upward: an information officer of a department (一中德育处) reports what concerns the
    /// school (第一中学), whose monitoring it belongs to.
    /// </summary>
    public static async Task<bool> ReportsAsync(AppDbContext db, Actor actor, Guid unitId, CancellationToken ct)
    {
        if (Reports(actor, unitId))
        {
            return true;
        }

        foreach (var start in actor.Roles.Where(r => Reporters.Contains(r.Role)).Select(r => r.UnitId).Distinct())
        {
            Guid? current = start;
            for (var depth = 0; current is { } id && depth < 32; depth++)
            {
                if (id == unitId)
                {
                    return true;
                }

                current = await db.Units.Where(u => u.Id == id).Select(u => u.ParentId).FirstOrDefaultAsync(ct);
            }
        }

        return false;
    }

    /// <summary>The unit and its superiors, nearest first, from a materialised path ("/a/b/c/").</summary>
    public static List<Guid> Chain(string path)
        => path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).Reverse().ToList();

    /// <summary>The unit and its superiors, nearest first (what inherits: grading, sensitive periods, channels, escalation).</summary>
    public static async Task<List<Guid>> UnitChainAsync(AppDbContext db, Guid unitId, CancellationToken ct)
    {
        var path = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
        return path is null ? [unitId] : Chain(path);
    }

    public const string ConfigurersText = "第一责任人、分管领导、领导小组办公室或值班员/监测员";

    public const string ReportersText = "第一责任人、分管领导、领导小组办公室、值班员/监测员、舆情信息员或部门负责人";
}
