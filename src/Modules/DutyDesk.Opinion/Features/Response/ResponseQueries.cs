using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Tasks;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Response;

/// <summary>A deadline of a case with its countdown's facts: due, done when, kept or not.</summary>
public sealed record CaseDeadlineDto(DeadlineKind Kind, string Name, Guid TaskId, DateTime DueAt, DueTaskState State, DateTime? CompletedAt)
{
    /// <summary>Null while it is open and not yet due; true when done in time; false when done late or overdue.</summary>
    public bool? KeptAt(DateTime now) => State switch
    {
        DueTaskState.Done => CompletedAt <= DueAt,
        DueTaskState.Open => DueAt > now ? null : false,
        _ => null,
    };
}

/// <summary>A case on the board: its level, step and the next deadline still running.</summary>
public sealed record CaseCardDto(
    Guid Id, Guid UnitId, string UnitName, string Title, IncidentLevelCode Level, CaseStep Step, string StepName, DateTime DiscoveredAt,
    CaseDeadlineDto? NextDeadline, int Overdue, string? SensitivePeriod, DateTime? ClosedAt);

public sealed record LevelChangeDto(IncidentLevelCode? From, IncidentLevelCode To, string Reason, string By, DateTime At);

public sealed record TimelineEntryDto(DateTime At, TimelineKind Kind, CaseStep Step, string Text, string? By);

/// <summary>A move the person looking may make now.</summary>
public sealed record CaseMoveDto(CaseTrigger Trigger, string Name, bool NeedsNote, string NoteLabel);

public sealed record CaseDetailDto(
    Guid Id, Guid UnitId, string UnitName, Guid? EventId, string Title, string? Summary, CaseOrigin Origin, string OriginName, string? SourceNote,
    DateTime DiscoveredAt, IncidentLevelCode Level, IncidentLevelCode? ProposedLevel, string? ProposedRule, CaseStep Step, string StepName,
    string? SensitivePeriod, double DeadlineFactor, DateTime OpenedAt, string OpenedBy, DateTime? CalmedAt, DateTime? ClosedAt, Guid Version,
    IReadOnlyList<CaseDeadlineDto> Deadlines, IReadOnlyList<LevelChangeDto> Levels, IReadOnlyList<TimelineEntryDto> Timeline,
    IReadOnlyList<CaseMoveDto> Moves, bool CanSetLevel, bool CanWork);

