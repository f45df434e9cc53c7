using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Tasks;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Response.Review;

/// <summary>A line of the assembled timeline: when, in which step, what, who (null: the system).</summary>
public sealed record ReviewTimelineRow(DateTime At, CaseStep Step, string StepName, string Text, string? By);

public sealed record EvaluationDto(Guid? UnitId, Guid? UserId, string Subject, string Text, EvaluationRating Rating, string RatingName, bool Commended);

public sealed record ImprovementDto(Guid Id, Guid TaskId, string Text, Guid OwnerId, string Owner, DateTime DueAt, DueTaskState TaskState, Guid TaskVersion);

/// <summary>
/// Everything the review shows and exports: the case, the measured spans, each deadline's outcome, the timeline, and
/// the review as written (empty and Draft before the first save), with what the person looking may do.
/// </summary>
public sealed record CaseReviewDto(
    Guid CaseId, Guid UnitId, string UnitName, string Title, string? CaseSummary, IncidentLevelCode Level, CaseStep Step, string StepName,
    string OriginName, DateTime DiscoveredAt, DateTime? CalmedAt,
    IReadOnlyList<MeasuredSpan> Spans, IReadOnlyList<DeadlineResult> Deadlines, IReadOnlyList<ReviewTimelineRow> Timeline,
    bool Exists, ReviewState State, string? WhatWorked, string? Problems, string? Commendations, string? Summary, string? NoImprovementReason,
    string? FinalisedBy, DateTime? FinalisedAt, Guid? Version,
    IReadOnlyList<EvaluationDto> Evaluations, IReadOnlyList<ImprovementDto> Improvements,
    IReadOnlyList<ReviewSubject> Units, IReadOnlyList<ReviewSubject> People,
    bool CanWrite, bool CanFinalise, string? Hint);

internal sealed class ReviewQueries(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Result<CaseReviewDto>> GetAsync(Actor actor, Guid caseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Set<ResponseCase>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null || !actor.CanSee(c.UnitId))
        {
            return Error.NotFound("处置事件");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var timeline = await db.Set<CaseTimelineEntry>().AsNoTracking().Where(t => t.CaseId == c.Id).OrderBy(t => t.Seq).ToListAsync(ct);
        var deadlines = await (
            from d in db.Set<CaseDeadline>().AsNoTracking()
            join t in db.DueTasks.AsNoTracking() on d.TaskId equals t.Id
            where d.CaseId == c.Id
            select new DeadlineFacts(d.Kind, t.DueAt, t.State, t.CompletedAt)).ToListAsync(ct);
        var review = await db.Set<CaseReview>().AsNoTracking().FirstOrDefaultAsync(r => r.CaseId == c.Id, ct);
        var evaluations = review is null ? [] : await db.Set<CaseEvaluation>().AsNoTracking().Where(e => e.ReviewId == review.Id).OrderBy(e => e.Order).ToListAsync(ct);
        var improvements = await (
            from i in db.Set<CaseImprovement>().AsNoTracking()
            join t in db.DueTasks.AsNoTracking() on i.TaskId equals t.Id
            where i.CaseId == c.Id
            orderby i.CreatedAt
            select new { i.Id, i.TaskId, i.Text, i.OwnerId, i.DueAt, t.State, t.Version }).ToListAsync(ct);
        var units = await CaseReviews.UnitsAsync(db, c.UnitId, ct);
        var people = await CaseReviews.PeopleAsync(db, units, ct);
        var named = timeline.Select(t => t.ById).Concat(evaluations.Select(e => e.UserId)).OfType<Guid>()
            .Concat(improvements.Select(i => i.OwnerId)).Append(review?.FinalisedById ?? Guid.Empty).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(p => named.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);
        var unitNames = await db.Units.AsNoTracking().Where(u => u.Id == c.UnitId || evaluations.Select(e => e.UnitId).Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Name, ct);

        var writer = ReviewAudit.Writers.Any(r => actor.HoldsIn(r, c.UnitId));
        var finaliser = ReviewAudit.Finalisers.Any(r => actor.HoldsIn(r, c.UnitId));
        var open = ReviewAudit.Writable(c.Step) && review is not { IsFinal: true };
        var hint = review is { IsFinal: true } ? "总结评估已定稿，不能再修改。"
            : !ReviewAudit.Writable(c.Step) ? "事件平息（进入“善后”）后才能撰写总结评估。"
            : !writer ? $"只有本单位的{string.Join("、", ReviewAudit.Writers.Select(r => DutyDesk.Platform.Identity.Roles.ToChinese(r)))}可以撰写总结评估；您可以查看。"
            : null;

        return new CaseReviewDto(
            c.Id, c.UnitId, unitNames.GetValueOrDefault(c.UnitId, "?"), c.Title, c.Summary, c.Level, c.Step, ResponseProcedure.Name(c.Step),
            ResponseProcedure.Name(c.Origin) + (c.SourceNote is null ? "" : $"（{c.SourceNote}）"), c.DiscoveredAt, c.CalmedAt,
            ReviewFigures.Spans(c.DiscoveredAt, c.CalmedAt, timeline.Select(t => new TimelinePoint(t.Seq, t.Kind, t.Step, t.At))),
            [.. deadlines.OrderBy(d => d.DueAt).Select(d => ReviewFigures.Outcome(d, now))],
            [.. timeline.Select(t => new ReviewTimelineRow(t.At, t.Step, ResponseProcedure.Name(t.Step), t.Text, t.ById is { } by ? names.GetValueOrDefault(by, "?") : null))],
            review is not null, review?.State ?? ReviewState.Draft, review?.WhatWorked, review?.Problems, review?.Commendations, review?.Summary,
            review?.NoImprovementReason, review?.FinalisedById is { } f ? names.GetValueOrDefault(f, "?") : null, review?.FinalisedAt, review?.Version,
            [.. evaluations.Select(e => new EvaluationDto(
                e.UnitId, e.UserId,
                e.UnitId is { } u ? unitNames.GetValueOrDefault(u, "?") : names.GetValueOrDefault(e.UserId!.Value, "?"),
                e.Text, e.Rating, ReviewAudit.Name(e.Rating), e.Commended))],
            [.. improvements.Select(i => new ImprovementDto(i.Id, i.TaskId, i.Text, i.OwnerId, names.GetValueOrDefault(i.OwnerId, "?"), i.DueAt, i.State, i.Version))],
            units, people,
            open && writer, open && finaliser, hint);
    }
}
