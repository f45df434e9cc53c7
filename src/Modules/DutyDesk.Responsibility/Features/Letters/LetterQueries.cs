using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Responsibility.Features.Letters;

public sealed record LetterFilter(Guid? UnitId = null, int? Year = null);

public sealed record LetterSummaryDto(
    Guid Id, Guid UnitId, string UnitName, int Year, string Title, int LatestNumber, LetterVersionState LatestState, string LatestStateName,
    int? CurrentNumber, int SignerCount, int SignedCount, int BrokenCount, DateTime CreatedAt);

public enum SignerStatus
{
    /// <summary>The version is a draft: nothing to sign yet.</summary>
    AwaitingIssue,

    /// <summary>The version is in force and this signer has not signed it.</summary>
    Pending,

    /// <summary>Signed, and the stored text still hashes to what was signed.</summary>
    Valid,

    /// <summary>Signed, but the stored text no longer hashes to what was signed.</summary>
    Broken,

    /// <summary>The version was superseded before this signer signed it.</summary>
    NotSigned,
}

public sealed record SignatureStatusDto(
    Guid SignerId, string Name, string Post, SignerStatus Status, string StatusName, DateTime? SignedAt, string? Sha256, Guid? SignatureId);

public sealed record LetterVersionSummaryDto(
    Guid Id, int Number, LetterVersionState State, string StateName, DateTime CreatedAt, string CreatedByName,
    DateTime? IssuedAt, string? IssuedByName, DateTime? SupersededAt, int SignedCount, int BrokenCount);

public sealed record LetterVersionDto(
    Guid Id, int Number, LetterVersionState State, string StateName, LetterContent Content, bool IsCurrent, Guid Version,
    IReadOnlyList<SignatureStatusDto> Signatures);

public sealed record LetterSignerDto(Guid UserId, string Name, string Post);

/// <summary>
/// A letter as its page shows it: <c>Shown</c> is the version asked for, else the one in force, else the draft.
/// <c>MySignature</c> is the actor's status on the version in force when they are a signer.
/// </summary>
public sealed record LetterDetailDto(
    Guid Id, Guid UnitId, string UnitName, int Year, string Title, Guid Version, bool CanManage, int? CurrentNumber,
    IReadOnlyList<LetterSignerDto> Signers, IReadOnlyList<LetterVersionSummaryDto> Versions, LetterVersionDto Shown, SignerStatus? MySignature);

