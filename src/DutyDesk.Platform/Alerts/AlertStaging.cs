using DutyDesk.Platform.Data;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Outbox;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Platform.Alerts;

/// <summary>What a module asks for when it raises an alert.</summary>
public sealed record AlertDraft(
    Guid UnitId, string DedupKey, string Title, string? Body, string Link,
    int Severity,
    bool Urgent,
    IReadOnlyList<Guid> Chain,
    TimeSpan AckWithin,
    int MaxEscalations,
    string SourceModule, string? SourceType, string? SourceId);

/// <summary>
/// Raises alerts on the caller's DbContext: the alert, its chain and its outbox messages are staged there and
/// commit with the caller's change, so an alert is never lost between the change and its delivery.
/// </summary>
public static class AlertStaging
{
    /// <summary>
    /// Stages the alert and its outbox messages on the caller's context (commit together). When an alert with the
    /// same (UnitId, DedupKey) exists, stages nothing and returns the existing one's id. A draft a module should never
    /// build (empty chain, severity outside 1–5, over-long text) throws <see cref="ArgumentException"/>.
    /// </summary>
    public static async Task<Guid> RaiseAlertAsync(this AppDbContext db, TimeProvider clock, AlertDraft draft, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(draft);
        Validate(draft);
        // Two raises on one context before it saves: the second finds the first in the change tracker.
        var staged = db.ChangeTracker.Entries<Alert>().Select(e => e.Entity).FirstOrDefault(a => a.UnitId == draft.UnitId && a.DedupKey == draft.DedupKey);
        if (staged is not null)
        {
            return staged.Id;
        }

        var existing = await db.Alerts.AsNoTracking().Where(a => a.UnitId == draft.UnitId && a.DedupKey == draft.DedupKey).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id)
        {
            return id;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var alert = new Alert
        {
            Id = Guid.CreateVersion7(),
            UnitId = draft.UnitId,
            DedupKey = draft.DedupKey,
            Title = draft.Title.Trim(),
            Body = draft.Body,
            Link = draft.Link,
            Severity = draft.Severity,
            Urgent = draft.Urgent,
            AckWithin = draft.AckWithin,
            MaxEscalations = draft.MaxEscalations,
            RaisedAt = now,
            NextEscalationAt = now + draft.AckWithin,
            SourceModule = draft.SourceModule,
            SourceType = draft.SourceType,
            SourceId = draft.SourceId,
        };
        alert.Recipients.AddRange(draft.Chain.Select((user, order) => new AlertRecipient { Id = Guid.CreateVersion7(), AlertId = alert.Id, Order = order, UserId = user }));
        db.Alerts.Add(alert);
        await StageStepAsync(db, clock, alert, 0, ct);
        return alert.Id;
    }

    /// <summary>
    /// Notifies the person at <paramref name="step"/> (in-app at once; e-mail after their quiet hours unless the alert
    /// is urgent) and posts to every enabled channel of the unit that admits the severity. Keys derive from alert,
    /// step and recipient or channel, so staging a step twice can never send it twice.
    /// </summary>
    internal static async Task StageStepAsync(AppDbContext db, TimeProvider clock, Alert alert, int step, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var recipient = alert.Recipients.Single(r => r.Order == step);
        var (token, hash) = AlertRules.NewAckToken();
        recipient.AckTokenHash = hash;
        recipient.NotifiedAt = now;
        var ackPath = AlertRules.AckPath(token);
        var unitName = await db.Units.AsNoTracking().Where(u => u.Id == alert.UnitId).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "";
        var level = AlertRules.Level(alert.Severity);
        var title = step == 0 ? $"【预警·{level}级】{alert.Title}" : $"【预警·{level}级·第 {step} 次升级】{alert.Title}";
        var body = $"{unitName}：{alert.Body}".TrimEnd('：') + $"\n请在 {FormatSpan(alert.AckWithin)} 内打开链接确认收到，逾时将转给下一位责任人。";
        var payload = new NotificationPayload(recipient.UserId, title, body.Length > Alert.BodyMaxLength ? body[..Alert.BodyMaxLength] : body, ackPath);
        var key = $"alert:{alert.Id:N}:s{step}:{recipient.UserId:N}";
        db.Enqueue(clock, OutboxKinds.InApp, key + ":app", payload);
        DateTime? mailAt = null;
        if (!alert.Urgent && await db.AlertQuietHours.AsNoTracking().FirstOrDefaultAsync(q => q.UserId == recipient.UserId, ct) is { } quiet)
        {
            mailAt = AlertRules.QuietUntil(quiet.QuietFrom, quiet.QuietTo, FindZone(quiet.TimeZone), now);
        }

        db.Enqueue(clock, OutboxKinds.Email, key + ":mail", payload, mailAt);

        // Robot groups have no quiet hours: somebody in the group is on duty.
        var channels = await db.AlertChannels.AsNoTracking()
            .Where(c => c.UnitId == alert.UnitId && c.Enabled && c.MinimumSeverity >= alert.Severity)
            .OrderBy(c => c.CreatedAt)
            .ToListAsync(ct);
        foreach (var channel in channels)
        {
            db.Enqueue(clock, channel.Kind.OutboxKind(), $"alert:{alert.Id:N}:s{step}:ch:{channel.Id:N}", new AlertChannelPayload(
                channel.Id, alert.Id, alert.DedupKey, unitName, alert.Severity, alert.Urgent, alert.Title, alert.Body, alert.Link, ackPath, alert.RaisedAt, step));
        }
    }

