using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Response.Statements;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Tasks;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Response;

/// <summary>
/// What every response feature does to a case on the caller's context, so the change, its timeline line, its
/// deadlines and its audit row commit together: load it in scope, check the person's role, make a move of the
/// procedure, keep the deadlines' DueTasks in step with the level and the step.
/// </summary>
internal static class CaseWork
{
    public const string SourceModule = "opinion";
    public const string DeadlineSource = "ResponseCase";

    /// <summary>The case if the actor may see it (NotFound otherwise, so ids do not leak).</summary>
    public static async Task<Result<ResponseCase>> LoadAsync(AppDbContext db, Actor actor, Guid caseId, CancellationToken ct)
    {
        var found = await db.Set<ResponseCase>().FirstOrDefaultAsync(c => c.Id == caseId, ct);
        return found is null || !actor.CanSee(found.UnitId) ? Error.NotFound("处置事件") : found;
    }

    /// <summary>Refused (and audited) unless the actor holds one of <paramref name="roles"/> in the case's unit.</summary>
    public static async Task<Error?> CheckRoleAsync(
        AppDbContext db, TimeProvider clock, Actor actor, ResponseCase c, IReadOnlyList<Role> roles, string attempted, CancellationToken ct)
    {
        if (roles.Any(r => actor.HoldsIn(r, c.UnitId)))
        {
            return null;
        }

        await db.AuditDeniedAsync(clock, actor, attempted, "ResponseCase", c.Id.ToString(), ct);
        return Error.Forbidden($"只有本单位的{string.Join("、", roles.Select(r => r.ToChinese()))}可以{attempted}。");
    }

    public static void Timeline(AppDbContext db, ResponseCase c, TimelineKind kind, string text, Guid? byId, DateTime at)
    {
        db.Set<CaseTimelineEntry>().Add(new CaseTimelineEntry
        {
            Id = Guid.CreateVersion7(),
            CaseId = c.Id,
            Seq = ++c.TimelineCount,
            At = at,
            Kind = kind,
            Text = text.Length > CaseTimelineEntry.TextMaxLength ? text[..CaseTimelineEntry.TextMaxLength] : text,
            ById = byId,
            Step = c.Step,
        });
        c.UpdatedAt = at;
    }

