using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Features.Tasks;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Units;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Responsibility.Features.Letters;

public sealed record SignerInput(Guid UserId, string? Post);

/// <summary>Someone a letter of the unit may be issued to, with a post suggested from their roles.</summary>
public sealed record SignerCandidate(Guid UserId, string DisplayName, string UserName, string HomeUnitName, string SuggestedPost);

/// <summary>
/// Who may do what with a letter: the unit's managers (as for tasks) write, anyone who can see the
/// unit reads, and each listed signer reads the letter they are to sign even from a department
/// that cannot see the issuing unit itself.
/// </summary>
internal static class LetterAccess
{
    public const string ManagersOnly = "只有本单位的第一责任人、分管领导、领导小组办公室或部门负责人可以管理责任书。";

    public static bool Manages(Actor actor, Guid unitId) => TaskAccess.Manages(actor, unitId);

    public static bool CanRead(Actor actor, ResponsibilityLetter letter)
        => actor.CanSee(letter.UnitId) || letter.Signers.Any(s => s.UserId == actor.UserId);

    public static async Task<ResponsibilityLetter?> LoadAsync(AppDbContext db, Actor actor, Guid letterId, CancellationToken ct)
    {
        var letter = await db.Set<ResponsibilityLetter>()
            .Include(l => l.Signers)
            .Include(l => l.Versions)
            .AsSplitQuery()
            .FirstOrDefaultAsync(l => l.Id == letterId, ct);
        return letter is not null && CanRead(actor, letter) ? letter : null;
    }

    /// <summary>The letter for a write: NotFound outside the actor's sight, Forbidden (audited as <paramref name="attempted"/>) for a non-manager.</summary>
    public static async Task<Result<ResponsibilityLetter>> LoadForManagerAsync(
        AppDbContext db, Actor actor, Guid letterId, string attempted, TimeProvider clock, CancellationToken ct)
    {
        var letter = await LoadAsync(db, actor, letterId, ct);
        if (letter is null)
        {
            return Error.NotFound("责任书");
        }

        if (!Manages(actor, letter.UnitId))
        {
            await db.AuditDeniedAsync(clock, actor, attempted, "ResponsibilityLetter", letter.Id.ToString(), ct);
            return Error.Forbidden(ManagersOnly);
        }

        return letter;
    }

    /// <summary>
    /// The people of the unit's subtree (by home unit or by a role held there), the administrative
    /// accounts excepted: a letter binds the people who do the work, not the system's operators.
    /// </summary>
    public static async Task<IReadOnlyList<SignerCandidate>> CandidatesAsync(AppDbContext db, Unit unit, CancellationToken ct)
    {
        var subtree = await db.Units.AsNoTracking().Where(u => u.Path.StartsWith(unit.Path)).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var ids = subtree.Select(u => u.Id).ToList();
        var names = subtree.ToDictionary(u => u.Id, u => u.Name);
        var withRole = db.RoleAssignments.Where(r => ids.Contains(r.UnitId)).Select(r => r.UserId);
        var users = await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && (ids.Contains(u.HomeUnitId) || withRole.Contains(u.Id)))
            .Select(u => new { u.Id, u.DisplayName, u.UserName, u.HomeUnitId })
            .ToListAsync(ct);
        var userIds = users.Select(u => u.Id).ToList();
        var roles = (await db.RoleAssignments.AsNoTracking().Where(r => userIds.Contains(r.UserId)).Select(r => new { r.UserId, r.Role }).ToListAsync(ct))
            .ToLookup(r => r.UserId, r => r.Role);
        return users
            .Where(u => !roles[u.Id].Any(r => r.IsAdministrative()))
            .OrderBy(u => PostRank(roles[u.Id]))
            .ThenBy(u => u.UserName, StringComparer.Ordinal)
            .Select(u => new SignerCandidate(u.Id, u.DisplayName, u.UserName ?? "", names.GetValueOrDefault(u.HomeUnitId, "（上级单位）"), SuggestedPost(roles[u.Id])))
            .ToList();
    }

    /// <summary>Checks the chosen signers against the unit's candidates and turns them into rows, in the order given.</summary>
    public static async Task<Result<List<LetterSigner>>> ResolveSignersAsync(AppDbContext db, Unit unit, Guid letterId, IReadOnlyList<SignerInput>? input, CancellationToken ct)
    {
        if (input is null || input.Count == 0)
        {
            return Error.Validation("signers", "“签署人”不能为空：请至少选择一人。");
        }

        if (input.Count > 200)
        {
            return Error.Validation("signers", "“签署人”不能超过 200 人。");
        }

        if (input.GroupBy(s => s.UserId).FirstOrDefault(g => g.Count() > 1) is not null)
        {
            return Error.Validation("signers", "“签署人”中有同一人被选了两次。");
        }

        var candidates = (await CandidatesAsync(db, unit, ct)).ToDictionary(c => c.UserId);
        var rows = new List<LetterSigner>();
        foreach (var (signer, index) in input.Select((s, i) => (s, i)))
        {
            if (!candidates.TryGetValue(signer.UserId, out var candidate))
            {
                return Error.Validation("signers", $"第 {index + 1} 位“签署人”不存在、已停用或不在“{unit.Name}”范围内，不能选为签署人。");
            }

            if (Check.Required("signers", $"{candidate.DisplayName}的职务", signer.Post, LetterSigner.PostMaxLength) is { } invalid)
            {
                return invalid;
            }

            rows.Add(new LetterSigner { Id = Guid.CreateVersion7(), LetterId = letterId, UserId = signer.UserId, Post = signer.Post!.Trim(), SortOrder = index });
        }

        return rows;
    }

    private static string SuggestedPost(IEnumerable<Role> roles)
    {
        var held = roles.ToHashSet();
        return held.Contains(Role.FirstResponsible) ? "党组书记"
            : held.Contains(Role.LeaderInCharge) || held.Contains(Role.LeadershipMember) ? "班子成员"
            : held.Contains(Role.DepartmentHead) ? "部室负责人"
            : "";
    }

    private static int PostRank(IEnumerable<Role> roles)
    {
        var held = roles.ToHashSet();
        return held.Contains(Role.FirstResponsible) ? 0
            : held.Contains(Role.LeaderInCharge) || held.Contains(Role.LeadershipMember) ? 1
            : held.Contains(Role.DepartmentHead) ? 2
            : 3;
    }
}
