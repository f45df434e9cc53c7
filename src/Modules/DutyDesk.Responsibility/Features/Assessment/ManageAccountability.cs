using DutyDesk.Responsibility;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Responsibility.Features.Assessment;

public sealed record AccountabilityDto(
    Guid Id, int Year, int Circumstance, string CircumstanceText, string Facts, AccountabilityScope Scope, string ScopeName,
    Guid? PersonId, string? PersonName, IndividualResponsibility? Responsibility, string? ResponsibilityName,
    Guid? DecisionId, string? DecisionText, Guid? MeetingId, string? MeetingTitle, IReadOnlyList<string> ExemptMembers,
    DateTime RecordedAt, string RecordedByName);

public sealed record DecisionOption(Guid Id, Guid MeetingId, string MeetingTitle, DateTime MeetingAt, string Text, bool Adopted);

public sealed record CreateAccountabilityCommand(
    Guid UnitId, int Year, int Circumstance, string Facts, AccountabilityScope Scope, Guid? PersonId, IndividualResponsibility? Responsibility, Guid? DecisionId);

/// <summary>
/// Accountability records (责任追究): each cites one of the letter's thirteen circumstances, separates
/// collective from individual responsibility, and respects an objection on record (<see cref="DissentExemption"/>).
/// </summary>
internal sealed class ManageAccountability(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, DisplayClock display)
{
    public async Task<Result<IReadOnlyList<AccountabilityDto>>> ListAsync(Actor actor, Guid unitId, int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!actor.CanSee(unitId) || !await db.Units.AnyAsync(u => u.Id == unitId, ct))
        {
            return Error.NotFound("单位");
        }

        var records = await db.Set<AccountabilityRecord>().AsNoTracking().Where(r => r.UnitId == unitId && r.Year == year)
            .OrderBy(r => r.RecordedAt).ToListAsync(ct);
        var decisionIds = records.Where(r => r.DecisionId is not null).Select(r => r.DecisionId!.Value).Distinct().ToList();
        var decisions = await db.Set<MeetingDecision>().AsNoTracking().Include(d => d.Positions).Where(d => decisionIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var meetingIds = decisions.Values.Select(d => d.MeetingId).Distinct().ToList();
        var meetings = await db.Set<Meeting>().AsNoTracking().Where(m => meetingIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Title, ct);
        var people = records.Select(r => r.RecordedBy).Concat(records.Where(r => r.PersonId is not null).Select(r => r.PersonId!.Value))
            .Concat(decisions.Values.SelectMany(d => d.Positions).Select(p => p.MemberId)).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);

