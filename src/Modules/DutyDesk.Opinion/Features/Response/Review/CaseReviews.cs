using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Response.Review;

/// <summary>A unit or a person the review may evaluate or make responsible for an improvement.</summary>
public sealed record ReviewSubject(Guid Id, string Name);

/// <summary>What the rest of the response feature asks of reviews, and the people and units a review may name.</summary>
internal static class CaseReviews
{
    /// <summary>Why the case may not be closed yet, or null when its review is finalised.</summary>
    public static async Task<Error?> MissingAsync(AppDbContext db, Guid caseId, CancellationToken ct)
    {
        var state = await db.Set<CaseReview>().Where(r => r.CaseId == caseId).Select(r => (ReviewState?)r.State).FirstOrDefaultAsync(ct);
        return state switch
        {
            ReviewState.Finalised => null,
            null => Error.Validation("trigger", "结案前须完成总结评估：请先在“总结评估”中填写并定稿。"),
            _ => Error.Validation("trigger", "总结评估尚未定稿，定稿后才能结案。"),
        };
    }

    /// <summary>The units of the case's subtree (the unit and everything under it), by sort order.</summary>
    public static async Task<List<ReviewSubject>> UnitsAsync(AppDbContext db, Guid caseUnitId, CancellationToken ct)
    {
        var path = await db.Units.Where(u => u.Id == caseUnitId).Select(u => u.Path).FirstAsync(ct);
        return await db.Units.AsNoTracking().Where(u => u.Path.StartsWith(path) && !u.IsDisabled)
            .OrderBy(u => u.Path.Length).ThenBy(u => u.SortOrder).ThenBy(u => u.Name)
            .Select(u => new ReviewSubject(u.Id, u.Name)).ToListAsync(ct);
    }

    /// <summary>The people holding a role in the case's subtree, “name（unit）”.</summary>
    public static async Task<List<ReviewSubject>> PeopleAsync(AppDbContext db, IReadOnlyList<ReviewSubject> units, CancellationToken ct)
    {
        var ids = units.Select(u => u.Id).ToList();
        var names = units.ToDictionary(u => u.Id, u => u.Name);
        var rows = await (
            from r in db.RoleAssignments.AsNoTracking()
            join p in db.Users.AsNoTracking() on r.UserId equals p.Id
            where ids.Contains(r.UnitId)
            select new { p.Id, p.DisplayName, r.UnitId }).ToListAsync(ct);
        return rows.GroupBy(r => r.Id)
            .Select(g => new ReviewSubject(g.Key, $"{g.First().DisplayName}（{string.Join("、", g.Select(x => names[x.UnitId]).Distinct())}）"))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }
}
