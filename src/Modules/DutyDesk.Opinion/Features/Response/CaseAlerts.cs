using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Outbox;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Response;

/// <summary>Who hears of a case when it opens or its level rises, staged on the caller's context.</summary>
internal sealed class CaseAlerts(TimeProvider clock)
{
    public async Task RaiseOpenedAsync(AppDbContext db, ResponseCase c, CancellationToken ct)
        => await NotifyAsync(db, c, $"case:{c.Id:N}:opened", $"舆情事件处置（{IncidentLevel.Name(c.Level)}）：{c.Title}", ct);

    public async Task RaiseRaisedAsync(AppDbContext db, ResponseCase c, IncidentLevelCode from, CancellationToken ct)
        => await NotifyAsync(db, c, $"case:{c.Id:N}:level:{c.Level}", $"舆情事件升级为{IncidentLevel.Name(c.Level)}（原{IncidentLevel.Name(from)}）：{c.Title}", ct);

    private async Task NotifyAsync(AppDbContext db, ResponseCase c, string key, string title, CancellationToken ct)
    {
        var office = await db.RoleAssignments.Where(r => r.UnitId == c.UnitId && r.Role == Role.LeadingGroupOffice).Select(r => r.UserId).ToListAsync(ct);
        var people = office.Concat(await CaseWork.EscalationTargetsAsync(db, c.UnitId, c.Level, ct)).Distinct();
        foreach (var person in people)
        {
            db.Notify(clock, $"{key}:{person:N}", new NotificationPayload(person, title, "请按处置流程在时限内报送快报并跟进。", $"/opinion/response/{c.Id}"));
        }
    }
}