        return records.Select(r =>
        {
            var decision = r.DecisionId is { } id ? decisions.GetValueOrDefault(id) : null;
            var exempt = decision is null
                ? []
                : DissentExemption.ExemptMembers(decision.Adopted, decision.Positions.Select(p => (p.MemberId, p.Stance))).Select(m => names.GetValueOrDefault(m, "?")).ToList();
            return new AccountabilityDto(
                r.Id, r.Year, r.Circumstance, AccountabilityCatalog.Circumstance(r.Circumstance)?.Text ?? "?", r.Facts, r.Scope, r.Scope.ToChinese(),
                r.PersonId, r.PersonId is { } person ? names.GetValueOrDefault(person, "?") : null, r.Responsibility, r.Responsibility?.ToChinese(),
                r.DecisionId, decision?.Text, decision?.MeetingId, decision is null ? null : meetings.GetValueOrDefault(decision.MeetingId), exempt,
                r.RecordedAt, names.GetValueOrDefault(r.RecordedBy, "?"));
        }).ToList();
    }

    /// <summary>The decisions of the year's meetings of the unit and its subordinate units, for an accountability record to cite.</summary>
    public async Task<Result<IReadOnlyList<DecisionOption>>> DecisionOptionsAsync(Actor actor, Guid unitId, int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var path = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
        if (path is null || !actor.CanSee(unitId))
        {
            return Error.NotFound("单位");
        }

        var units = await db.Units.AsNoTracking().Where(u => u.Path.StartsWith(path)).Select(u => u.Id).ToListAsync(ct);
        var start = display.ToUtc(new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified));
        var end = display.ToUtc(new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified));
        var rows = await (
                from m in db.Set<Meeting>().AsNoTracking()
                join d in db.Set<MeetingDecision>().AsNoTracking() on m.Id equals d.MeetingId
                where units.Contains(m.UnitId) && m.StartsAt >= start && m.StartsAt < end
                select new { d.Id, MeetingId = m.Id, m.Title, m.StartsAt, d.Text, d.Adopted, d.SortOrder })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.StartsAt).ThenBy(r => r.SortOrder)
            .Select(r => new DecisionOption(r.Id, r.MeetingId, r.Title, r.StartsAt, r.Text, r.Adopted)).ToList();
    }

    public async Task<Result<Guid>> CreateAsync(Actor actor, CreateAccountabilityCommand command, CancellationToken ct = default)
    {
        var current = display.ToLocal(clock.GetUtcNow().UtcDateTime).Year;
        var individual = command.Scope == AccountabilityScope.Individual;
        var invalid = Check.First(
            command.Year < ManageAssessment.FirstYear || command.Year > current ? Error.Validation("year", $"“年度”须在 {ManageAssessment.FirstYear} 年至 {current} 年之间。") : null,
            AccountabilityCatalog.Circumstance(command.Circumstance) is null
                ? Error.Validation("circumstance", $"“追究情形”须为责任书所列第 1 至 {AccountabilityCatalog.Circumstances.Count} 项之一（收到第 {command.Circumstance} 项）。")
                : null,
            Check.Required("facts", "事实经过", command.Facts, AccountabilityRecord.FactsMaxLength),
            Enum.IsDefined(command.Scope) ? null : Error.Validation("scope", "“责任类型”须为集体责任或个人责任。"),
            individual && command.PersonId is null ? Error.Validation("personId", "个人责任须指定“责任人”。") : null,
            individual && (command.Responsibility is not { } r || !Enum.IsDefined(r)) ? Error.Validation("responsibility", "个人责任须选择主要领导责任、重要领导责任或直接责任。") : null,
            !individual && (command.PersonId is not null || command.Responsibility is not null) ? Error.Validation("personId", "集体责任不指定个人；追究个人责任请选择“个人责任”。") : null);
        if (invalid is not null)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unitPath = await db.Units.AsNoTracking().Where(u => u.Id == command.UnitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
        if (unitPath is null || !actor.CanSee(command.UnitId))
        {
            return Error.NotFound("单位");
        }

        if (!UnitManagers.Manages(actor, command.UnitId))
        {
            await db.AuditDeniedAsync(clock, actor, "登记责任追究", "Unit", command.UnitId.ToString(), ct);
            return Error.Forbidden("只有本单位或上级单位的第一责任人、分管领导、领导小组办公室或部门负责人可以登记责任追究。");
        }

        string? personName = null;
        if (command.PersonId is { } personId)
        {
            var person = await db.Users.AsNoTracking().Where(u => u.Id == personId).Select(u => new { u.HomeUnitId, u.DisplayName }).FirstOrDefaultAsync(ct);
            if (person is null || !actor.CanSee(person.HomeUnitId))
            {
                return Error.Validation("personId", "“责任人”不存在或不在您的管辖范围内。");
            }

            personName = person.DisplayName;
        }

        string? decisionNote = null;
        if (command.DecisionId is { } decisionId)
        {
            var decision = await db.Set<MeetingDecision>().AsNoTracking().Include(d => d.Positions).FirstOrDefaultAsync(d => d.Id == decisionId, ct);
            var meeting = decision is null ? null : await db.Set<Meeting>().AsNoTracking().FirstAsync(m => m.Id == decision.MeetingId, ct);
            var meetingPath = meeting is null ? null : await db.Units.AsNoTracking().Where(u => u.Id == meeting.UnitId).Select(u => u.Path).FirstAsync(ct);
            if (decision is null || meeting is null || !actor.CanSee(meeting.UnitId) || meetingPath?.StartsWith(unitPath, StringComparison.Ordinal) != true)
            {
                return Error.Validation("decisionId", "“所涉决策”须为本单位或下级单位会议的决策。");
            }

            if (individual && command.Responsibility!.Value.IsLeadership())
            {
                var stance = decision.Positions.FirstOrDefault(p => p.MemberId == command.PersonId)?.Stance;
                if (DissentExemption.Evaluate(decision.Adopted, stance).Exempt)
                {
                    return Error.Validation("personId",
                        $"{personName}在会议《{meeting.Title}》上对决策“{decision.Text}”明确表示反对，依规不承担领导责任，不能对其登记{command.Responsibility.Value.ToChinese()}。");
                }
            }

            decisionNote = $"，所涉决策：《{meeting.Title}》“{decision.Text}”";
        }

        var record = new AccountabilityRecord
        {
            Id = Guid.CreateVersion7(),
            UnitId = command.UnitId,
            Year = command.Year,
            Circumstance = command.Circumstance,
            Facts = command.Facts.Trim(),
            Scope = command.Scope,
            PersonId = individual ? command.PersonId : null,
            Responsibility = individual ? command.Responsibility : null,
            DecisionId = command.DecisionId,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
            RecordedBy = actor.UserId,
        };
        db.Add(record);
        db.Audit(clock, actor, ResponsibilityAudit.AccountabilityCreate, "AccountabilityRecord", record.Id.ToString(), record.UnitId,
            detail: $"{record.Year} 年度，第 {record.Circumstance} 项情形，{record.Scope.ToChinese()}"
                    + (individual ? $"：{personName}，{record.Responsibility!.Value.ToChinese()}" : "") + decisionNote);
        await db.SaveChangesAsync(ct);
        return record.Id;
    }
}
