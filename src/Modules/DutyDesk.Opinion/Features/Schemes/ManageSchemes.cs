using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Text;
using DutyDesk.Text.Matching;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Schemes;

/// <summary>A scheme as a unit writes it: the four groups (one word per line) or an expression.</summary>
public sealed record SchemeCommand(
    Guid UnitId, string Name, SchemeMode Mode, string? Subjects, string? Regions, string? Events, string? Exclusions, string? Expression,
    bool TitleOnly, IReadOnlyList<Guid>? SourceIds);

public sealed record UpdateSchemeCommand(Guid Id, SchemeCommand Scheme, bool Active, Guid Version);

public sealed record SchemeDto(
    Guid Id, Guid UnitId, string Name, SchemeMode Mode, string Subjects, string Regions, string Events, string Exclusions, string Expression,
    bool TitleOnly, IReadOnlyList<Guid> SourceIds, bool Active, DateTime UpdatedAt, int MatchesLast30Days, Guid Version);

/// <summary>A preview against pasted text: whether it matches and the words that made it.</summary>
public sealed record TextPreview(bool Matches, IReadOnlyList<string> Words, string Folded);

/// <summary>A preview against stored items: how many of the last 30 days would match, and the latest of them.</summary>
public sealed record StoredPreview(int Examined, int Matching, IReadOnlyList<PreviewItem> Latest);

public sealed record PreviewItem(Guid Id, string Title, string Text, string Site, DateTime PostedAt, IReadOnlyList<string> Words);

