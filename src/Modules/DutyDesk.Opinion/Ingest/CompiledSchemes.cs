using System.Collections.Concurrent;
using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Data;
using DutyDesk.Text.Matching;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Ingest;

/// <summary>One unit's active schemes compiled into one automaton for full text and one for title-only schemes.</summary>
internal sealed class UnitSchemes
{
    private readonly SchemeMatcher? full;
    private readonly SchemeMatcher? title;
    private readonly MonitoringScheme[] fullSchemes;
    private readonly MonitoringScheme[] titleSchemes;
    private readonly HashSet<string>[] fullWords;
    private readonly HashSet<string>[] titleWords;

    public UnitSchemes(IReadOnlyList<MonitoringScheme> schemes, string stamp)
    {
        Stamp = stamp;
        var compiled = schemes.Select(s => (Scheme: s, Rule: TryRule(s))).Where(x => x.Rule is not null).ToList();
        fullSchemes = compiled.Where(x => !x.Scheme.TitleOnly).Select(x => x.Scheme).ToArray();
        titleSchemes = compiled.Where(x => x.Scheme.TitleOnly).Select(x => x.Scheme).ToArray();
        fullWords = compiled.Where(x => !x.Scheme.TitleOnly).Select(x => x.Rule!.PositiveWords.ToHashSet(StringComparer.Ordinal)).ToArray();
        titleWords = compiled.Where(x => x.Scheme.TitleOnly).Select(x => x.Rule!.PositiveWords.ToHashSet(StringComparer.Ordinal)).ToArray();
        full = fullSchemes.Length == 0 ? null : new SchemeMatcher(compiled.Where(x => !x.Scheme.TitleOnly).Select(x => x.Rule!).ToList());
        title = titleSchemes.Length == 0 ? null : new SchemeMatcher(compiled.Where(x => x.Scheme.TitleOnly).Select(x => x.Rule!).ToList());
        Filters = compiled.Where(x => x.Scheme.SourceIds.Count > 0).ToDictionary(x => x.Scheme.Id, x => x.Scheme.SourceIds.ToHashSet());
    }

    public string Stamp { get; }

    public int Count => fullSchemes.Length + titleSchemes.Length;

    private Dictionary<Guid, HashSet<Guid>> Filters { get; }

    /// <summary>The schemes the item matches (respecting source filters) with the words that made each match.</summary>
    public List<(Guid SchemeId, List<string> Words)> Match(Guid sourceId, string foldedTitle, string folded)
    {
        var found = new List<(Guid, List<string>)>();
        Collect(full, fullSchemes, fullWords, folded, sourceId, found);
        Collect(title, titleSchemes, titleWords, foldedTitle, sourceId, found);
        return found;
    }

    private void Collect(SchemeMatcher? matcher, MonitoringScheme[] schemes, HashSet<string>[] schemeWords, string text, Guid sourceId, List<(Guid, List<string>)> found)
    {
        if (matcher is null || text.Length == 0)
        {
            return;
        }

        var result = matcher.Match(text);
        foreach (var index in result.SchemeIds)
        {
            var scheme = schemes[index];
            if (Filters.TryGetValue(scheme.Id, out var sources) && !sources.Contains(sourceId))
            {
                continue;
            }

            var ruleWords = schemeWords[index];
            var words = result.Highlights
                .Select(h => matcher.Automaton.Keyword(h.KeywordId))
                .Where(w => ruleWords.Contains(w))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            found.Add((scheme.Id, words));
        }
    }

    private static MatchRule? TryRule(MonitoringScheme scheme)
    {
        try
        {
            return scheme.ToRule();
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            // Saved schemes were validated; one made invalid by a later parser change must not stop ingest.
            return null;
        }
    }
}

/// <summary>The compiled schemes per unit, recompiled when a scheme of the unit changes (on any node).</summary>
internal sealed class CompiledSchemes
{
    private readonly ConcurrentDictionary<Guid, UnitSchemes> cache = new();

    public async Task<UnitSchemes> ForUnitAsync(AppDbContext db, Guid unitId, CancellationToken ct)
    {
        var versions = await db.Set<MonitoringScheme>().AsNoTracking()
            .Where(s => s.UnitId == unitId && s.Active)
            .OrderBy(s => s.Id)
            .Select(s => s.Version)
            .ToListAsync(ct);
        var stamp = string.Join(',', versions);
        if (cache.TryGetValue(unitId, out var known) && known.Stamp == stamp)
        {
            return known;
        }

        // In a fixed order: a new event takes its first matching scheme, and that must not depend on the database.
        var schemes = await db.Set<MonitoringScheme>().AsNoTracking().Where(s => s.UnitId == unitId && s.Active).OrderBy(s => s.Id).ToListAsync(ct);
        var compiled = new UnitSchemes(schemes, stamp);
        cache[unitId] = compiled;
        return compiled;
    }
}
