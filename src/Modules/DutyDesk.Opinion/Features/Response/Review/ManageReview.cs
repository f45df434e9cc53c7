using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using DutyDesk.Platform.Tasks;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Response.Review;

/// <summary>One evaluation as written: a unit or a person (exactly one), the words, the rating, commended or not.</summary>
public sealed record EvaluationInput(Guid? UnitId, Guid? UserId, string? Text, EvaluationRating? Rating, bool Commended);

/// <summary>The review's text as the form sends it; <c>Version</c> is the review's version last read (null before the first save).</summary>
public sealed record ReviewInput(
    string? WhatWorked, string? Problems, string? Commendations, string? Summary, string? NoImprovementReason,
    IReadOnlyList<EvaluationInput>? Evaluations, Guid? Version);

/// <summary>
/// An improvement: what is to change, who answers for it and by when (a DueTask is set for it). Changing one sends
/// <c>Version</c>, the version of its task last read.
/// </summary>
public sealed record ImprovementInput(string? Text, Guid? OwnerId, DateTime? DueAt, Guid? Version = null);

/// <summary>
/// Writing the post-incident review (总结评估): saving the draft with its evaluations, adding improvements (each a
/// DueTask of its owner), finalising. Only while the case is in after-care or review; a finalised review is never
/// changed again. Every write puts a line on the case's timeline and an audit row.
/// </summary>
internal sealed class ManageReview(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, DisplayClock display)
{
    public const int MaxEvaluations = 50;

    /// <summary>The longest an improvement may be given.</summary>
    public static readonly TimeSpan LongestImprovement = TimeSpan.FromDays(366);

