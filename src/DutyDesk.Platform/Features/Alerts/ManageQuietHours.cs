using DutyDesk.Platform.Alerts;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Platform.Features.Alerts;

/// <summary>From and To both null: no quiet hours.</summary>
public sealed record QuietHoursSetting(TimeOnly? From, TimeOnly? To);

/// <summary>A person's own quiet hours (免打扰时段), read in the installation's display zone.</summary>
public sealed class ManageQuietHours(IDbContextFactory<AppDbContext> dbFactory, DisplayClock display, TimeProvider clock)
{
    public async Task<QuietHoursSetting> GetAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.AlertQuietHours.AsNoTracking().FirstOrDefaultAsync(q => q.UserId == actor.UserId, ct);
        return row is null ? new QuietHoursSetting(null, null) : new QuietHoursSetting(row.QuietFrom, row.QuietTo);
    }

    public async Task<Result<Done>> SetAsync(Actor actor, QuietHoursSetting setting, CancellationToken ct = default)
    {
        var invalid = Check.First(
            setting.From is null && setting.To is not null ? Error.Validation("quietFrom", "“免打扰开始时间”不能为空（或两个时间都留空以关闭免打扰）。") : null,
            setting.From is not null && setting.To is null ? Error.Validation("quietTo", "“免打扰结束时间”不能为空（或两个时间都留空以关闭免打扰）。") : null,
            setting.From is { } f && f == setting.To ? Error.Validation("quietTo", "“免打扰结束时间”不能与开始时间相同。") : null);
        if (invalid is not null)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.AlertQuietHours.FirstOrDefaultAsync(q => q.UserId == actor.UserId, ct);
        if (setting.From is not { } from || setting.To is not { } to)
        {
            if (row is not null)
            {
                db.AlertQuietHours.Remove(row);
            }
        }
        else
        {
            if (row is null)
            {
                row = new AlertQuietHours { UserId = actor.UserId, TimeZone = display.Zone.Id };
                db.AlertQuietHours.Add(row);
            }

            row.QuietFrom = from;
            row.QuietTo = to;
            row.TimeZone = display.Zone.Id;
        }

        db.Audit(clock, actor, AuditActions.AlertQuietHours, "User", actor.UserId.ToString(),
            detail: setting.From is null ? "关闭免打扰" : $"{setting.From:HH\\:mm}–{setting.To:HH\\:mm}（{display.Zone.Id}）");
        await db.SaveChangesAsync(ct);
        return Done.Value;
    }
}
