using DutyDesk.Platform.Data;
using DutyDesk.Platform.Files;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using DutyDesk.Platform.Tasks;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Responsibility.Features.Meetings;

public sealed record MeetingFilter(Guid? UnitId = null, int? Year = null, MeetingType? Type = null);

public sealed record MeetingSummary(
    Guid Id, Guid UnitId, string UnitName, MeetingType Type, string TypeName, string Title, DateTime StartsAt, string? Location,
    int AttendeeCount, int DecisionCount, int AttachmentCount, bool HasMinutes, Guid? SatisfiedTaskId);

public sealed record PersonRef(Guid Id, string Name);

public sealed record AttachmentDto(Guid FileId, string FileName, long Size, string ContentType, DateTime AddedAt);

public sealed record PositionDto(Guid MemberId, string MemberName, DecisionStance Stance, string StanceName, string? Reason, bool Exempt);

public sealed record DecisionDto(Guid Id, int Number, string Text, bool Adopted, IReadOnlyList<PositionDto> Positions);

public sealed record MeetingDetails(
    Guid Id, Guid UnitId, string UnitName, MeetingType Type, string TypeName, string Title, DateTime StartsAt, string? Location,
    string? Agenda, string? Minutes, IReadOnlyList<PersonRef> Attendees, IReadOnlyList<AttachmentDto> Attachments,
    IReadOnlyList<DecisionDto> Decisions, Guid? SatisfiedTaskId, string? SatisfiedTaskTitle, bool CanEdit, Guid Version);

public sealed record OpenTaskOption(Guid Id, string Title, DateTime DueAt, string UnitName);

/// <summary>Reads meetings within the actor's scope; a meeting of a unit they cannot see does not exist for them.</summary>
internal sealed class MeetingQueries(IDbContextFactory<AppDbContext> dbFactory, DisplayClock display)
{
    public async Task<IReadOnlyList<MeetingSummary>> ListAsync(Actor actor, MeetingFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = actor.VisibleUnits.ToList();
        var query = db.Set<Meeting>().AsNoTracking().Where(m => visible.Contains(m.UnitId));
        if (filter.UnitId is { } unitId)
        {
            query = query.Where(m => m.UnitId == unitId);
        }

        if (filter.Year is { } year && year is >= 2000 and <= 2100)
        {
            var (from, to) = YearRange(year);
            query = query.Where(m => m.StartsAt >= from && m.StartsAt < to);
        }

        if (filter.Type is { } type)
        {
            query = query.Where(m => m.Type == type);
        }

        var rows = await query.OrderByDescending(m => m.StartsAt).Take(500)
            .Select(m => new
            {
                m.Id, m.UnitId, m.Type, m.Title, m.StartsAt, m.Location, m.SatisfiedTaskId,
                Attendees = m.Attendees.Count, Decisions = m.Decisions.Count, Attachments = m.Attachments.Count,
                HasMinutes = m.Minutes != null,
            })
            .ToListAsync(ct);
        var unitIds = rows.Select(r => r.UnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return rows.Select(r => new MeetingSummary(r.Id, r.UnitId, units.GetValueOrDefault(r.UnitId, "?"), r.Type, r.Type.ToChinese(), r.Title, r.StartsAt,
            r.Location, r.Attendees, r.Decisions, r.Attachments, r.HasMinutes, r.SatisfiedTaskId)).ToList();
    }

    public async Task<Result<MeetingDetails>> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meeting = await db.Set<Meeting>().AsNoTracking()
            .Include(m => m.Attendees).Include(m => m.Attachments).Include(m => m.Decisions).ThenInclude(d => d.Positions)
            .AsSplitQuery()
            .FirstOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null || !actor.CanSee(meeting.UnitId))
        {
            return Error.NotFound("会议");
        }

        var people = meeting.Attendees.Select(a => a.UserId).Concat(meeting.Decisions.SelectMany(d => d.Positions).Select(p => p.MemberId)).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var fileIds = meeting.Attachments.Select(a => a.FileId).ToList();
        var files = await db.Files.AsNoTracking().Where(f => fileIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, ct);
        var unitName = await db.Units.AsNoTracking().Where(u => u.Id == meeting.UnitId).Select(u => u.Name).FirstAsync(ct);
        var taskTitle = meeting.SatisfiedTaskId is { } taskId
            ? await db.DueTasks.AsNoTracking().Where(t => t.Id == taskId).Select(t => t.Title).FirstOrDefaultAsync(ct)
            : null;

