using DutyDesk.Platform.Alerts;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Platform.Features.Alerts;

public sealed record AcknowledgeAlertCommand(Guid Id, string? Note);

/// <summary>
/// 确认收到: stops the escalation. Acknowledging an acknowledged alert changes nothing (two people pressing the
/// button at once both succeed; the first is recorded). An escalation saved in between is retried over.
/// </summary>
public sealed class AcknowledgeAlert(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    private const int Attempts = 3;

    public async Task<Result<Done>> HandleAsync(Actor actor, AcknowledgeAlertCommand command, CancellationToken ct = default)
    {
        if (Check.Optional("note", "确认说明", command.Note, Alert.AckNoteMaxLength) is { } invalid)
        {
            return invalid;
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var alert = await db.Alerts.Include(a => a.Recipients).FirstOrDefaultAsync(a => a.Id == command.Id, ct);
            if (alert is null || (!actor.CanSee(alert.UnitId) && !alert.Recipients.Any(r => r.UserId == actor.UserId)))
            {
                return Error.NotFound("预警");
            }

            if (!AlertAccess.CanRead(actor, alert.UnitId, alert.Recipients.Select(r => r.UserId)))
            {
                await db.AuditDeniedAsync(clock, actor, "确认收到预警", "Alert", alert.Id.ToString(), ct);
                return Error.Forbidden("只有预警链上的人员或在本单位任职的人员可以确认收到。");
            }

            if (alert.AcknowledgedAt is not null)
            {
                return Done.Value;
            }

            alert.AcknowledgedAt = clock.GetUtcNow().UtcDateTime;
            alert.AcknowledgedBy = actor.UserId;
            alert.AckNote = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();
            alert.NextEscalationAt = null;
            var late = alert.ExhaustedAt is null ? "" : "（已超过全部升级时限）";
            db.Audit(clock, actor, AuditActions.AlertAcknowledge, "Alert", alert.Id.ToString(), alert.UnitId,
                detail: $"{alert.Title}；第 {alert.CurrentStep + 1} 位责任人通知后确认{late}{(alert.AckNote is null ? "" : "：" + alert.AckNote)}");
            try
            {
                await db.SaveChangesAsync(ct);
                return Done.Value;
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                // The escalator moved the alert on meanwhile; acknowledge the newer version.
            }
        }
    }
}