/// <summary>
/// A unit's monitoring schemes (监测方案): validated with a Chinese message that names the field (and, for an
/// expression, the position of the syntax error); tried on pasted text and on the last 30 days before saving.
/// </summary>
internal sealed class ManageSchemes(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int PreviewDays = 30;
    public const int PreviewLimit = 20_000;
    public const int WordMaxLength = 50;

    public async Task<Result<IReadOnlyList<SchemeDto>>> ListAsync(Actor actor, Guid unitId, CancellationToken ct = default)
    {
        if (!actor.CanSee(unitId))
        {
            return Error.NotFound("单位");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-PreviewDays);
        var rows = await db.Set<MonitoringScheme>().AsNoTracking().Where(s => s.UnitId == unitId).OrderByDescending(s => s.Active).ThenBy(s => s.Name).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var counts = await db.Set<ItemMatch>().AsNoTracking()
            .Where(m => ids.Contains(m.SchemeId) && m.CollectedAt >= since)
            .GroupBy(m => m.SchemeId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return rows.Select(r => ToDto(r, counts.GetValueOrDefault(r.Id))).ToList();
    }

    public async Task<Result<SchemeDto>> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scheme = await db.Set<MonitoringScheme>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        return scheme is null || !actor.CanSee(scheme.UnitId) ? Error.NotFound("监测方案") : ToDto(scheme, 0);
    }

    public async Task<Result<Guid>> CreateAsync(Actor actor, SchemeCommand command, CancellationToken ct = default)
    {
        if (Compile(command) is { Error: { } invalid })
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await CheckAsync(db, actor, command, "新建监测方案", ct) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var scheme = new MonitoringScheme { Id = Guid.CreateVersion7(), UnitId = command.UnitId, Name = "", CreatedAt = now };
        Apply(scheme, command, now);
        db.Set<MonitoringScheme>().Add(scheme);
        db.Audit(clock, actor, OpinionAudit.SchemeCreate, "MonitoringScheme", scheme.Id.ToString(), command.UnitId, detail: Describe(scheme));
        await db.SaveChangesAsync(ct);
        return scheme.Id;
    }

    public async Task<Result<Done>> UpdateAsync(Actor actor, UpdateSchemeCommand command, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scheme = await db.Set<MonitoringScheme>().FirstOrDefaultAsync(s => s.Id == command.Id, ct);
        if (scheme is null || !actor.CanSee(scheme.UnitId))
        {
            return Error.NotFound("监测方案");
        }

        var figures = command.Scheme with { UnitId = scheme.UnitId };
        if (Compile(figures) is { Error: { } invalid })
        {
            return invalid;
        }

        if (await CheckAsync(db, actor, figures, "修改监测方案", ct, scheme.Id) is { } refused)
        {
            return refused;
        }

        if (scheme.Version != command.Version)
        {
            return Error.StaleEdit("监测方案");
        }

        Apply(scheme, figures, clock.GetUtcNow().UtcDateTime);
        scheme.Active = command.Active;
        db.Audit(clock, actor, OpinionAudit.SchemeUpdate, "MonitoringScheme", scheme.Id.ToString(), scheme.UnitId, detail: (scheme.Active ? "" : "（停用）") + Describe(scheme));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleEdit("监测方案");
        }

        return Done.Value;
    }

    /// <summary>Tries an unsaved scheme on pasted text.</summary>
    public static Result<TextPreview> PreviewText(SchemeCommand command, string? text)
    {
        var compiled = Compile(command);
        if (compiled.Error is { } invalid)
        {
            return invalid;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return Error.Validation("text", "“试匹配文本”为空：请粘贴一段要试的文字。");
        }

        var folded = TextNormalizer.Fold(text);
        var matcher = new SchemeMatcher([compiled.Value]);
        var result = matcher.Match(folded);
        var words = result.Highlights.Select(h => matcher.Automaton.Keyword(h.KeywordId)).Distinct(StringComparer.Ordinal).ToList();
        return new TextPreview(result.SchemeIds.Count > 0, words, folded);
    }

    /// <summary>Tries an unsaved scheme on the unit's items of the last 30 days (at most the latest 20,000).</summary>
    public async Task<Result<StoredPreview>> PreviewStoredAsync(Actor actor, SchemeCommand command, CancellationToken ct = default)
    {
        if (!actor.CanSee(command.UnitId))
        {
            return Error.NotFound("单位");
        }

        var compiled = Compile(command);
        if (compiled.Error is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-PreviewDays);
        var sources = command.SourceIds is { Count: > 0 } ? command.SourceIds.ToHashSet() : null;
        var items = await db.Set<Item>().AsNoTracking()
            .Where(i => i.UnitId == command.UnitId && i.PostedAt >= since)
            .OrderByDescending(i => i.PostedAt)
            .Take(PreviewLimit)
            .Select(i => new { i.Id, i.Title, i.Text, i.Folded, i.Site, i.PostedAt, i.SourceId })
            .ToListAsync(ct);
        var matcher = new SchemeMatcher([compiled.Value]);
        var result = matcher.CreateResult();
        var matching = 0;
        var latest = new List<PreviewItem>();
        foreach (var item in items.Where(i => sources is null || sources.Contains(i.SourceId)))
        {
            var text = command.TitleOnly ? TextNormalizer.Fold(item.Title) : item.Folded;
            matcher.Match(text, result);
            if (result.SchemeIds.Count == 0)
            {
                continue;
            }

            matching++;
            if (latest.Count < 50)
            {
                var words = result.Highlights.Select(h => matcher.Automaton.Keyword(h.KeywordId)).Distinct(StringComparer.Ordinal).ToList();
                latest.Add(new PreviewItem(item.Id, item.Title, Excerpt(item.Text), item.Site, item.PostedAt, words));
            }
        }

        return new StoredPreview(items.Count, matching, latest);
    }

    /// <summary>Validates the fields and compiles the rule; a Chinese message names the field and the reason.</summary>
    public static Result<MatchRule> Compile(SchemeCommand command)
    {
        var problem = Check.First(
            Check.Required("name", "方案名称", command.Name, MonitoringScheme.NameMaxLength),
            Check.Optional("subjects", "主体词", command.Subjects, MonitoringScheme.GroupMaxLength),
            Check.Optional("regions", "地域词", command.Regions, MonitoringScheme.GroupMaxLength),
            Check.Optional("events", "事件词", command.Events, MonitoringScheme.GroupMaxLength),
            Check.Optional("exclusions", "排除词", command.Exclusions, MonitoringScheme.GroupMaxLength),
            Check.Optional("expression", "高级表达式", command.Expression, MonitoringScheme.ExpressionMaxLength));
        if (problem is not null)
        {
            return problem;
        }

        if (command.Mode == SchemeMode.Expression)
        {
            if (string.IsNullOrWhiteSpace(command.Expression))
            {
                return Error.Validation("expression", "“高级表达式”为空：请填写，例如 第一中学 AND (食堂 OR 收费) NOT 招聘。");
            }

            return RuleParser.TryParse(command.Expression, out var rule, out var error)
                ? rule!
                : Error.Validation("expression", $"“高级表达式”有语法错误：{error!.Message}");
        }

        foreach (var (field, label, group) in new[] { ("subjects", "主体词", command.Subjects), ("regions", "地域词", command.Regions), ("events", "事件词", command.Events), ("exclusions", "排除词", command.Exclusions) })
        {
            if (MonitoringScheme.Words(group).FirstOrDefault(w => w.Length > WordMaxLength) is { } tooLong)
            {
                return Error.Validation(field, $"“{label}”中的“{tooLong[..10]}…”超过 {WordMaxLength} 个字：每行写一个词。");
            }
        }

        if (MonitoringScheme.Words(command.Subjects).All(w => TextNormalizer.Fold(w).Length == 0))
        {
            return Error.Validation("subjects", "“主体词”至少需要一个：如单位名称、网站名称、服务名称或领导职务。");
        }

        return MatchRule.FromGroups(
            MonitoringScheme.Words(command.Subjects), MonitoringScheme.Words(command.Regions),
            MonitoringScheme.Words(command.Events), MonitoringScheme.Words(command.Exclusions));
    }

    private async Task<Error?> CheckAsync(AppDbContext db, Actor actor, SchemeCommand command, string what, CancellationToken ct, Guid? self = null)
    {
        if (await OpinionAccess.CheckConfigurerAsync(db, clock, actor, command.UnitId, what, "设置监测方案", ct) is { } refused)
        {
            return refused;
        }

        var name = TextNormalizer.Clean(command.Name);
        if (await db.Set<MonitoringScheme>().AnyAsync(s => s.UnitId == command.UnitId && s.Name == name && s.Id != self, ct))
        {
            return Error.Validation("name", $"“方案名称”与本单位已有的方案“{name}”重复。");
        }

        if (command.SourceIds is { Count: > 0 } ids)
        {
            var known = await db.Set<Source>().CountAsync(s => s.UnitId == command.UnitId && ids.Contains(s.Id), ct);
            if (known != ids.Distinct().Count())
            {
                return Error.Validation("sourceIds", "“限定信息源”中有不属于本单位的信息源。");
            }
        }

        return null;
    }

    private static void Apply(MonitoringScheme scheme, SchemeCommand command, DateTime now)
    {
        scheme.Name = TextNormalizer.Clean(command.Name);
        scheme.Mode = command.Mode;
        scheme.Subjects = Lines(command.Subjects);
        scheme.Regions = Lines(command.Regions);
        scheme.Events = Lines(command.Events);
        scheme.Exclusions = Lines(command.Exclusions);
        scheme.Expression = (command.Expression ?? "").Trim();
        scheme.TitleOnly = command.TitleOnly;
        scheme.SourceFilter = string.Join(',', (command.SourceIds ?? []).Distinct());
        scheme.UpdatedAt = now;
    }

    private static string Lines(string? group) => string.Join('\n', MonitoringScheme.Words(group));

    private static string Describe(MonitoringScheme s) => s.Mode == SchemeMode.Expression
        ? $"{s.Name}：{s.Expression}"
        : $"{s.Name}：主体词 {MonitoringScheme.Words(s.Subjects).Length} 个，地域词 {MonitoringScheme.Words(s.Regions).Length} 个，事件词 {MonitoringScheme.Words(s.Events).Length} 个，排除词 {MonitoringScheme.Words(s.Exclusions).Length} 个";

    private static string Excerpt(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private static SchemeDto ToDto(MonitoringScheme s, int matches) => new(
        s.Id, s.UnitId, s.Name, s.Mode, s.Subjects, s.Regions, s.Events, s.Exclusions, s.Expression, s.TitleOnly, s.SourceIds, s.Active, s.UpdatedAt, matches, s.Version);
}