        var decisions = meeting.Decisions.OrderBy(d => d.SortOrder).Select((d, i) => new DecisionDto(d.Id, i + 1, d.Text, d.Adopted,
            d.Positions.OrderBy(p => names.GetValueOrDefault(p.MemberId, "?"), StringComparer.Ordinal)
                .Select(p => new PositionDto(p.MemberId, names.GetValueOrDefault(p.MemberId, "?"), p.Stance, p.Stance.ToChinese(), p.Reason,
                    DissentExemption.Evaluate(d.Adopted, p.Stance).Exempt))
                .ToList())).ToList();
        return new MeetingDetails(
            meeting.Id, meeting.UnitId, unitName, meeting.Type, meeting.Type.ToChinese(), meeting.Title, meeting.StartsAt, meeting.Location,
            // Sanitised again on the way out: the page renders it as HTML, and a row written around the handler must not carry script.
            meeting.Agenda, MinutesHtml.Sanitize(meeting.Minutes),
            meeting.Attendees.Select(a => new PersonRef(a.UserId, names.GetValueOrDefault(a.UserId, "?"))).OrderBy(p => p.Name, StringComparer.Ordinal).ToList(),
            meeting.Attachments.OrderBy(a => a.AddedAt).Where(a => files.ContainsKey(a.FileId))
                .Select(a => new AttachmentDto(a.FileId, files[a.FileId].FileName, files[a.FileId].Size, files[a.FileId].ContentType, a.AddedAt)).ToList(),
            decisions, meeting.SatisfiedTaskId, taskTitle, UnitManagers.Manages(actor, meeting.UnitId), meeting.Version);
    }

    /// <summary>The open obligation tasks of the meeting's unit and its subordinate units that the meeting could close.</summary>
    public async Task<Result<IReadOnlyList<OpenTaskOption>>> OpenOccurrenceTasksAsync(Actor actor, Guid meetingId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meeting = await db.Set<Meeting>().AsNoTracking().Where(m => m.Id == meetingId).Select(m => new { m.UnitId }).FirstOrDefaultAsync(ct);
        if (meeting is null || !actor.CanSee(meeting.UnitId))
        {
            return Error.NotFound("会议");
        }

        // Only those who may close them with the meeting see them: the tasks of a unit are its managers' to read.
        if (!UnitManagers.Manages(actor, meeting.UnitId))
        {
            return Error.Forbidden("只有本单位或上级单位的第一责任人、分管领导、领导小组办公室或部门负责人可以用会议办结待办。");
        }

        var path = await db.Units.AsNoTracking().Where(u => u.Id == meeting.UnitId).Select(u => u.Path).FirstAsync(ct);
        var units = await db.Units.AsNoTracking().Where(u => u.Path.StartsWith(path)).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var unitIds = units.Select(u => u.Id).Where(actor.CanSee).ToList();
        var names = units.ToDictionary(u => u.Id, u => u.Name);
        var tasks = await db.DueTasks.AsNoTracking()
            .Where(t => unitIds.Contains(t.UnitId) && t.State == DueTaskState.Open
                        && t.SourceModule == TaskSources.Module && t.SourceType == TaskSources.ObligationOccurrence)
            .OrderBy(t => t.DueAt).Take(200)
            .Select(t => new { t.Id, t.Title, t.DueAt, t.UnitId })
            .ToListAsync(ct);
        return tasks.Select(t => new OpenTaskOption(t.Id, t.Title, t.DueAt, names.GetValueOrDefault(t.UnitId, "?"))).ToList();
    }

    /// <summary>People who may be recorded as attendees: everyone active whose home unit the actor can see.</summary>
    public async Task<IReadOnlyList<PersonRef>> AttendeeCandidatesAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = actor.VisibleUnits.ToList();
        var people = await db.Users.AsNoTracking().Where(u => visible.Contains(u.HomeUnitId) && !u.IsDisabled)
            .OrderBy(u => u.UserName).Take(1000).Select(u => new PersonRef(u.Id, u.DisplayName)).ToListAsync(ct);
        return people;
    }

    /// <summary>An attachment of a meeting the actor may read.</summary>
    public async Task<Result<StoredFile>> GetAttachmentAsync(Actor actor, Guid meetingId, Guid fileId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unitId = await db.Set<Meeting>().AsNoTracking().Where(m => m.Id == meetingId).Select(m => (Guid?)m.UnitId).FirstOrDefaultAsync(ct);
        if (unitId is null || !actor.CanSee(unitId.Value)
            || !await db.Set<MeetingAttachment>().AnyAsync(a => a.MeetingId == meetingId && a.FileId == fileId, ct))
        {
            return Error.NotFound("附件");
        }

        return await db.Files.AsNoTracking().FirstAsync(f => f.Id == fileId, ct);
    }

    /// <summary>A year of the office's calendar as UTC bounds: 1 January to 31 December, local time.</summary>
    public (DateTime From, DateTime To) YearRange(int year)
        => (display.ToUtc(new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified)), display.ToUtc(new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified)));
}
