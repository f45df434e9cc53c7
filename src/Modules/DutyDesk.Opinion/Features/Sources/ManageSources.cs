using System.Security.Cryptography;
using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Text;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Sources;

public sealed record SourceCommand(Guid UnitId, string Name, SourceKind Kind, string? Url, string? Settings, int PollMinutes);

public sealed record UpdateSourceCommand(Guid Id, SourceCommand Source, bool Active, Guid Version);

/// <summary>A source with its health as people read it.</summary>
public sealed record SourceDto(
    Guid Id, Guid UnitId, string Name, SourceKind Kind, string Url, string Settings, int PollMinutes, bool Active,
    DateTime? LastSuccessAt, DateTime? LastErrorAt, string? LastError, int ConsecutiveFailures, DateTime? NextPollAt, int ItemsToday,
    bool HasPushSecret, Guid Version);

/// <summary>A unit's sources (信息源) and their health: last success, last error in plain words, items today.</summary>
internal sealed class ManageSources(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, DutyDesk.Platform.Shared.DisplayClock display)
{
    public const int MinPollMinutes = 5;

    public async Task<Result<IReadOnlyList<SourceDto>>> ListAsync(Actor actor, Guid unitId, CancellationToken ct = default)
    {
        if (!actor.CanSee(unitId))
        {
            return Error.NotFound("单位");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var localMidnight = display.ToUtc(display.ToLocal(now).Date);
        var rows = await db.Set<Source>().AsNoTracking().Where(s => s.UnitId == unitId).OrderByDescending(s => s.Active).ThenBy(s => s.Name).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var today = await db.Set<Item>().AsNoTracking()
            .Where(i => ids.Contains(i.SourceId) && i.CollectedAt >= localMidnight)
            .GroupBy(i => i.SourceId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return rows.Select(s => ToDto(s, today.GetValueOrDefault(s.Id))).ToList();
    }

    public async Task<Result<Guid>> CreateAsync(Actor actor, SourceCommand command, CancellationToken ct = default)
    {
        if (Validate(command) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await CheckAsync(db, actor, command, "新建信息源", ct) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var source = new Source { Id = Guid.CreateVersion7(), UnitId = command.UnitId, Name = "", CreatedAt = now };
        Apply(source, command);
        source.NextPollAt = IsPolled(source.Kind) ? now : null;
        db.Set<Source>().Add(source);
        db.Audit(clock, actor, OpinionAudit.SourceCreate, "Source", source.Id.ToString(), command.UnitId, detail: $"{source.Name}（{KindName(source.Kind)}）{source.Url}");
        await db.SaveChangesAsync(ct);
        return source.Id;
    }

    public async Task<Result<Done>> UpdateAsync(Actor actor, UpdateSourceCommand command, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = await db.Set<Source>().FirstOrDefaultAsync(s => s.Id == command.Id, ct);
        if (source is null || !actor.CanSee(source.UnitId))
        {
            return Error.NotFound("信息源");
        }

        var figures = command.Source with { UnitId = source.UnitId, Kind = source.Kind };
        if (Validate(figures) is { } invalid)
        {
            return invalid;
        }

        if (await CheckAsync(db, actor, figures, "修改信息源", ct, source.Id) is { } refused)
        {
            return refused;
        }

        if (source.Version != command.Version)
        {
            return Error.StaleEdit("信息源");
        }

        var urlChanged = source.Url != (figures.Url ?? "").Trim();
        Apply(source, figures);
        source.Active = command.Active;
        if (urlChanged)
        {
            // A new address has nothing to do with the old one's validators or failures.
            (source.ETag, source.LastModified, source.ConsecutiveFailures) = (null, null, 0);
        }

        source.NextPollAt = IsPolled(source.Kind) && source.Active ? clock.GetUtcNow().UtcDateTime : null;
        db.Audit(clock, actor, OpinionAudit.SourceUpdate, "Source", source.Id.ToString(), source.UnitId, detail: $"{source.Name}{(source.Active ? "" : "（停用）")} {source.Url}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleEdit("信息源");
        }

        return Done.Value;
    }

    /// <summary>Issues a new push secret for a push source; shown once, the old one stops working at once.</summary>
    public async Task<Result<string>> IssuePushSecretAsync(Actor actor, Guid sourceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = await db.Set<Source>().FirstOrDefaultAsync(s => s.Id == sourceId, ct);
        if (source is null || !actor.CanSee(source.UnitId))
        {
            return Error.NotFound("信息源");
        }

        if (!OpinionAccess.Configures(actor, source.UnitId))
        {
            await db.AuditDeniedAsync(clock, actor, "生成推送密钥", "Source", source.Id.ToString(), ct);
            return Error.Forbidden($"只有本单位的{OpinionAccess.ConfigurersText}可以生成推送密钥。");
        }

        if (source.Kind != SourceKind.Push)
        {
            return Error.Validation("kind", "只有“推送接口”类型的信息源需要推送密钥。");
        }

        source.PushSecret = "dps_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        db.Audit(clock, actor, OpinionAudit.SourceSecret, "Source", source.Id.ToString(), source.UnitId, detail: source.Name);
        await db.SaveChangesAsync(ct);
        return source.PushSecret;
    }

    public static string KindName(SourceKind kind) => kind switch
    {
        SourceKind.Feed => "RSS/Atom 订阅",
        SourceKind.JsonPull => "JSON 接口拉取",
        SourceKind.Push => "推送接口",
        SourceKind.FileImport => "文件导入",
        _ => "人工报送",
    };

    public static bool IsPolled(SourceKind kind) => kind is SourceKind.Feed or SourceKind.JsonPull;

    private static Error? Validate(SourceCommand command)
    {
        var problem = Check.First(
            Check.Required("name", "名称", command.Name, Source.NameMaxLength),
            Check.Optional("url", "地址", command.Url, Source.UrlMaxLength),
            Check.Optional("settings", "字段映射", command.Settings, 4000));
        if (problem is not null)
        {
            return problem;
        }

        if (IsPolled(command.Kind))
        {
            if (!Uri.TryCreate((command.Url ?? "").Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return Error.Validation("url", "“地址”须是以 http:// 或 https:// 开头的完整网址。");
            }

            if (command.PollMinutes is < MinPollMinutes or > 1440)
            {
                return Error.Validation("pollMinutes", $"“抓取间隔”须在 {MinPollMinutes}–1440 分钟之间（对方网站的礼貌间隔）。");
            }
        }

        if (command.Kind == SourceKind.JsonPull && JsonFieldMap.Parse(command.Settings) is { Error: { } mapError })
        {
            return mapError;
        }

        return null;
    }

    private async Task<Error?> CheckAsync(AppDbContext db, Actor actor, SourceCommand command, string what, CancellationToken ct, Guid? self = null)
    {
        if (await OpinionAccess.CheckConfigurerAsync(db, clock, actor, command.UnitId, what, "设置信息源", ct) is { } refused)
        {
            return refused;
        }

        var name = TextNormalizer.Clean(command.Name);
        return await db.Set<Source>().AnyAsync(s => s.UnitId == command.UnitId && s.Name == name && s.Id != self, ct)
            ? Error.Validation("name", $"“名称”与本单位已有的信息源“{name}”重复。")
            : null;
    }

    private static void Apply(Source source, SourceCommand command)
    {
        source.Name = TextNormalizer.Clean(command.Name);
        source.Kind = command.Kind;
        source.Url = (command.Url ?? "").Trim();
        source.Settings = (command.Settings ?? "").Trim();
        source.PollMinutes = IsPolled(command.Kind) ? command.PollMinutes : 0;
    }

    private static SourceDto ToDto(Source s, int today) => new(
        s.Id, s.UnitId, s.Name, s.Kind, s.Url, s.Settings, s.PollMinutes, s.Active, s.LastSuccessAt, s.LastErrorAt, s.LastError,
        s.ConsecutiveFailures, s.NextPollAt, today, s.PushSecret is not null, s.Version);
}
