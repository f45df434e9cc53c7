using DutyDesk.Responsibility;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Files;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Responsibility.Features.Meetings;

public sealed record CreateMeetingCommand(
    Guid UnitId, MeetingType Type, string Title, DateTime StartsAt, string? Location, IReadOnlyList<Guid>? AttendeeIds, string? Agenda, string? Minutes);

public sealed record UpdateMeetingCommand(
    Guid Id, MeetingType Type, string Title, DateTime StartsAt, string? Location, IReadOnlyList<Guid>? AttendeeIds, string? Agenda, string? Minutes, Guid Version);

/// <summary>
/// Records meetings: what, when, who attended, the agenda and the minutes (sanitised before they are
/// stored), and their files. Only the unit's managers, or those of a superior unit, write.
/// </summary>
internal sealed class ManageMeetings(IDbContextFactory<AppDbContext> dbFactory, FileStore files, TimeProvider clock)
{
    public async Task<Result<Guid>> CreateAsync(Actor actor, CreateMeetingCommand command, CancellationToken ct = default)
    {
        var startsAt = ToUtc(command.StartsAt);
        var minutes = MinutesHtml.Sanitize(command.Minutes);
        if (Validate(command.Type, command.Title, startsAt, command.Location, command.Agenda, command.Minutes, minutes) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!actor.CanSee(command.UnitId) || !await db.Units.AnyAsync(u => u.Id == command.UnitId, ct))
        {
            return Error.NotFound("单位");
        }

        if (!UnitManagers.Manages(actor, command.UnitId))
        {
            await db.AuditDeniedAsync(clock, actor, "新建会议记录", "Unit", command.UnitId.ToString(), ct);
            return Error.Forbidden("只有本单位或上级单位的第一责任人、分管领导、领导小组办公室或部门负责人可以登记会议。");
        }

        var attendees = await CheckAttendeesAsync(db, actor, command.AttendeeIds, ct);
        if (!attendees.IsSuccess)
        {
            return attendees.Error!;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var meeting = new Meeting
        {
            Id = Guid.CreateVersion7(),
            UnitId = command.UnitId,
            Type = command.Type,
            Title = command.Title.Trim(),
            StartsAt = startsAt,
            Location = Trimmed(command.Location),
            Agenda = Trimmed(command.Agenda),
            Minutes = minutes,
            CreatedAt = now,
            CreatedBy = actor.UserId,
            UpdatedAt = now,
        };
        meeting.Attendees.AddRange(attendees.Value.Select(id => new MeetingAttendee { MeetingId = meeting.Id, UserId = id }));
        db.Add(meeting);
        db.Audit(clock, actor, ResponsibilityAudit.MeetingCreate, "Meeting", meeting.Id.ToString(), meeting.UnitId,
            detail: $"{meeting.Type.ToChinese()}《{meeting.Title}》，{meeting.StartsAt:yyyy-MM-dd HH:mm} UTC，参会 {meeting.Attendees.Count} 人");
        await db.SaveChangesAsync(ct);
        return meeting.Id;
    }

    public async Task<Result<Done>> UpdateAsync(Actor actor, UpdateMeetingCommand command, CancellationToken ct = default)
    {
        var startsAt = ToUtc(command.StartsAt);
        var minutes = MinutesHtml.Sanitize(command.Minutes);
        if (Validate(command.Type, command.Title, startsAt, command.Location, command.Agenda, command.Minutes, minutes) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meeting = await db.Set<Meeting>().Include(m => m.Attendees).Include(m => m.Decisions).ThenInclude(d => d.Positions)
            .AsSplitQuery().FirstOrDefaultAsync(m => m.Id == command.Id, ct);
        if (meeting is null || !actor.CanSee(meeting.UnitId))
        {
            return Error.NotFound("会议");
        }

        if (!UnitManagers.Manages(actor, meeting.UnitId))
        {
            await db.AuditDeniedAsync(clock, actor, "修改会议记录", "Meeting", meeting.Id.ToString(), ct);
            return Error.Forbidden("只有本单位或上级单位的第一责任人、分管领导、领导小组办公室或部门负责人可以修改会议记录。");
        }

        if (meeting.Version != command.Version)
        {
            return Error.StaleEdit("该会议记录");
        }

        var attendees = await CheckAttendeesAsync(db, actor, command.AttendeeIds, ct, meeting.Attendees.Select(a => a.UserId).ToHashSet());
        if (!attendees.IsSuccess)
        {
            return attendees.Error!;
        }

        // A position on record is evidence for accountability: its author stays an attendee.
        var keep = attendees.Value.ToHashSet();
        var stated = meeting.Decisions.SelectMany(d => d.Positions).Select(p => p.MemberId).Where(id => !keep.Contains(id)).Distinct().ToList();
        if (stated.Count > 0)
        {
            var names = await db.Users.AsNoTracking().Where(u => stated.Contains(u.Id)).Select(u => u.DisplayName).ToListAsync(ct);
            return Error.Validation("attendeeIds", $"“参会人员”不能移除已在决策中表态的人员：{string.Join("、", names)}。");
        }

        meeting.Type = command.Type;
        meeting.Title = command.Title.Trim();
        meeting.StartsAt = startsAt;
        meeting.Location = Trimmed(command.Location);
        meeting.Agenda = Trimmed(command.Agenda);
        meeting.Minutes = minutes;
        meeting.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        meeting.Attendees.RemoveAll(a => !keep.Contains(a.UserId));
        var present = meeting.Attendees.Select(a => a.UserId).ToHashSet();
        meeting.Attendees.AddRange(keep.Where(id => !present.Contains(id)).Select(id => new MeetingAttendee { MeetingId = meeting.Id, UserId = id }));
        db.Audit(clock, actor, ResponsibilityAudit.MeetingUpdate, "Meeting", meeting.Id.ToString(), meeting.UnitId,
            detail: $"{meeting.Type.ToChinese()}《{meeting.Title}》，{meeting.StartsAt:yyyy-MM-dd HH:mm} UTC，参会 {meeting.Attendees.Count} 人，纪要 {meeting.Minutes?.Length ?? 0} 字符");
        try
        {
            await db.SaveChangesAsync(ct);
            return Done.Value;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleEdit("该会议记录");
        }
    }

    /// <summary>Stores a file of the meeting the way task evidence is stored: checked, by hash, as a StoredFile.</summary>
    public async Task<Result<Guid>> AddAttachmentAsync(Actor actor, Guid meetingId, Stream content, string fileName, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meeting = await db.Set<Meeting>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null || !actor.CanSee(meeting.UnitId))
        {
            return Error.NotFound("会议");
        }

        if (!UnitManagers.Manages(actor, meeting.UnitId))
        {
            await db.AuditDeniedAsync(clock, actor, "上传会议附件", "Meeting", meeting.Id.ToString(), ct);
            return Error.Forbidden("只有本单位或上级单位的第一责任人、分管领导、领导小组办公室或部门负责人可以上传会议附件。");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var stored = await db.AddUploadAsync(files, content, fileName, meeting.UnitId, actor.UserId, now, ct);
        if (!stored.IsSuccess)
        {
            return stored.Error!;
        }

        var file = stored.Value;
        db.Add(new MeetingAttachment { Id = Guid.CreateVersion7(), MeetingId = meeting.Id, FileId = file.Id, AddedAt = now, AddedBy = actor.UserId });
        db.Audit(clock, actor, ResponsibilityAudit.MeetingAttachment, "Meeting", meeting.Id.ToString(), meeting.UnitId,
            detail: $"《{meeting.Title}》：{file.FileName}（{file.Size} 字节，SHA-256 {file.Sha256[..12]}…）");
        await db.SaveChangesAsync(ct);
        return file.Id;
    }

    private static Error? Validate(MeetingType type, string title, DateTime startsAt, string? location, string? agenda, string? rawMinutes, string? minutes)
        => Check.First(
            Enum.IsDefined(type) ? null : Error.Validation("type", "“会议类型”须为专题会议、中心组学习、支部学习、培训或研判会。"),
            Check.Required("title", "会议名称", title, Meeting.TitleMaxLength),
            startsAt.Kind != DateTimeKind.Utc ? Error.Validation("startsAt", "“会议时间”必须带时区，例如 2026-03-10T14:30:00+08:00。") : null,
            startsAt.Year is < 2000 or > 2100 ? Error.Validation("startsAt", "“会议时间”须在 2000 年至 2100 年之间。") : null,
            Check.Optional("location", "会议地点", location, Meeting.LocationMaxLength),
            Check.Optional("agenda", "议程", agenda, Meeting.AgendaMaxLength),
            rawMinutes is { Length: > Meeting.MinutesMaxLength * 2 } || minutes is { Length: > Meeting.MinutesMaxLength }
                ? Error.Validation("minutes", $"“会议纪要”过长：整理后不能超过 {Meeting.MinutesMaxLength} 个字符。")
                : null);

    /// <summary>The attendees as distinct ids of active people the actor can see; those already recorded may stay even if since disabled.</summary>
    private static async Task<Result<IReadOnlyList<Guid>>> CheckAttendeesAsync(AppDbContext db, Actor actor, IReadOnlyList<Guid>? ids, CancellationToken ct, HashSet<Guid>? existing = null)
    {
        var wanted = (ids ?? []).Distinct().ToList();
        if (wanted.Count > 300)
        {
            return Error.Validation("attendeeIds", "“参会人员”不能超过 300 人。");
        }

        var found = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id))
            .Select(u => new { u.Id, u.HomeUnitId, u.IsDisabled }).ToListAsync(ct);
        var acceptable = found.Where(u => actor.CanSee(u.HomeUnitId) && (!u.IsDisabled || existing?.Contains(u.Id) == true)).Select(u => u.Id).ToHashSet();
        if (wanted.Any(id => !acceptable.Contains(id)))
        {
            return Error.Validation("attendeeIds", "“参会人员”中有人不存在、已停用或不在您的管辖范围内。");
        }

        return wanted;
    }

    // A time with an offset arrives as Local and is converted; one without any zone stays Unspecified and is refused.
    private static DateTime ToUtc(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
