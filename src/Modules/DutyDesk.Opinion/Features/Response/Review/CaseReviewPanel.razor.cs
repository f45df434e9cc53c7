using AntDesign;
using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Opinion.Features.Response.Review;

public sealed partial class CaseReviewPanel
{
    private static readonly string[] FormFields = ["whatWorked", "problems", "summary", "commendations", "evaluations", "text", "ownerId", "dueAt", "noImprovementReason", "improvements", "reason", "improvement"];

    private CaseReviewDto? review;
    private ReviewForm form = new();
    private ImprovementForm improvement = new();
    private string? failed;
    private string? done;
    private Error? error;
    private bool busy;
    private (Guid Id, Guid Version)? shown;

    /// <summary>The case as the page read it; a new version (a move, a save) reloads the review.</summary>
    [Parameter, EditorRequired]
    public CaseDetailDto Case { get; set; } = default!;

    [Parameter, EditorRequired]
    public Actor Actor { get; set; } = default!;

    /// <summary>Called after every save, so the page reads the case (its version and timeline) again.</summary>
    [Parameter]
    public EventCallback OnChanged { get; set; }

    [Inject]
    private ReviewQueries Queries { get; set; } = default!;

    [Inject]
    private ManageReview Reviews { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    private Error? GeneralError => error is { Field: { } named } && FormFields.Contains(named) ? null : error;

    protected override async Task OnParametersSetAsync()
    {
        if (shown != (Case.Id, Case.Version))
        {
            shown = (Case.Id, Case.Version);
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        var read = await Queries.GetAsync(Actor, Case.Id);
        if (!read.IsSuccess)
        {
            failed = read.Error!.Message;
            return;
        }

        failed = null;
        var first = review is null;
        review = read.Value;
        // A move or a new timeline line changes the case, not the review: what is typed but not yet saved stays.
        if (first || review.Version != form.Version)
        {
            form = ReviewForm.From(review);
        }
    }

    private async Task SaveAsync()
    {
        if (review is null || busy)
        {
            return;
        }

        busy = true;
        try
        {
            var saved = await Reviews.SaveAsync(Actor, Case.Id, form.ToInput(review.Version));
            await AfterAsync(saved.Error, "总结评估已保存。");
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>Saves what is on screen first, so what is finalised is what the person sees.</summary>
    private async Task FinaliseAsync()
    {
        if (review is null || busy)
        {
            return;
        }

        busy = true;
        try
        {
            var saved = await Reviews.SaveAsync(Actor, Case.Id, form.ToInput(review.Version));
            if (saved.Error is { } notSaved)
            {
                await AfterAsync(notSaved, null);
                return;
            }

            var read = await Queries.GetAsync(Actor, Case.Id);
            var finalised = read.IsSuccess && read.Value.Version is { } version
                ? await Reviews.FinaliseAsync(Actor, Case.Id, version)
                : read.Error ?? Error.NotFound("总结评估");
            await AfterAsync(finalised.Error, "总结评估已定稿；现在可以结案。");
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>Puts an improvement in the form below the table, to change it or withdraw it.</summary>
    private void Edit(ImprovementDto row)
    {
        (error, done) = (null, null);
        improvement = new ImprovementForm { Editing = row, Text = row.Text, OwnerId = row.OwnerId, DueLocal = Display.ToLocal(row.DueAt) };
    }

    private Task AddImprovementAsync() => ImprovementAsync(
        due => Reviews.AddImprovementAsync(Actor, Case.Id, new ImprovementInput(improvement.Text, improvement.OwnerId, due)),
        "改进措施已布置，责任人将收到待办。");

    private Task ChangeImprovementAsync() => improvement.Editing is not { } editing ? Task.CompletedTask : ImprovementAsync(
        due => Reviews.ChangeImprovementAsync(Actor, Case.Id, editing.Id, new ImprovementInput(improvement.Text, improvement.OwnerId, due, editing.TaskVersion)),
        "改进措施已修改，责任人的待办已同步更新。");

    private Task WithdrawImprovementAsync() => improvement.Editing is not { } editing ? Task.CompletedTask : ImprovementAsync(
        _ => Reviews.WithdrawImprovementAsync(Actor, Case.Id, editing.Id, editing.TaskVersion, improvement.WithdrawReason),
        "改进措施已撤销，待办已取消。");

    /// <summary>Adds, changes or withdraws an improvement; on success the form is emptied, the review's unsaved text kept.</summary>
    private async Task ImprovementAsync(Func<DateTime?, Task<Result<Guid>>> act, string success)
    {
        if (review is null || busy)
        {
            return;
        }

        busy = true;
        try
        {
            var result = await act(improvement.DueLocal is { } local ? Display.ToUtc(local) : null);
            if (result.IsSuccess)
            {
                improvement = new ImprovementForm();
            }

            await AfterAsync(result.Error, success, keepForm: true);
        }
        finally
        {
            busy = false;
        }
    }

    private async Task AfterAsync(Error? failure, string? success, bool keepForm = false)
    {
        error = failure;
        done = failure is null ? success : null;
        if (failure is not null)
        {
            return;
        }

        var typed = form;
        await LoadAsync();
        if (keepForm)
        {
            // Adding an improvement must not throw away text typed but not yet saved.
            form = typed;
            form.Version = review?.Version;
        }

        await OnChanged.InvokeAsync();
    }

    private static TagColor OutcomeColor(DeadlineOutcome outcome) => outcome switch
    {
        DeadlineOutcome.Kept => TagColor.Green,
        DeadlineOutcome.Late or DeadlineOutcome.Overdue => TagColor.Red,
        DeadlineOutcome.NotDue => TagColor.Blue,
        _ => TagColor.Default,
    };

    private sealed class EvaluationRow
    {
        /// <summary>“u:{unit id}” or “p:{user id}”.</summary>
        public string Subject { get; set; } = string.Empty;

        public string? Text { get; set; }

        public EvaluationRating? Rating { get; set; }

        public bool Commended { get; set; }
    }

    private sealed class ImprovementForm
    {
        /// <summary>The improvement being changed or withdrawn; null while adding one.</summary>
        public ImprovementDto? Editing { get; set; }

        public string? WithdrawReason { get; set; }

        public string? Text { get; set; }

        public Guid? OwnerId { get; set; }

        public DateTime? DueLocal { get; set; }
    }

    private sealed class ReviewForm
    {
        public string? WhatWorked { get; set; }

        public string? Problems { get; set; }

        public string? Summary { get; set; }

        public string? Commendations { get; set; }

        public string? NoImprovementReason { get; set; }

        public List<EvaluationRow> Evaluations { get; set; } = [];

        public Guid? Version { get; set; }

        public static ReviewForm From(CaseReviewDto r) => new()
        {
            WhatWorked = r.WhatWorked,
            Problems = r.Problems,
            Summary = r.Summary,
            Commendations = r.Commendations,
            NoImprovementReason = r.NoImprovementReason,
            Version = r.Version,
            Evaluations = [.. r.Evaluations.Select(e => new EvaluationRow
            {
                Subject = e.UnitId is { } u ? $"u:{u}" : $"p:{e.UserId}",
                Text = e.Text,
                Rating = e.Rating,
                Commended = e.Commended,
            })],
        };

        public ReviewInput ToInput(Guid? version) => new(
            WhatWorked, Problems, Commendations, Summary, NoImprovementReason,
            [.. Evaluations.Select(e => new EvaluationInput(Id(e.Subject, "u:"), Id(e.Subject, "p:"), e.Text, e.Rating, e.Commended))],
            version);

        private static Guid? Id(string subject, string prefix)
            => subject.StartsWith(prefix, StringComparison.Ordinal) && Guid.TryParse(subject[prefix.Length..], out var id) ? id : null;
    }
}
