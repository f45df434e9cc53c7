using System.Security.Cryptography;
using DutyDesk.Documents;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Features.Tasks;
using DutyDesk.Platform.Features.Tokens;
using DutyDesk.Platform.Notifications;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DutyDesk.Platform.Features.Calendar;

/// <summary>The subscription link as shown once: the secret is not stored.</summary>
public sealed record IssuedFeed(Guid Id, string Url);

/// <summary>
/// Deadlines as an iCalendar feed behind a revocable secret URL (Outlook, WPS, phones), from a month
/// back to a year ahead. A person's feed has every open task they own, with the task's reminders as
/// alarms. A unit's feed has the unit's tasks (open and done) and is read with its issuer's current
/// scope: when they lose sight of the unit, the link answers 404. One live link per person and unit:
/// issuing a new one revokes the old.
/// </summary>
public sealed class TaskCalendarFeed(IDbContextFactory<AppDbContext> dbFactory, ActorLoader actors, IOptions<EmailOptions> email, TimeProvider clock)
{
    public const string PathPrefix = "/calendar/";

    public async Task<bool> HasLinkAsync(Actor actor, Guid? unitId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CalendarFeedTokens.AnyAsync(t => t.UserId == actor.UserId && t.UnitId == unitId && t.RevokedAt == null, ct);
    }

    public async Task<IssuedFeed> IssueAsync(Actor actor, CancellationToken ct = default)
        => (await IssueAsync(actor, unitId: null, ct)).Value;

    /// <summary>Issues the link of the person's own feed, or of <paramref name="unitId"/>'s feed when given (NotFound outside their scope).</summary>
    public async Task<Result<IssuedFeed>> IssueAsync(Actor actor, Guid? unitId, CancellationToken ct = default)
    {
        if (unitId is { } unit)
        {
            if (!actor.CanSee(unit))
            {
                return Error.NotFound("单位");
            }

            // A unit's feed shows every task of the unit: only those who may read them all may subscribe.
            if (!TaskAccess.Manages(actor, unit))
            {
                await using var denied = await dbFactory.CreateDbContextAsync(ct);
                await denied.AuditDeniedAsync(clock, actor, "订阅单位日历", "Unit", unit.ToString(), ct);
                return Error.Forbidden("只有本单位的第一责任人、分管领导、领导小组办公室或部门负责人可以订阅单位日历。");
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await RevokeOpenAsync(db, actor.UserId, unitId, now, ct);
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var token = new CalendarFeedToken { Id = Guid.CreateVersion7(), UserId = actor.UserId, UnitId = unitId, TokenHash = ManageTokens.Hash(secret), CreatedAt = now };
        db.CalendarFeedTokens.Add(token);
        db.Audit(clock, actor, AuditActions.CalendarFeedIssue, "CalendarFeedToken", token.Id.ToString(), unitId, detail: unitId is null ? "个人待办" : "单位日历");
        await db.SaveChangesAsync(ct);
        return new IssuedFeed(token.Id, $"{email.Value.PublicBaseUrl.TrimEnd('/')}{PathPrefix}{secret}.ics");
    }

    public async Task RevokeAsync(Actor actor, Guid? unitId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await RevokeOpenAsync(db, actor.UserId, unitId, clock.GetUtcNow().UtcDateTime, ct))
        {
            db.Audit(clock, actor, AuditActions.CalendarFeedRevoke, "CalendarFeedToken", actor.UserId.ToString(), unitId);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The feed for a secret, or NotFound for an unknown or revoked one (the same answer for both).</summary>
    public async Task<Result<string>> RenderAsync(string secret, CancellationToken ct = default)
    {
        if (secret.Length != 48 || !secret.All(char.IsAsciiHexDigitLower))
        {
            return Error.NotFound("日历订阅");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = ManageTokens.Hash(secret);
        var token = await db.CalendarFeedTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, ct);
        var user = token is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == token.UserId && !u.IsDisabled, ct);
        if (user is null)
        {
            return Error.NotFound("日历订阅");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var window = db.DueTasks.AsNoTracking().Where(t => t.DueAt >= now.AddDays(-31) && t.DueAt <= now.AddDays(400));
        string name;
        if (token!.UnitId is { } unitId)
        {
            var issuer = await actors.LoadAsync(user.Id, clientIp: null, ct);
            var unitName = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
            if (issuer is null || !issuer.CanSee(unitId) || !TaskAccess.Manages(issuer, unitId) || unitName is null)
            {
                return Error.NotFound("日历订阅");
            }

            window = window.Where(t => t.UnitId == unitId && t.State != DueTaskState.Cancelled);
            name = $"责任台 · {unitName}";
        }
        else
        {
            window = window.Where(t => t.OwnerId == user.Id && t.State == DueTaskState.Open);
            name = $"责任台 · {user.DisplayName}的待办";
        }

        var tasks = await window.OrderBy(t => t.DueAt).Take(2000).ToListAsync(ct);
        var baseUrl = email.Value.PublicBaseUrl.TrimEnd('/');
        var events = tasks.Select(t => new FeedEvent(
            $"{t.Id:N}@dutydesk", t.State == DueTaskState.Done ? $"［已办结］{t.Title}" : t.Title, t.Description, t.DueAt, $"{baseUrl}/tasks/{t.Id}",
            t.State == DueTaskState.Open ? ReminderSchedule.Parse(t.ReminderOffsets).Offsets ?? [] : []));
        return CalendarFeed.Write(name, events);
    }

    private static async Task<bool> RevokeOpenAsync(AppDbContext db, Guid userId, Guid? unitId, DateTime now, CancellationToken ct)
    {
        var open = await db.CalendarFeedTokens.Where(t => t.UserId == userId && t.UnitId == unitId && t.RevokedAt == null).ToListAsync(ct);
        foreach (var token in open)
        {
            token.RevokedAt = now;
        }

        return open.Count > 0;
    }
}
