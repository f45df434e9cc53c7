using DutyDesk.Responsibility;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Responsibility.Features.Meetings;

/// <summary>Adds a decision (no <c>DecisionId</c>) or changes one; <c>Version</c> is the meeting's.</summary>
public sealed record SaveDecisionCommand(Guid MeetingId, Guid? DecisionId, string Text, bool Adopted, Guid Version);

public sealed record PositionEntry(Guid MemberId, DecisionStance Stance, string? Reason);

/// <summary>The positions on one decision as they now stand: members left out have no position on record.</summary>
public sealed record RecordPositionsCommand(Guid MeetingId, Guid DecisionId, IReadOnlyList<PositionEntry> Positions, Guid Version);

/// <summary>
/// Decisions of a meeting and each attendee's position on them. They belong to the meeting: every change
/// checks and renews the meeting's version, so two people editing the same meeting cannot overwrite each other.
/// </summary>
internal sealed class MeetingDecisions(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Result<Guid>> SaveDecisionAsync(Actor actor, SaveDecisionCommand command, CancellationToken ct = default)
    {
        if (Check.Required("text", "决策内容", command.Text, MeetingDecision.TextMaxLength) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var loaded = await LoadForWriteAsync(db, actor, command.MeetingId, command.Version, "记录会议决策", ct);
        if (!loaded.IsSuccess)
        {
            return loaded.Error!;
        }

        var meeting = loaded.Value;
        var decision = command.DecisionId is { } decisionId ? meeting.Decisions.FirstOrDefault(d => d.Id == decisionId) : null;
        if (command.DecisionId is not null && decision is null)
        {
            return Error.NotFound("决策");
        }

        if (decision is null)
        {
            decision = new MeetingDecision
            {
                Id = Guid.CreateVersion7(),
                MeetingId = meeting.Id,
                SortOrder = meeting.Decisions.Count == 0 ? 1 : meeting.Decisions.Max(d => d.SortOrder) + 1,
                Text = "",
            };
            meeting.Decisions.Add(decision);
        }

        decision.Text = command.Text.Trim();
        decision.Adopted = command.Adopted;
        meeting.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        db.Audit(clock, actor, ResponsibilityAudit.MeetingDecision, "Meeting", meeting.Id.ToString(), meeting.UnitId,
            detail: $"《{meeting.Title}》{(command.DecisionId is null ? "新增" : "修改")}决策：{decision.Text}（{(decision.Adopted ? "通过" : "未通过")}）");
        return await SaveAsync(db, decision.Id, ct);
    }

    public async Task<Result<Done>> RecordPositionsAsync(Actor actor, RecordPositionsCommand command, CancellationToken ct = default)
    {
        var positions = command.Positions ?? [];
        for (var i = 0; i < positions.Count; i++)
        {
            var p = positions[i];
            var invalid = Check.First(
                Enum.IsDefined(p.Stance) ? null : Error.Validation($"positions[{i}].stance", "“表态”须为同意、反对或弃权。"),
                Check.Optional($"positions[{i}].reason", "表态理由", p.Reason, DecisionPosition.ReasonMaxLength));
            if (invalid is not null)
            {
                return invalid;
            }
        }

        if (positions.GroupBy(p => p.MemberId).Any(g => g.Count() > 1))
        {
            return Error.Validation("positions", "同一人对同一项决策只能有一个表态。");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var loaded = await LoadForWriteAsync(db, actor, command.MeetingId, command.Version, "记录决策表态", ct);
        if (!loaded.IsSuccess)
        {
            return loaded.Error!;
        }

        var meeting = loaded.Value;
        var decision = meeting.Decisions.FirstOrDefault(d => d.Id == command.DecisionId);
        if (decision is null)
        {
            return Error.NotFound("决策");
        }

        var attendees = meeting.Attendees.Select(a => a.UserId).ToHashSet();
        if (positions.Any(p => !attendees.Contains(p.MemberId)))
        {
            return Error.Validation("positions", "只能记录参会人员的表态：请先把此人加入“参会人员”。");
        }

        var wanted = positions.ToDictionary(p => p.MemberId);
        decision.Positions.RemoveAll(p => !wanted.ContainsKey(p.MemberId));
        foreach (var entry in positions)
        {
            var position = decision.Positions.FirstOrDefault(p => p.MemberId == entry.MemberId);
            if (position is null)
            {
                position = new DecisionPosition { Id = Guid.CreateVersion7(), DecisionId = decision.Id, MemberId = entry.MemberId };
                decision.Positions.Add(position);
            }

            position.Stance = entry.Stance;
            position.Reason = string.IsNullOrWhiteSpace(entry.Reason) ? null : entry.Reason.Trim();
        }

        meeting.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        var names = await db.Users.AsNoTracking().Where(u => attendees.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var summary = positions.Count == 0 ? "无" : string.Join("；", positions.Select(p => $"{names.GetValueOrDefault(p.MemberId, "?")} {p.Stance.ToChinese()}"));
        db.Audit(clock, actor, ResponsibilityAudit.MeetingPositions, "Meeting", meeting.Id.ToString(), meeting.UnitId,
            detail: $"《{meeting.Title}》决策“{decision.Text}”的表态：{summary}");
        var saved = await SaveAsync(db, decision.Id, ct);
        return saved.IsSuccess ? Done.Value : saved.Error!;
    }

    private async Task<Result<Meeting>> LoadForWriteAsync(AppDbContext db, Actor actor, Guid meetingId, Guid version, string attempted, CancellationToken ct)
    {
        var meeting = await db.Set<Meeting>().Include(m => m.Attendees).Include(m => m.Decisions).ThenInclude(d => d.Positions)
            .AsSplitQuery().FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null || !actor.CanSee(meeting.UnitId))
        {
            return Error.NotFound("会议");
        }

        if (!UnitManagers.Manages(actor, meeting.UnitId))
        {
            await db.AuditDeniedAsync(clock, actor, attempted, "Meeting", meeting.Id.ToString(), ct);
            return Error.Forbidden("只有本单位或上级单位的第一责任人、分管领导、领导小组办公室或部门负责人可以记录会议决策。");
        }

        return meeting.Version != version ? Error.StaleEdit("该会议记录") : meeting;
    }

    private static async Task<Result<Guid>> SaveAsync(AppDbContext db, Guid decisionId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return decisionId;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleEdit("该会议记录");
        }
        catch (DbUpdateException)
        {
            // Two saves racing to record the same member's position: the unique index keeps one.
            return Error.StaleEdit("该会议记录");
        }
    }
}
