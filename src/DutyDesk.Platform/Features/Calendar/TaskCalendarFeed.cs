using System.Security.Cryptography;
using DutyDesk.Documents;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
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
/// A person's deadlines as an iCalendar feed behind a revocable secret URL (Outlook, WPS, phones):
/// every open task they own, from a month back to a year ahead, with the task's reminders as alarms.
/// One live link per person: issuing a new one revokes the old.
/// </summary>
public sealed class TaskCalendarFeed(IDbContextFactory<AppDbContext> dbFactory, IOptions<EmailOptions> email, TimeProvider clock)
{
    public const string PathPrefix = "/calendar/";

    public async Task<bool> HasLinkAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CalendarFeedTokens.AnyAsync(t => t.UserId == actor.UserId && t.RevokedAt == null, ct);
    }

    public async Task<IssuedFeed> IssueAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await RevokeOpenAsync(db, actor.UserId, now, ct);
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var token = new CalendarFeedToken { Id = Guid.CreateVersion7(), UserId = actor.UserId, TokenHash = ManageTokens.Hash(secret), CreatedAt = now };
        db.CalendarFeedTokens.Add(token);
        db.Audit(clock, actor, AuditActions.CalendarFeedIssue, "CalendarFeedToken", token.Id.ToString());
        await db.SaveChangesAsync(ct);
        return new IssuedFeed(token.Id, $"{email.Value.PublicBaseUrl.TrimEnd('/')}{PathPrefix}{secret}.ics");
    }

    public async Task RevokeAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await RevokeOpenAsync(db, actor.UserId, clock.GetUtcNow().UtcDateTime, ct))
        {
            db.Audit(clock, actor, AuditActions.CalendarFeedRevoke, "CalendarFeedToken", actor.UserId.ToString());
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
        var tasks = await db.DueTasks.AsNoTracking()
            .Where(t => t.OwnerId == user.Id && t.State == DueTaskState.Open && t.DueAt >= now.AddDays(-31) && t.DueAt <= now.AddDays(400))
            .OrderBy(t => t.DueAt)
            .Take(2000)
            .ToListAsync(ct);
        var baseUrl = email.Value.PublicBaseUrl.TrimEnd('/');
        var events = tasks.Select(t => new FeedEvent(
            $"{t.Id:N}@dutydesk", t.Title, t.Description, t.DueAt, $"{baseUrl}/tasks/{t.Id}",
            ReminderSchedule.Parse(t.ReminderOffsets).Offsets ?? []));
        return CalendarFeed.Write($"责任台 · {user.DisplayName}的待办", events);
    }

    private static async Task<bool> RevokeOpenAsync(AppDbContext db, Guid userId, DateTime now, CancellationToken ct)
    {
        var open = await db.CalendarFeedTokens.Where(t => t.UserId == userId && t.RevokedAt == null).ToListAsync(ct);
        foreach (var token in open)
        {
            token.RevokedAt = now;
        }

        return open.Count > 0;
    }
}