/// <summary>The case board (open cases by level and deadline, recent closed ones) and one case with everything on record.</summary>
internal sealed class ResponseQueries(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Result<IReadOnlyList<CaseCardDto>>> BoardAsync(Actor actor, Guid? unitId, bool closed, CancellationToken ct = default)
    {
        if (unitId is { } u && !actor.CanSee(u))
        {
            return Error.NotFound("单位");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = actor.VisibleUnits.ToList();
        var query = db.Set<ResponseCase>().AsNoTracking().Where(c => visible.Contains(c.UnitId));
        if (unitId is { } only)
        {
            // A unit's board shows its own cases and its subordinates' (a bureau follows its schools).
            var path = await db.Units.Where(x => x.Id == only).Select(x => x.Path).FirstAsync(ct);
            var subtree = await db.Units.Where(x => x.Path.StartsWith(path)).Select(x => x.Id).ToListAsync(ct);
            query = query.Where(c => subtree.Contains(c.UnitId));
        }

        query = closed ? query.Where(c => c.Step == CaseStep.Closed).OrderByDescending(c => c.ClosedAt) : query.Where(c => c.Step != CaseStep.Closed).OrderBy(c => c.Level);
        var cases = await query.Take(300).ToListAsync(ct);
        var ids = cases.Select(c => c.Id).ToList();
        var deadlines = await DeadlinesAsync(db, ids, ct);
        var unitIds = cases.Select(c => c.UnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(x => unitIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return cases.Select(c =>
        {
            var own = deadlines.GetValueOrDefault(c.Id) ?? [];
            var running = own.Where(d => d.State == DueTaskState.Open).OrderBy(d => d.DueAt).ToList();
            return new CaseCardDto(
                c.Id, c.UnitId, units.GetValueOrDefault(c.UnitId, "?"), c.Title, c.Level, c.Step, ResponseProcedure.Name(c.Step), c.DiscoveredAt,
                running.FirstOrDefault(), running.Count(d => d.DueAt <= now), c.SensitivePeriod, c.ClosedAt);
        }).OrderBy(c => c.Level).ThenBy(c => c.NextDeadline?.DueAt ?? DateTime.MaxValue).ToList();
    }

    public async Task<Result<CaseDetailDto>> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Set<ResponseCase>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !actor.CanSee(c.UnitId))
        {
            return Error.NotFound("处置事件");
        }

        var deadlines = (await DeadlinesAsync(db, [c.Id], ct)).GetValueOrDefault(c.Id) ?? [];
        var levels = await db.Set<CaseLevelChange>().AsNoTracking().Where(l => l.CaseId == id).OrderBy(l => l.At).ToListAsync(ct);
        var timeline = await db.Set<CaseTimelineEntry>().AsNoTracking().Where(t => t.CaseId == id).OrderBy(t => t.Seq).ToListAsync(ct);
        var people = levels.Select(l => l.ById).Concat(timeline.Select(t => t.ById).OfType<Guid>()).Append(c.OpenedById).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(p => people.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);
        var unitName = await db.Units.Where(u => u.Id == c.UnitId).Select(u => u.Name).FirstAsync(ct);
        var moves = ResponseProcedure.Allowed(c.Step, c.Level)
            .Where(t => t is not (CaseTrigger.ApproveStatement or CaseTrigger.Respond))
            .Where(t => ResponseProcedure.Performers(t).Any(r => actor.HoldsIn(r, c.UnitId)))
            .Select(t => new CaseMoveDto(t, ResponseProcedure.Name(t), NoteLabel(t) is not null, NoteLabel(t) ?? "说明（选填）"))
            .ToList();
        return new CaseDetailDto(
            c.Id, c.UnitId, unitName, c.EventId, c.Title, c.Summary, c.Origin, ResponseProcedure.Name(c.Origin), c.SourceNote, c.DiscoveredAt, c.Level,
            c.ProposedLevel, c.ProposedRule, c.Step, ResponseProcedure.Name(c.Step), c.SensitivePeriod, c.DeadlineFactor, c.OpenedAt,
            names.GetValueOrDefault(c.OpenedById, "?"), c.CalmedAt, c.ClosedAt, c.Version,
            [.. deadlines.OrderBy(d => d.DueAt)],
            levels.Select(l => new LevelChangeDto(l.From, l.To, l.Reason, names.GetValueOrDefault(l.ById, "?"), l.At)).ToList(),
            timeline.Select(t => new TimelineEntryDto(t.At, t.Kind, t.Step, t.Text, t.ById is { } by ? names.GetValueOrDefault(by, "?") : null)).ToList(),
            moves,
            c.IsOpen && ResponseProcedure.LevelSetters.Any(r => actor.HoldsIn(r, c.UnitId)),
            c.IsOpen && ResponseProcedure.CaseWorkers.Any(r => actor.HoldsIn(r, c.UnitId)));
    }

    /// <summary>The response case opened from a monitoring event, if the actor may see it.</summary>
    public async Task<Guid?> ForEventAsync(Actor actor, Guid eventId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.Set<ResponseCase>().AsNoTracking().Where(c => c.EventId == eventId).Select(c => new { c.Id, c.UnitId }).FirstOrDefaultAsync(ct);
        return found is not null && actor.CanSee(found.UnitId) ? found.Id : null;
    }

    /// <summary>The words a move puts on the record, when it needs them.</summary>
    internal static string? NoteLabel(CaseTrigger trigger) => trigger switch
    {
        CaseTrigger.ReportFacts => "快报内容（已掌握的事实）",
        CaseTrigger.Consult => "会商确定的措施",
        CaseTrigger.Calm => "平息的依据",
        _ => null,
    };

    private static async Task<Dictionary<Guid, List<CaseDeadlineDto>>> DeadlinesAsync(AppDbContext db, List<Guid> caseIds, CancellationToken ct)
    {
        var rows = await (
            from d in db.Set<CaseDeadline>().AsNoTracking()
            join t in db.DueTasks.AsNoTracking() on d.TaskId equals t.Id
            where caseIds.Contains(d.CaseId)
            select new { d.CaseId, d.Kind, t.Id, t.DueAt, t.State, t.CompletedAt }).ToListAsync(ct);
        return rows.GroupBy(r => r.CaseId).ToDictionary(
            g => g.Key,
            g => g.Select(r => new CaseDeadlineDto(r.Kind, Deadline.Name(r.Kind), r.Id, r.DueAt, r.State, r.CompletedAt)).ToList());
    }
}
