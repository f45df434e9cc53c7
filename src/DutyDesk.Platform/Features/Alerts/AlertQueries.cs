using DutyDesk.Platform.Alerts;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Platform.Features.Alerts;

public enum AlertListScope
{
    /// <summary>Alerts that reached me (I was notified).</summary>
    Mine,

    /// <summary>Alerts of the units I work in.</summary>
    Units,
}

public sealed record AlertFilter(AlertListScope Scope = AlertListScope.Mine, AlertState? State = null);

public sealed record AlertRow(
    Guid Id, Guid UnitId, string UnitName, string Title, int Severity, bool Urgent, AlertState State, DateTime RaisedAt,
    int EscalationCount, DateTime? NextEscalationAt, DateTime? AcknowledgedAt, string? AcknowledgedByName);

public sealed record AlertRecipientRow(int Order, Guid UserId, string Name, DateTime? NotifiedAt);

public sealed record AlertDetail(
    Guid Id, Guid UnitId, string UnitName, string Title, string? Body, string Link, int Severity, bool Urgent, AlertState State,
    DateTime RaisedAt, TimeSpan AckWithin, int MaxEscalations, int CurrentStep, int EscalationCount, DateTime? NextEscalationAt,
    DateTime? AcknowledgedAt, string? AcknowledgedByName, string? AckNote, DateTime? ExhaustedAt, string SourceModule,
    IReadOnlyList<AlertRecipientRow> Chain, bool CanAcknowledge);

/// <summary>Lists and shows alerts within the actor's reach; an alert out of reach answers NotFound.</summary>
public sealed class AlertQueries(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<IReadOnlyList<AlertRow>> ListAsync(Actor actor, AlertFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        IQueryable<Alert> query;
        if (filter.Scope == AlertListScope.Mine)
        {
            query = db.Alerts.Where(a => a.Recipients.Any(r => r.UserId == actor.UserId && r.NotifiedAt != null));
        }
        else
        {
            var units = actor.VisibleUnits.Where(u => AlertAccess.WorksIn(actor, u)).ToList();
            query = db.Alerts.Where(a => units.Contains(a.UnitId));
        }

        query = filter.State switch
        {
            AlertState.Open => query.Where(a => a.AcknowledgedAt == null && a.ExhaustedAt == null),
            AlertState.Acknowledged => query.Where(a => a.AcknowledgedAt != null),
            AlertState.Exhausted => query.Where(a => a.AcknowledgedAt == null && a.ExhaustedAt != null),
            _ => query,
        };
        var rows = await query.AsNoTracking()
            .OrderByDescending(a => a.RaisedAt)
            .Take(500)
            .Select(a => new
            {
                a.Id, a.UnitId, UnitName = db.Units.Where(u => u.Id == a.UnitId).Select(u => u.Name).FirstOrDefault(), a.Title, a.Severity, a.Urgent,
                a.AcknowledgedAt, a.ExhaustedAt, a.RaisedAt, a.EscalationCount, a.NextEscalationAt,
                AckName = db.Users.Where(u => u.Id == a.AcknowledgedBy).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(a => new AlertRow(
            a.Id, a.UnitId, a.UnitName ?? "", a.Title, a.Severity, a.Urgent,
            a.AcknowledgedAt is not null ? AlertState.Acknowledged : a.ExhaustedAt is not null ? AlertState.Exhausted : AlertState.Open,
            a.RaisedAt, a.EscalationCount, a.NextEscalationAt, a.AcknowledgedAt, a.AckName)).ToList();
    }

    public async Task<Result<AlertDetail>> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var alert = await db.Alerts.AsNoTracking().Include(a => a.Recipients).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null || !AlertAccess.CanRead(actor, alert.UnitId, alert.Recipients.Select(r => r.UserId)))
        {
            return Error.NotFound("预警");
        }

        var people = alert.Recipients.Select(r => r.UserId).Append(alert.AcknowledgedBy ?? Guid.Empty).ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var unitName = await db.Units.AsNoTracking().Where(u => u.Id == alert.UnitId).Select(u => u.Name).FirstAsync(ct);
        var chain = alert.Recipients.OrderBy(r => r.Order).Select(r => new AlertRecipientRow(r.Order, r.UserId, names.GetValueOrDefault(r.UserId, "（已删除）"), r.NotifiedAt)).ToList();
        return new AlertDetail(
            alert.Id, alert.UnitId, unitName, alert.Title, alert.Body, alert.Link, alert.Severity, alert.Urgent, alert.State, alert.RaisedAt,
            alert.AckWithin, alert.MaxEscalations, alert.CurrentStep, alert.EscalationCount, alert.NextEscalationAt, alert.AcknowledgedAt,
            alert.AcknowledgedBy is { } by ? names.GetValueOrDefault(by) : null, alert.AckNote, alert.ExhaustedAt, alert.SourceModule, chain,
            alert.State != AlertState.Acknowledged);
    }

    /// <summary>The alert a link's token was issued for; the token only finds it, reading it still needs the rights.</summary>
    public async Task<Result<Guid>> FindByTokenAsync(Actor actor, string token, CancellationToken ct = default)
    {
        var hash = AlertRules.HashToken(token ?? "");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var alertId = await db.AlertRecipients.AsNoTracking().Where(r => r.AckTokenHash == hash).Select(r => (Guid?)r.AlertId).FirstOrDefaultAsync(ct);
        if (alertId is null)
        {
            return Error.NotFound("预警");
        }

        var found = await GetAsync(actor, alertId.Value, ct);
        return found.IsSuccess ? alertId.Value : found.Error!;
    }
}