    public async Task<Result<Guid>> SaveAsync(Actor actor, Guid caseId, ReviewInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var opened = await OpenAsync(db, actor, caseId, ReviewAudit.Writers, "填写总结评估", ct);
        if (opened.Error is { } refused)
        {
            return refused;
        }

        var (c, review) = opened.Value;
        var evaluations = input.Evaluations ?? [];
        var invalid = Check.First(
            Check.Optional("whatWorked", "主要做法与经验", input.WhatWorked, CaseReview.TextMaxLength),
            Check.Optional("problems", "存在的问题", input.Problems, CaseReview.TextMaxLength),
            Check.Optional("commendations", "表扬", input.Commendations, CaseReview.TextMaxLength),
            Check.Optional("summary", "总体评价", input.Summary, CaseReview.TextMaxLength),
            Check.Optional("noImprovementReason", "无需改进的理由", input.NoImprovementReason, CaseReview.ReasonMaxLength),
            evaluations.Count > MaxEvaluations ? Error.Validation("evaluations", $"“评价”最多 {MaxEvaluations} 条（现有 {evaluations.Count} 条）。") : null,
            await CheckEvaluationsAsync(db, c, evaluations, ct));
        if (invalid is not null)
        {
            return invalid;
        }

        if (review is not null && review.Version != input.Version)
        {
            return Error.StaleEdit("总结评估");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var first = review is null;
        if (review is null)
        {
            review = new CaseReview { Id = Guid.CreateVersion7(), CaseId = c.Id, UnitId = c.UnitId, CreatedAt = now, CreatedById = actor.UserId };
            db.Set<CaseReview>().Add(review);
        }
        else
        {
            db.Set<CaseEvaluation>().RemoveRange(await db.Set<CaseEvaluation>().Where(e => e.ReviewId == review.Id).ToListAsync(ct));
        }

        review.WhatWorked = Clean(input.WhatWorked);
        review.Problems = Clean(input.Problems);
        review.Commendations = Clean(input.Commendations);
        review.Summary = Clean(input.Summary);
        review.NoImprovementReason = Clean(input.NoImprovementReason);
        review.UpdatedAt = now;
        review.UpdatedById = actor.UserId;
        var order = 0;
        foreach (var e in evaluations)
        {
            db.Set<CaseEvaluation>().Add(new CaseEvaluation
            {
                Id = Guid.CreateVersion7(),
                ReviewId = review.Id,
                Order = ++order,
                UnitId = e.UnitId,
                UserId = e.UnitId is null ? e.UserId : null,
                Text = e.Text!.Trim(),
                Rating = e.Rating!.Value,
                Commended = e.Commended,
            });
        }

        CaseWork.Timeline(db, c, TimelineKind.Note, first ? "开始撰写总结评估" : "修改总结评估草稿", actor.UserId, now);
        db.Audit(clock, actor, ReviewAudit.Save, "CaseReview", review.Id.ToString(), c.UnitId, detail: $"{c.Title}：评价 {evaluations.Count} 条");
        return await SaveChangesAsync(db, review.Id, ct);
    }

    /// <summary>Adds an improvement and the DueTask that carries it to its owner; the review is started if need be.</summary>
    public async Task<Result<Guid>> AddImprovementAsync(Actor actor, Guid caseId, ImprovementInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var opened = await OpenAsync(db, actor, caseId, ReviewAudit.Writers, "布置改进措施", ct);
        if (opened.Error is { } refused)
        {
            return refused;
        }

        var (c, review) = opened.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var due = DbTime.AsUtc(input.DueAt);
        var people = await CaseReviews.PeopleAsync(db, await CaseReviews.UnitsAsync(db, c.UnitId, ct), ct);
        if (CheckImprovement(input, due, people, now) is { } invalid)
        {
            return invalid;
        }

        if (review is null)
        {
            review = new CaseReview { Id = Guid.CreateVersion7(), CaseId = c.Id, UnitId = c.UnitId, CreatedAt = now, CreatedById = actor.UserId, UpdatedAt = now, UpdatedById = actor.UserId };
            db.Set<CaseReview>().Add(review);
        }

        var text = input.Text!.Trim();
        var dueAt = DbTime.AsStored(due!.Value);
        var task = db.AddDueTask(new DueTaskDraft(
            ImprovementTitle(text),
            $"舆情事件“{c.Title}”总结评估确定的改进措施。",
            c.UnitId, input.OwnerId!.Value, dueAt, ReminderDays(dueAt - now), EscalateToId: null,
            EvidenceRequired: false, CaseWork.SourceModule, "CaseImprovement", c.Id.ToString()), actor.UserId, now);
        var improvement = new CaseImprovement
        {
            Id = Guid.CreateVersion7(), CaseId = c.Id, ReviewId = review.Id, TaskId = task.Id, OwnerId = task.OwnerId, DueAt = dueAt,
            Text = text, CreatedAt = now, CreatedById = actor.UserId,
        };
        db.Set<CaseImprovement>().Add(improvement);
        var what = Describe(improvement, people);
        CaseWork.Timeline(db, c, TimelineKind.Note, $"改进措施：{what}", actor.UserId, now);
        db.Audit(clock, actor, ReviewAudit.Improve, "CaseReview", review.Id.ToString(), c.UnitId, detail: what);
        return await SaveChangesAsync(db, improvement.Id, ct);
    }

    /// <summary>
    /// Changes an improvement while the review is a draft and its task is open: the words, the owner and the due time
    /// go to the task too (its reminders are planned afresh), so the owner's 待办 always says what the review says.
    /// </summary>
    public async Task<Result<Guid>> ChangeImprovementAsync(Actor actor, Guid caseId, Guid improvementId, ImprovementInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var opened = await OpenImprovementAsync(db, actor, caseId, improvementId, input.Version, "修改改进措施", ct);
        if (opened.Error is { } refused)
        {
            return refused;
        }

        var (c, review, improvement, task) = opened.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var due = DbTime.AsUtc(input.DueAt);
        var people = await CaseReviews.PeopleAsync(db, await CaseReviews.UnitsAsync(db, c.UnitId, ct), ct);
        if (CheckImprovement(input, due, people, now) is { } invalid)
        {
            return invalid;
        }

        var before = Describe(improvement, people);
        var text = input.Text!.Trim();
        var dueAt = DbTime.AsStored(due!.Value);
        (improvement.Text, improvement.OwnerId, improvement.DueAt) = (text, input.OwnerId!.Value, dueAt);
        (task.Title, task.OwnerId, task.ReminderOffsets) = (ImprovementTitle(text), improvement.OwnerId, ReminderSchedule.Format(ReminderDays(dueAt - now)));
        task.Reschedule(dueAt, now);
        var after = Describe(improvement, people);
        CaseWork.Timeline(db, c, TimelineKind.Note, $"修改改进措施：{before} → {after}", actor.UserId, now);
        db.Audit(clock, actor, ReviewAudit.ChangeImprovement, "CaseReview", review.Id.ToString(), c.UnitId, detail: $"{before} → {after}");
        return await SaveChangesAsync(db, improvement.Id, ct);
    }

    /// <summary>
    /// Withdraws an improvement set by mistake while the review is a draft and its task is open: the task is cancelled
    /// with the reason and the improvement leaves the review; the timeline and the audit keep what it was.
    /// </summary>
    public async Task<Result<Guid>> WithdrawImprovementAsync(Actor actor, Guid caseId, Guid improvementId, Guid version, string? reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var opened = await OpenImprovementAsync(db, actor, caseId, improvementId, version, "撤销改进措施", ct);
        if (opened.Error is { } refused)
        {
            return refused;
        }

        if (Check.Required("reason", "撤销理由", reason, CaseImprovement.TextMaxLength) is { } invalid)
        {
            return invalid;
        }

        var (c, review, improvement, task) = opened.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var people = await CaseReviews.PeopleAsync(db, await CaseReviews.UnitsAsync(db, c.UnitId, ct), ct);
        var what = Describe(improvement, people);
        var why = reason!.Trim();
        task.Cancel($"总结评估撤销该改进措施：{why}");
        db.Set<CaseImprovement>().Remove(improvement);
        CaseWork.Timeline(db, c, TimelineKind.Note, $"撤销改进措施：{what}；理由：{why}", actor.UserId, now);
        db.Audit(clock, actor, ReviewAudit.WithdrawImprovement, "CaseReview", review.Id.ToString(), c.UnitId, detail: $"{what}；理由：{why}");
        return await SaveChangesAsync(db, improvement.Id, ct);
    }

    /// <summary>Finalises the review as saved: what worked, the problems, and an improvement or the reason none is needed.</summary>
    public async Task<Result<Guid>> FinaliseAsync(Actor actor, Guid caseId, Guid version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var opened = await OpenAsync(db, actor, caseId, ReviewAudit.Finalisers, "总结评估定稿", ct);
        if (opened.Error is { } refused)
        {
            return refused;
        }

        var (c, review) = opened.Value;
        if (review is null)
        {
            return Error.Validation("whatWorked", "请先填写并保存总结评估，再定稿。");
        }

        var improvements = await db.Set<CaseImprovement>().CountAsync(i => i.ReviewId == review.Id, ct);
        var invalid = Check.First(
            string.IsNullOrWhiteSpace(review.WhatWorked) ? Error.Validation("whatWorked", "定稿前须填写“主要做法与经验”。") : null,
            string.IsNullOrWhiteSpace(review.Problems) ? Error.Validation("problems", "定稿前须填写“存在的问题”。") : null,
            improvements == 0 && string.IsNullOrWhiteSpace(review.NoImprovementReason)
                ? Error.Validation("improvements", "定稿前须至少布置一项“改进措施”，或写明“无需改进的理由”。") : null);
        if (invalid is not null)
        {
            return invalid;
        }

        if (review.Version != version)
        {
            return Error.StaleEdit("总结评估");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        review.State = ReviewState.Finalised;
        review.FinalisedAt = now;
        review.FinalisedById = actor.UserId;
        review.UpdatedAt = now;
        review.UpdatedById = actor.UserId;
        CaseWork.Timeline(db, c, TimelineKind.Note, $"总结评估定稿（改进措施 {improvements} 项）", actor.UserId, now);
        db.Audit(clock, actor, ReviewAudit.Finalise, "CaseReview", review.Id.ToString(), c.UnitId, detail: $"{c.Title}：改进措施 {improvements} 项");
        return await SaveChangesAsync(db, review.Id, ct);
    }

    /// <summary>The case and its review, if the actor may write it now.</summary>
    private async Task<Result<(ResponseCase Case, CaseReview? Review)>> OpenAsync(
        AppDbContext db, Actor actor, Guid caseId, IReadOnlyList<DutyDesk.Platform.Identity.Role> roles, string attempted, CancellationToken ct)
    {
        var loaded = await CaseWork.LoadAsync(db, actor, caseId, ct);
        if (loaded.Error is { } missing)
        {
            return missing;
        }

        var c = loaded.Value;
        if (await CaseWork.CheckRoleAsync(db, clock, actor, c, roles, attempted, ct) is { } refused)
        {
            return refused;
        }

        var review = await db.Set<CaseReview>().FirstOrDefaultAsync(r => r.CaseId == c.Id, ct);
        if (review is { IsFinal: true })
        {
            return Error.Validation("review", "总结评估已定稿，不能再修改。");
        }

        if (!ReviewAudit.Writable(c.Step))
        {
            return Error.Validation("review", $"事件处于“{ResponseProcedure.Name(c.Step)}”步骤；事件平息（进入“善后”）后才能撰写总结评估。");
        }

        return (c, review);
    }

    /// <summary>
    /// An improvement of the case, and its task, if the review may be written now and the task is still open. The
    /// task's version guards the change: the review's own text, which somebody may be typing, is not touched.
    /// </summary>
    private async Task<Result<(ResponseCase Case, CaseReview Review, CaseImprovement Improvement, DueTask Task)>> OpenImprovementAsync(
        AppDbContext db, Actor actor, Guid caseId, Guid improvementId, Guid? version, string attempted, CancellationToken ct)
    {
        var opened = await OpenAsync(db, actor, caseId, ReviewAudit.Writers, attempted, ct);
        if (opened.Error is { } refused)
        {
            return refused;
        }

        var (c, review) = opened.Value;
        var improvement = await db.Set<CaseImprovement>().FirstOrDefaultAsync(i => i.Id == improvementId && i.CaseId == c.Id, ct);
        if (improvement is null || review is null)
        {
            return Error.NotFound("改进措施");
        }

        var task = await db.DueTasks.FirstAsync(t => t.Id == improvement.TaskId, ct);
        if (task.State != DueTaskState.Open)
        {
            return Error.Validation("improvement", $"改进措施“{improvement.Text}”的待办{task.State.ToChinese()}，不能再修改或撤销。");
        }

        return task.Version != version ? Error.StaleEdit("改进措施") : (c, review, improvement, task);
    }

    private static Error? CheckImprovement(ImprovementInput input, DateTime? due, IReadOnlyList<ReviewSubject> people, DateTime now) => Check.First(
        Check.Required("text", "改进措施", input.Text, CaseImprovement.TextMaxLength),
        input.OwnerId is null ? Error.Validation("ownerId", "请选择改进措施的“责任人”。") : null,
        input.OwnerId is { } owner && people.All(p => p.Id != owner) ? Error.Validation("ownerId", "“责任人”须是本单位或下级单位的在岗人员。") : null,
        CheckDue(due, now));

    private string Describe(CaseImprovement improvement, IReadOnlyList<ReviewSubject> people)
        => $"{improvement.Text}（责任人 {people.FirstOrDefault(p => p.Id == improvement.OwnerId)?.Name ?? "?"}，{display.Format(improvement.DueAt)} 前完成）";

    private static string ImprovementTitle(string text) => $"【改进措施】{text}";

    /// <summary>Each evaluation names exactly one unit of the case's subtree or one person with a role there, and says something.</summary>
    private static async Task<Error?> CheckEvaluationsAsync(AppDbContext db, ResponseCase c, IReadOnlyList<EvaluationInput> evaluations, CancellationToken ct)
    {
        if (evaluations.Count == 0)
        {
            return null;
        }

        var units = await CaseReviews.UnitsAsync(db, c.UnitId, ct);
        var people = await CaseReviews.PeopleAsync(db, units, ct);
        for (var i = 0; i < evaluations.Count; i++)
        {
            var e = evaluations[i];
            var row = $"第 {i + 1} 条评价";
            if (e is null || (e.UnitId is null) == (e.UserId is null))
            {
                return Error.Validation("evaluations", $"{row}须选择一个“评价对象”（部门或人员）。");
            }

            if (e.UnitId is { } unit && units.All(u => u.Id != unit))
            {
                return Error.Validation("evaluations", $"{row}的“评价对象”须是本单位或下级单位。");
            }

            if (e.UserId is { } user && people.All(p => p.Id != user))
            {
                return Error.Validation("evaluations", $"{row}的“评价对象”须是本单位或下级单位的在岗人员。");
            }

            if (Check.Required("evaluations", $"{row}的评价内容", e.Text, CaseEvaluation.TextMaxLength) is { } text)
            {
                return text;
            }

            if (e.Rating is not { } rating || !Enum.IsDefined(rating))
            {
                return Error.Validation("evaluations", $"{row}须选择“评价等次”（优秀、良好、一般、较差）。");
            }
        }

        return null;
    }

    private static Error? CheckDue(DateTime? due, DateTime now)
    {
        if (due is not { } at)
        {
            return Error.Validation("dueAt", "请填写改进措施的“完成期限”。");
        }

        if (at.Kind != DateTimeKind.Utc)
        {
            return Error.Validation("dueAt", "“完成期限”须注明时区（如 2026-12-31T17:00:00+08:00）。");
        }

        if (at <= now)
        {
            return Error.Validation("dueAt", "“完成期限”须晚于现在。");
        }

        return at > now + LongestImprovement ? Error.Validation("dueAt", "“完成期限”不能超过一年。") : null;
    }

    /// <summary>Reminders a week and a day before (in minutes), where they fit.</summary>
    private static int[] ReminderDays(TimeSpan allowed)
        => new[] { 7 * 1440, 1440 }.Where(m => m < allowed.TotalMinutes).ToArray();

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static async Task<Result<Guid>> SaveChangesAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return id;
        }
        catch (DbUpdateException)
        {
            // Someone else saved the case or the review (or started the review) at the same time.
            return Error.StaleEdit("总结评估");
        }
    }
}