    /// <summary>Tells the unit's 领导小组办公室 once that nobody acknowledged the alert.</summary>
    internal static async Task StageExhaustedAsync(AppDbContext db, TimeProvider clock, Alert alert, CancellationToken ct)
    {
        var office = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.UnitId == alert.UnitId && r.Role == Role.LeadingGroupOffice)
            .Select(r => r.UserId)
            .Distinct()
            .ToListAsync(ct);
        foreach (var user in office)
        {
            db.Notify(clock, $"alert:{alert.Id:N}:exhausted:{user:N}", new NotificationPayload(
                user,
                $"预警无人确认：{alert.Title}",
                $"已通知 {alert.CurrentStep + 1} 人、升级 {alert.EscalationCount} 次，仍无人确认收到，请立即跟进。",
                $"/alerts/{alert.Id}"));
        }
    }

    private static TimeZoneInfo FindZone(string id)
        => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    private static string FormatSpan(TimeSpan span)
        => span.TotalHours >= 1 && span.Minutes == 0 ? $"{(int)span.TotalHours} 小时" : $"{Math.Max(1, (int)Math.Ceiling(span.TotalMinutes))} 分钟";

    private static void Validate(AlertDraft draft)
    {
        static void Require(bool ok, string message)
        {
            if (!ok)
            {
                throw new ArgumentException(message, nameof(draft));
            }
        }

        Require(!string.IsNullOrWhiteSpace(draft.DedupKey) && draft.DedupKey.Length <= Alert.DedupKeyMaxLength, $"DedupKey must be 1–{Alert.DedupKeyMaxLength} characters.");
        Require(!string.IsNullOrWhiteSpace(draft.Title) && draft.Title.Trim().Length <= Alert.TitleMaxLength, $"Title must be 1–{Alert.TitleMaxLength} characters.");
        Require(draft.Body is null || draft.Body.Length <= Alert.BodyMaxLength, $"Body must be at most {Alert.BodyMaxLength} characters.");
        Require(draft.Link.StartsWith('/') && draft.Link.Length <= Alert.LinkMaxLength, "Link must be a path of this site, e.g. /opinion/response/{id}.");
        Require(draft.Severity is >= 1 and <= 5, "Severity must be 1 … 5.");
        Require(draft.Chain.Count > 0 && draft.Chain.Distinct().Count() == draft.Chain.Count, "Chain must name at least one person, each once.");
        Require(draft.AckWithin > TimeSpan.Zero, "AckWithin must be positive.");
        Require(draft.MaxEscalations >= 0, "MaxEscalations must not be negative.");
        Require(!string.IsNullOrWhiteSpace(draft.SourceModule) && draft.SourceModule.Length <= 40, "SourceModule must be 1–40 characters.");
        Require(draft.SourceType is null || draft.SourceType.Length <= 60, "SourceType must be at most 60 characters.");
        Require(draft.SourceId is null || draft.SourceId.Length <= 100, "SourceId must be at most 100 characters.");
    }
}
