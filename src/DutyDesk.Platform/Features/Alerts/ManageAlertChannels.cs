using DutyDesk.Platform.Alerts;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Outbox;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Text;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Platform.Features.Alerts;

/// <summary>
/// Id null creates. On an edit an empty <c>Url</c> or <c>Secret</c> keeps the stored one (neither is ever shown back);
/// <c>ClearSecret</c> removes the secret (DingTalk without 加签).
/// </summary>
public sealed record SaveAlertChannelCommand(
    Guid? Id, Guid UnitId, AlertChannelKind Kind, string Name, string? Url, string? Secret, int MinimumSeverity, bool Enabled,
    Guid? Version = null, bool ClearSecret = false);

/// <summary>A channel as its administrators see it: the address shortened (its key is a credential), the secret as 已设置.</summary>
public sealed record AlertChannelRow(
    Guid Id, Guid UnitId, string UnitName, AlertChannelKind Kind, string Name, string UrlHint, bool HasSecret, int MinimumSeverity, bool Enabled, Guid Version);

/// <summary>A unit's robot and webhook channels, configured by its 第一责任人, 分管领导 and 领导小组办公室.</summary>
public sealed class ManageAlertChannels(IDbContextFactory<AppDbContext> dbFactory, ChannelSecrets secrets, TimeProvider clock)
{
    public const int SecretMaxLength = 200;

