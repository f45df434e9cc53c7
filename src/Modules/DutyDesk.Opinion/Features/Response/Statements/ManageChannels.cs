using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Response.Statements;

/// <summary>A channel as entered: the unit it belongs to, its name, kind, address, and whether it is in use.</summary>
public sealed record ChannelInput(Guid UnitId, string? Name, ChannelKind Kind, string? Url, bool Active);

/// <summary>A change of a channel, with its version last read.</summary>
public sealed record ChannelUpdate(string? Name, ChannelKind Kind, string? Url, bool Active, Guid Version);

public sealed record ChannelDto(Guid Id, string Name, ChannelKind Kind, string KindName, string? Url, bool Active, Guid Version);

public sealed record UnitChannelsView(Guid UnitId, string UnitName, IReadOnlyList<ChannelDto> Channels, bool CanEdit);

/// <summary>
/// The unit's list of its own channels (发布渠道: official Weibo and WeChat accounts, the website, press conferences,
/// named media), kept by its leading group and office. Channels are never deleted, only taken out of use, so the
/// publications recorded through them keep their names.
/// </summary>
internal sealed class ManageChannels(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Result<UnitChannelsView>> ListAsync(Actor actor, Guid unitId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = actor.CanSee(unitId) ? await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(ct) : null;
        if (unit is null)
        {
            return Error.NotFound("单位");
        }

        var channels = await db.Set<PublicationChannel>().AsNoTracking().Where(c => c.UnitId == unitId).ToListAsync(ct);
        return new UnitChannelsView(
            unitId, unit,
            channels.OrderByDescending(c => c.Active).ThenBy(c => c.Kind).ThenBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => new ChannelDto(c.Id, c.Name, c.Kind, StatementRules.Name(c.Kind), c.Url, c.Active, c.Version)).ToList(),
            Keeps(actor, unitId));
    }

    public async Task<Result<Guid>> CreateAsync(Actor actor, ChannelInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await CheckKeeperAsync(db, actor, input.UnitId, ct) is { } refused)
        {
            return refused;
        }

        if (Validate(input.Name, input.Kind, input.Url) is { } invalid)
        {
            return invalid;
        }

        var name = input.Name!.Trim();
        if (await db.Set<PublicationChannel>().AnyAsync(c => c.UnitId == input.UnitId && c.Name == name, ct))
        {
            return Error.Validation("name", $"本单位已有名为“{name}”的发布渠道。");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var channel = new PublicationChannel
        {
            Id = Guid.CreateVersion7(), UnitId = input.UnitId, Name = name, Kind = input.Kind, Url = Url(input.Url), Active = input.Active, CreatedAt = now, UpdatedAt = now,
        };
        db.Set<PublicationChannel>().Add(channel);
        db.Audit(clock, actor, OpinionAudit.ChannelSave, "PublicationChannel", channel.Id.ToString(), input.UnitId, detail: $"新增{StatementRules.Name(channel.Kind)}“{name}”");
        return await SaveAsync(db, channel.Id, ct);
    }

    public async Task<Result<Guid>> UpdateAsync(Actor actor, Guid id, ChannelUpdate input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var channel = await db.Set<PublicationChannel>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (channel is null || !actor.CanSee(channel.UnitId))
        {
            return Error.NotFound("发布渠道");
        }

        if (await CheckKeeperAsync(db, actor, channel.UnitId, ct) is { } refused)
        {
            return refused;
        }

        if (Validate(input.Name, input.Kind, input.Url) is { } invalid)
        {
            return invalid;
        }

        if (channel.Version != input.Version)
        {
            return Error.StaleEdit("发布渠道");
        }

        var name = input.Name!.Trim();
        if (await db.Set<PublicationChannel>().AnyAsync(c => c.UnitId == channel.UnitId && c.Name == name && c.Id != id, ct))
        {
            return Error.Validation("name", $"本单位已有名为“{name}”的发布渠道。");
        }

        (channel.Name, channel.Kind, channel.Url, channel.Active, channel.UpdatedAt) = (name, input.Kind, Url(input.Url), input.Active, clock.GetUtcNow().UtcDateTime);
        db.Audit(clock, actor, OpinionAudit.ChannelSave, "PublicationChannel", channel.Id.ToString(), channel.UnitId,
            detail: $"修改{StatementRules.Name(channel.Kind)}“{name}”" + (channel.Active ? "" : "（停用）"));
        return await SaveAsync(db, channel.Id, ct);
    }

    public static bool Keeps(Actor actor, Guid unitId) => StatementRules.ChannelKeepers.Any(r => actor.HoldsIn(r, unitId));

    private async Task<Error?> CheckKeeperAsync(AppDbContext db, Actor actor, Guid unitId, CancellationToken ct)
    {
        if (!actor.CanSee(unitId) || !await db.Units.AnyAsync(u => u.Id == unitId, ct))
        {
            return Error.NotFound("单位");
        }

        if (Keeps(actor, unitId))
        {
            return null;
        }

        await db.AuditDeniedAsync(clock, actor, "维护发布渠道", "Unit", unitId.ToString(), ct);
        return Error.Forbidden("只有本单位的第一责任人、分管领导或领导小组办公室可以维护发布渠道。");
    }

    private static Error? Validate(string? name, ChannelKind kind, string? url) => Check.First(
        Check.Required("name", "渠道名称", name, PublicationChannel.NameMaxLength),
        Enum.IsDefined(kind) ? null : Error.Validation("kind", "“渠道类型”不是可选的值。"),
        Check.Optional("url", "渠道网址", url?.Trim(), PublicationChannel.UrlMaxLength),
        string.IsNullOrWhiteSpace(url) || StatementRules.WebAddress(url) is not null ? null : Error.Validation("url", "“渠道网址”须是以 http:// 或 https:// 开头的完整网址。"));

    private static string? Url(string? url) => StatementRules.WebAddress(url)?.AbsoluteUri;

    private static async Task<Result<Guid>> SaveAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return id;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleEdit("发布渠道");
        }
        catch (DbUpdateException)
        {
            // Two people added the same name at once: the unique index lets one through.
            return Error.Validation("name", "本单位已有同名的发布渠道。");
        }
    }
}