/// <summary>Lists and reads letters within the actor's scope (and the letters they are to sign), with each signature checked.</summary>
public sealed class LetterQueries(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<IReadOnlyList<LetterSummaryDto>> ListAsync(Actor actor, LetterFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = actor.VisibleUnits.ToList();
        var me = actor.UserId;
        var query = db.Set<ResponsibilityLetter>().AsNoTracking()
            .Where(l => visible.Contains(l.UnitId) || l.Signers.Any(s => s.UserId == me));
        if (filter.UnitId is { } unitId)
        {
            query = query.Where(l => l.UnitId == unitId);
        }

        if (filter.Year is { } year)
        {
            query = query.Where(l => l.Year == year);
        }

        var letters = await query.Include(l => l.Signers).Include(l => l.Versions).AsSplitQuery()
            .OrderByDescending(l => l.Year).ThenByDescending(l => l.CreatedAt).Take(500).ToListAsync(ct);
        var ids = letters.Select(l => l.Id).ToList();
        var signatures = (await db.Set<LetterSignature>().AsNoTracking().Where(s => ids.Contains(s.LetterId)).ToListAsync(ct)).ToLookup(s => s.VersionId);
        var units = await UnitNamesAsync(db, letters.Select(l => l.UnitId), ct);
        return letters.Select(l =>
        {
            var latest = l.Latest!;
            var current = l.Current;
            var checkedSignatures = current is null ? [] : signatures[current.Id].Select(s => Check(current, s)).ToList();
            return new LetterSummaryDto(l.Id, l.UnitId, units.GetValueOrDefault(l.UnitId, "?"), l.Year, l.Title, latest.Number, latest.State, latest.State.ToChinese(),
                current?.Number, l.Signers.Count, checkedSignatures.Count(s => s == SignatureState.Valid), checkedSignatures.Count(s => s == SignatureState.Broken), l.CreatedAt);
        }).ToList();
    }

    public async Task<Result<LetterDetailDto>> GetAsync(Actor actor, Guid letterId, int? number = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var letter = await LetterAccess.LoadAsync(db, actor, letterId, ct);
        if (letter is null)
        {
            return Error.NotFound("责任书");
        }

        var shown = number is { } n ? letter.Versions.FirstOrDefault(v => v.Number == n) : letter.Current ?? letter.Latest;
        if (shown is null)
        {
            return Error.NotFound("责任书版本");
        }

        var signatures = await db.Set<LetterSignature>().AsNoTracking().Where(s => s.LetterId == letter.Id).ToListAsync(ct);
        var people = letter.Signers.Select(s => s.UserId)
            .Concat(signatures.Select(s => s.SignerId))
            .Concat(letter.Versions.Select(v => v.CreatedBy))
            .Concat(letter.Versions.Where(v => v.IssuedBy is not null).Select(v => v.IssuedBy!.Value))
            .Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var unitName = (await UnitNamesAsync(db, [letter.UnitId], ct)).GetValueOrDefault(letter.UnitId, "?");
        var bySignature = signatures.ToLookup(s => s.VersionId);
        var signers = letter.Signers.OrderBy(s => s.SortOrder).Select(s => new LetterSignerDto(s.UserId, names.GetValueOrDefault(s.UserId, "?"), s.Post)).ToList();
        var versions = letter.Versions.OrderByDescending(v => v.Number).Select(v =>
        {
            var states = bySignature[v.Id].Select(s => Check(v, s)).ToList();
            return new LetterVersionSummaryDto(v.Id, v.Number, v.State, v.State.ToChinese(), v.CreatedAt, names.GetValueOrDefault(v.CreatedBy, "?"),
                v.IssuedAt, v.IssuedBy is { } by ? names.GetValueOrDefault(by, "?") : null, v.SupersededAt,
                states.Count(s => s == SignatureState.Valid), states.Count(s => s == SignatureState.Broken));
        }).ToList();
        var current = letter.Current;
        var shownDto = new LetterVersionDto(shown.Id, shown.Number, shown.State, shown.State.ToChinese(), shown.Content, shown.Id == current?.Id, shown.Version,
            Statuses(shown, signers, bySignature[shown.Id]));
        SignerStatus? mine = current is not null && letter.Signers.Any(s => s.UserId == actor.UserId)
            ? Statuses(current, signers, bySignature[current.Id]).First(s => s.SignerId == actor.UserId).Status
            : null;
        return new LetterDetailDto(letter.Id, letter.UnitId, unitName, letter.Year, letter.Title, letter.Version, LetterAccess.Manages(actor, letter.UnitId),
            current?.Number, signers, versions, shownDto, mine);
    }

    /// <summary>The people a manager may choose as signers of the unit's letters.</summary>
    public async Task<Result<IReadOnlyList<SignerCandidate>>> CandidatesAsync(Actor actor, Guid unitId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null || !actor.CanSee(unit.Id))
        {
            return Error.NotFound("单位");
        }

        if (!LetterAccess.Manages(actor, unit.Id))
        {
            return Error.Forbidden(LetterAccess.ManagersOnly);
        }

        return Result<IReadOnlyList<SignerCandidate>>.Ok(await LetterAccess.CandidatesAsync(db, unit, ct));
    }

    /// <summary>
    /// One row per listed signer (in the letter's order) and per signature of someone no longer listed:
    /// a signature stays on its version whatever happens to the list afterwards.
    /// </summary>
    internal static IReadOnlyList<SignatureStatusDto> Statuses(LetterVersion version, IReadOnlyList<LetterSignerDto> signers, IEnumerable<LetterSignature> signatures)
    {
        var byPerson = signatures.ToDictionary(s => s.SignerId);
        var rows = new List<SignatureStatusDto>();
        foreach (var signer in signers)
        {
            rows.Add(byPerson.Remove(signer.UserId, out var signature)
                ? Signed(version, signature)
                : Unsigned(version, signer));
        }

        rows.AddRange(byPerson.Values.OrderBy(s => s.SignedAt).Select(s => Signed(version, s)));
        return rows;
    }

    public static string StatusName(SignerStatus status) => status switch
    {
        SignerStatus.AwaitingIssue => "待签发",
        SignerStatus.Pending => "待签",
        SignerStatus.Valid => "已签",
        SignerStatus.Broken => "签名无效",
        SignerStatus.NotSigned => "未签",
        _ => status.ToString(),
    };

    private static SignatureStatusDto Signed(LetterVersion version, LetterSignature signature)
    {
        var status = Check(version, signature) == SignatureState.Valid ? SignerStatus.Valid : SignerStatus.Broken;
        return new SignatureStatusDto(signature.SignerId, signature.SignerName, signature.Post, status, StatusName(status), signature.SignedAt, signature.Sha256, signature.Id);
    }

    private static SignatureStatusDto Unsigned(LetterVersion version, LetterSignerDto signer)
    {
        var status = version.State switch
        {
            LetterVersionState.Draft => SignerStatus.AwaitingIssue,
            LetterVersionState.Issued => SignerStatus.Pending,
            _ => SignerStatus.NotSigned,
        };
        return new SignatureStatusDto(signer.UserId, signer.Name, signer.Post, status, StatusName(status), null, null, null);
    }

    private static SignatureState Check(LetterVersion version, LetterSignature signature)
        => SignatureCheck.Verify(version.Content, signature.Post, signature.SignerName, signature.Sha256);

    private static async Task<Dictionary<Guid, string>> UnitNamesAsync(AppDbContext db, IEnumerable<Guid> unitIds, CancellationToken ct)
    {
        var ids = unitIds.Distinct().ToList();
        return await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }
}