    /// <summary>
    /// Makes a move of the procedure: checks the step and level allow it and the actor may make it, records it on the
    /// timeline with <paramref name="note"/>, and closes the deadlines the move fulfils.
    /// </summary>
    public static async Task<Error?> MoveAsync(
        AppDbContext db, TimeProvider clock, Actor actor, ResponseCase c, CaseTrigger trigger, string? note, CancellationToken ct)
    {
        if (await CheckRoleAsync(db, clock, actor, c, ResponseProcedure.Performers(trigger), ResponseProcedure.Name(trigger), ct) is { } refused)
        {
            return refused;
        }

        if (ResponseProcedure.Target(c.Step, c.Level, trigger) is not { } next)
        {
            var allowed = ResponseProcedure.Allowed(c.Step, c.Level);
            var hint = allowed.Count == 0 ? "此步骤之后没有可执行的操作" : "现在可以：" + string.Join("、", allowed.Select(ResponseProcedure.Name));
            return Error.Validation("trigger", $"事件处于“{ResponseProcedure.Name(c.Step)}”步骤，不能“{ResponseProcedure.Name(trigger)}”。{hint}。");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var from = c.Step;
        c.Step = next;
        var text = $"{ResponseProcedure.Name(trigger)}：{ResponseProcedure.Name(from)} → {ResponseProcedure.Name(next)}" + (string.IsNullOrWhiteSpace(note) ? "" : $"。{note.Trim()}");
        Timeline(db, c, TimelineKind.Step, text, actor.UserId, now);
        switch (trigger)
        {
            case CaseTrigger.ReportFacts:
                await FulfilAsync(db, c, [DeadlineKind.ReportToGroup], actor.UserId, now, "已报送快报", ct);
                break;
            case CaseTrigger.Respond:
                await FulfilAsync(db, c, [DeadlineKind.OfficialResponse, DeadlineKind.OuterLimit], actor.UserId, now, "已发布官方回应", ct);
                break;
            case CaseTrigger.Calm:
                c.CalmedAt = now;
                await CancelOpenAsync(db, c, [DeadlineKind.OfficialResponse, DeadlineKind.OuterLimit], now, "事件已平息，无需公开回应", ct);
                await ProgressReports.CancelAsync(db, c, "事件已平息", now, ct);
                break;
            case CaseTrigger.Close:
                c.ClosedAt = now;
                await CancelOpenAsync(db, c, Enum.GetValues<DeadlineKind>(), now, "事件已结案", ct);
                await ProgressReports.CancelAsync(db, c, "事件已结案", now, ct);
                break;
        }

        return null;
    }

    /// <summary>Marks the case's open deadlines of these kinds done now (kept or late is read from their due time).</summary>
    public static async Task FulfilAsync(AppDbContext db, ResponseCase c, IReadOnlyList<DeadlineKind> kinds, Guid by, DateTime now, string note, CancellationToken ct)
    {
        foreach (var (kind, task) in await DeadlineTasksAsync(db, c.Id, kinds, ct))
        {
            if (task.State == DueTaskState.Open)
            {
                task.Complete(now, by, note, nothingToReport: false);
                var kept = task.CompletedAt <= task.DueAt ? "按时完成" : $"超时 {Span(now - task.DueAt)} 完成";
                Timeline(db, c, TimelineKind.Deadline, $"时限“{Domain.Deadline.Name(kind)}”{kept}", by, now);
            }
        }
    }

    private static async Task CancelOpenAsync(AppDbContext db, ResponseCase c, IReadOnlyList<DeadlineKind> kinds, DateTime now, string why, CancellationToken ct)
    {
        foreach (var (kind, task) in await DeadlineTasksAsync(db, c.Id, kinds, ct))
        {
            if (task.State == DueTaskState.Open)
            {
                task.Cancel(why);
                Timeline(db, c, TimelineKind.Deadline, $"时限“{Domain.Deadline.Name(kind)}”不再适用：{why}", null, now);
            }
        }
    }

    private static async Task<List<(DeadlineKind Kind, DueTask Task)>> DeadlineTasksAsync(AppDbContext db, Guid caseId, IReadOnlyList<DeadlineKind> kinds, CancellationToken ct)
    {
        var links = await db.Set<CaseDeadline>().Where(d => d.CaseId == caseId && kinds.Contains(d.Kind)).ToListAsync(ct);
        var ids = links.Select(l => l.TaskId).ToList();
        var tasks = await db.DueTasks.Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        return links.Select(l => (l.Kind, tasks[l.TaskId])).ToList();
    }

    /// <summary>
    /// Makes the case's deadline tasks match its level and discovery time: a clock the level has is planned or moved,
    /// a clock it no longer has is cancelled; fulfilled ones stay as they are.
    /// </summary>
    public static async Task PlanDeadlinesAsync(AppDbContext db, ResponseCase c, ResponseOptions options, Guid ownerId, Guid actorId, DateTime now, CancellationToken ct)
    {
        var planned = Domain.Deadline.For(c.Level, c.DiscoveredAt, options, c.DeadlineFactor).ToDictionary(p => p.Kind);
        var existing = (await DeadlineTasksAsync(db, c.Id, Enum.GetValues<DeadlineKind>(), ct)).ToDictionary(e => e.Kind, e => e.Task);
        var escalateTo = await EscalationTargetsAsync(db, c.UnitId, c.Level, ct);
        Guid? named = escalateTo.Count > 0 ? escalateTo[0] : null;
        foreach (var kind in Enum.GetValues<DeadlineKind>())
        {
            var has = existing.TryGetValue(kind, out var task);
            var wants = planned.TryGetValue(kind, out var plan);
            if (wants && !has)
            {
                var added = db.AddDueTask(new DueTaskDraft(
                    $"【{IncidentLevel.Name(c.Level)[..3]}】{Domain.Deadline.Name(kind)}：{c.Title}",
                    $"舆情事件处置时限：自发现起 {Span(plan!.Allowed)}" + (c.SensitivePeriod is null ? "。" : $"（敏感时期“{c.SensitivePeriod}”，已缩短）。"),
                    c.UnitId, ownerId, plan.DueAt, ReminderMinutes(plan.Allowed), named,
                    EvidenceRequired: false, SourceModule, DeadlineSource, c.Id.ToString()), actorId, now);
                db.Set<CaseDeadline>().Add(new CaseDeadline { CaseId = c.Id, Kind = kind, TaskId = added.Id });
            }
            else if (wants && task!.State == DueTaskState.Open)
            {
                if (task.DueAt != plan!.DueAt)
                {
                    task.Reschedule(plan.DueAt, now);
                }

                task.EscalateToId = named;
            }
            else if (wants && task!.State == DueTaskState.Cancelled && task.CompletedAt is null)
            {
                // A clock cancelled by a lower level applies again after a raise.
                task.State = DueTaskState.Open;
                task.CompletionNote = null;
                task.Reschedule(plan!.DueAt, now);
            }
            else if (!wants && has && task!.State == DueTaskState.Open)
            {
                task.Cancel($"{IncidentLevel.Name(c.Level)}事件不设此时限");
            }
        }

        await ProgressReports.ReplanAsync(db, c, options, actorId, now, ct);
    }

    /// <summary>
    /// The people a breach of a level's deadline goes to (PRODUCT.md 4.3): the escalation role's holders in the unit,
    /// else in its nearest superior holding it; for Ⅰ also the superior unit's leading group office.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> EscalationTargetsAsync(AppDbContext db, Guid unitId, IncidentLevelCode level, CancellationToken ct)
    {
        var rule = Domain.Deadline.Escalation(level);
        var chain = await OpinionAccess.UnitChainAsync(db, unitId, ct);
        var assignments = await db.RoleAssignments.Where(r => chain.Contains(r.UnitId)).Select(r => new { r.UnitId, r.UserId, r.Role }).ToListAsync(ct);
        var targets = new List<Guid>();
        foreach (var role in rule.InUnit)
        {
            var holders = chain.Select(u => assignments.Where(a => a.UnitId == u && a.Role == role).Select(a => a.UserId).ToList()).FirstOrDefault(h => h.Count > 0);
            targets.AddRange(holders ?? []);
        }

        if (rule.SuperiorUnit && chain.Count > 1)
        {
            targets.AddRange(assignments.Where(a => a.UnitId == chain[1] && a.Role == Role.LeadingGroupOffice).Select(a => a.UserId));
        }

        return targets.Distinct().ToList();
    }


    /// <summary>Reminders at half time and ten minutes before, where they fit.</summary>
    private static int[] ReminderMinutes(TimeSpan allowed)
    {
        var total = (int)allowed.TotalMinutes;
        return new[] { total / 2, 10 }.Where(m => m > 0 && m < total).Distinct().OrderDescending().ToArray();
    }

    public static string Span(TimeSpan span)
    {
        if (span.TotalMinutes < 60)
        {
            return $"{Math.Max(0, (int)Math.Round(span.TotalMinutes))} 分钟";
        }

        var minutes = span.Minutes;
        return minutes == 0 ? $"{(int)span.TotalHours} 小时" : $"{(int)span.TotalHours} 小时 {minutes} 分钟";
    }
}