    public async Task<IReadOnlyList<AlertChannelRow>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        var units = actor.VisibleUnits.Where(u => AlertAccess.ManagesChannels(actor, u)).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.AlertChannels.AsNoTracking()
            .Where(c => units.Contains(c.UnitId))
            .OrderBy(c => c.UnitId).ThenBy(c => c.Name)
            .Select(c => new { Channel = c, UnitName = db.Units.Where(u => u.Id == c.UnitId).Select(u => u.Name).FirstOrDefault() })
            .ToListAsync(ct);
        return rows.Select(r => new AlertChannelRow(
            r.Channel.Id, r.Channel.UnitId, r.UnitName ?? "", r.Channel.Kind, r.Channel.Name, UrlHint(r.Channel.Url), r.Channel.ProtectedSecret is not null,
            r.Channel.MinimumSeverity, r.Channel.Enabled, r.Channel.Version)).ToList();
    }

    public async Task<Result<Guid>> SaveAsync(Actor actor, SaveAlertChannelCommand command, CancellationToken ct = default)
    {
        var creating = command.Id is null;
        var urlProblem = string.IsNullOrWhiteSpace(command.Url) ? null : AlertRules.CheckUrl(command.Url);
        var invalid = Check.First(
            Check.Required("name", "渠道名称", command.Name, AlertChannel.NameMaxLength),
            creating && string.IsNullOrWhiteSpace(command.Url) ? Error.Validation("url", "“机器人地址”不能为空。") : null,
            Check.Optional("url", "机器人地址", command.Url?.Trim(), AlertChannel.UrlMaxLength),
            urlProblem is null ? null : Error.Validation("url", $"“机器人地址”有误：{urlProblem}。"),
            Check.Optional("secret", "密钥", command.Secret?.Trim(), SecretMaxLength),
            command.MinimumSeverity is < 1 or > 5 ? Error.Validation("minimumSeverity", "“推送级别”必须是Ⅰ至Ⅴ级之一。") : null,
            !Enum.IsDefined(command.Kind) ? Error.Validation("kind", "“渠道类型”必须是企业微信、钉钉或 Webhook。") : null,
            command.Kind == AlertChannelKind.WeCom && !string.IsNullOrWhiteSpace(command.Secret)
                ? Error.Validation("secret", "“密钥”对企业微信机器人无用：它的密钥就是地址中的 key，请留空。") : null);
        if (invalid is not null)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        AlertChannel? channel = null;
        if (!creating)
        {
            channel = await db.AlertChannels.FirstOrDefaultAsync(c => c.Id == command.Id, ct);
            if (channel is null || !actor.CanSee(channel.UnitId))
            {
                return Error.NotFound("预警渠道");
            }
        }

        var unitId = channel?.UnitId ?? command.UnitId;
        if (!actor.CanSee(unitId) || !await db.Units.AnyAsync(u => u.Id == unitId, ct))
        {
            return Error.NotFound("单位");
        }

        if (!AlertAccess.ManagesChannels(actor, unitId))
        {
            await db.AuditDeniedAsync(clock, actor, creating ? "新建预警渠道" : "修改预警渠道", "AlertChannel", (command.Id ?? unitId).ToString(), ct);
            return Error.Forbidden("只有本单位的第一责任人、分管领导或领导小组办公室可以配置预警渠道。");
        }

        var kind = channel?.Kind ?? command.Kind;
        var hasSecret = !string.IsNullOrWhiteSpace(command.Secret) || (channel?.ProtectedSecret is not null && !command.ClearSecret);
        if (kind == AlertChannelKind.Webhook && !hasSecret)
        {
            return Error.Validation("secret", "“密钥”不能为空：Webhook 用它对每条消息做 HMAC-SHA256 签名，接收方据此验证。");
        }

        var name = TextNormalizer.Clean(command.Name);
        if (await db.AlertChannels.AnyAsync(c => c.UnitId == unitId && c.Name == name && c.Id != command.Id, ct))
        {
            return Error.Validation("name", $"“渠道名称”与本单位已有的渠道“{name}”重复。");
        }

        if (channel is null)
        {
            channel = new AlertChannel
            {
                Id = Guid.CreateVersion7(), UnitId = unitId, Kind = command.Kind, Name = name, Url = command.Url!.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.AlertChannels.Add(channel);
        }
        else
        {
            if (command.Version is { } version && version != channel.Version)
            {
                return Error.StaleEdit("预警渠道");
            }

            channel.Name = name;
            if (!string.IsNullOrWhiteSpace(command.Url))
            {
                channel.Url = command.Url.Trim();
            }
        }

        if (!string.IsNullOrWhiteSpace(command.Secret))
        {
            channel.ProtectedSecret = secrets.Protect(command.Secret.Trim());
        }
        else if (command.ClearSecret)
        {
            channel.ProtectedSecret = null;
        }

        channel.MinimumSeverity = command.MinimumSeverity;
        channel.Enabled = command.Enabled;
        // The address and the secret are credentials: the audit names the channel, never them.
        db.Audit(clock, actor, creating ? AuditActions.AlertChannelCreate : AuditActions.AlertChannelUpdate, "AlertChannel", channel.Id.ToString(), unitId,
            detail: $"{kind.ToChinese()}“{channel.Name}”，推送 {AlertRules.Level(1)}–{AlertRules.Level(channel.MinimumSeverity)} 级，{(channel.Enabled ? "启用" : "停用")}，密钥{(channel.ProtectedSecret is null ? "未设置" : "已设置")}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleEdit("预警渠道");
        }

        return channel.Id;
    }

    /// <summary>测试发送: one test message through the outbox, so it takes the same path (and retries) as a real alert.</summary>
    public async Task<Result<Done>> SendTestAsync(Actor actor, Guid channelId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var channel = await db.AlertChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == channelId, ct);
        if (channel is null || !actor.CanSee(channel.UnitId))
        {
            return Error.NotFound("预警渠道");
        }

        if (!AlertAccess.ManagesChannels(actor, channel.UnitId))
        {
            await db.AuditDeniedAsync(clock, actor, "测试发送预警渠道", "AlertChannel", channel.Id.ToString(), ct);
            return Error.Forbidden("只有本单位的第一责任人、分管领导或领导小组办公室可以测试预警渠道。");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var unitName = await db.Units.AsNoTracking().Where(u => u.Id == channel.UnitId).Select(u => u.Name).FirstAsync(ct);
        db.Enqueue(clock, channel.Kind.OutboxKind(), $"alert-test:{channel.Id:N}:{now.Ticks}", new AlertChannelPayload(
            channel.Id, Guid.Empty, "test", unitName, 5, false, $"预警渠道“{channel.Name}”连通测试", $"{actor.DisplayName}发起的测试消息，收到即说明渠道配置正确。",
            "/alerts", "/alerts", now, 0, Test: true));
        db.Audit(clock, actor, AuditActions.AlertChannelTest, "AlertChannel", channel.Id.ToString(), channel.UnitId, detail: channel.Name);
        await db.SaveChangesAsync(ct);
        return Done.Value;
    }

    /// <summary>Scheme, host and path only: the query (WeCom's key, DingTalk's access_token) is a credential.</summary>
    internal static string UrlHint(string url)
        => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}{(uri.Query.Length > 0 ? "?…" : "")}" : "";
}
