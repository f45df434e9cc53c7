using DutyDesk.Platform.Tasks;

namespace DutyDesk.Opinion.Domain;

/// <summary>A moment of the timeline as the figures read it: the order it was written, its kind, the step the case was in, when.</summary>
public sealed record TimelinePoint(int Seq, TimelineKind Kind, CaseStep Step, DateTime At);

/// <summary>One measured span of the review: from discovery to a moment, or null (both) when the moment never came.</summary>
public sealed record MeasuredSpan(string Name, DateTime? At, TimeSpan? Span);

/// <summary>How a deadline went, as the review reports it.</summary>
public enum DeadlineOutcome
{
    /// <summary>按时.</summary>
    Kept,

    /// <summary>超时 X: done after it was due.</summary>
    Late,

    /// <summary>未完成已逾期: still open after it was due.</summary>
    Overdue,

    /// <summary>不适用: cancelled by a lower level, a calm without public response, or the close.</summary>
    NotApplicable,

    /// <summary>未到期: still open and not yet due.</summary>
    NotDue,
}

/// <summary>A deadline's facts as stored on its DueTask.</summary>
public sealed record DeadlineFacts(DeadlineKind Kind, DateTime DueAt, DueTaskState State, DateTime? CompletedAt);

/// <summary>A deadline's outcome and the words for it (“超时 2 小时 5 分钟”).</summary>
public sealed record DeadlineResult(DeadlineKind Kind, string Name, DateTime DueAt, DateTime? CompletedAt, DeadlineOutcome Outcome, string Text);

/// <summary>
/// The figures of a post-incident review (总结评估, PRODUCT.md 4.3 step 7), read from the case's timeline and
/// deadlines rather than from the tables of statements and publications: a move's entry carries the step the case
/// moved into, so the first entry in a step is the moment the case reached it.
/// </summary>
public static class ReviewFigures
{
    public const string ToReport = "发现 → 报送快报";
    public const string ToStatement = "发现 → 通稿审定";
    public const string ToResponse = "发现 → 首次回应";
    public const string ToCalm = "发现 → 事件平息";

    /// <summary>The four measured spans, in the order the review prints them.</summary>
    public static IReadOnlyList<MeasuredSpan> Spans(DateTime discoveredAt, DateTime? calmedAt, IEnumerable<TimelinePoint> timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var ordered = timeline.OrderBy(t => t.Seq).ToList();
        return
        [
            Span(ToReport, FirstIn(CaseStep.Reported)),
            Span(ToStatement, FirstIn(CaseStep.Statement)),
            Span(ToResponse, FirstIn(CaseStep.Responded)),
            Span(ToCalm, calmedAt),
        ];

        DateTime? FirstIn(CaseStep step) => ordered.FirstOrDefault(t => t.Step == step)?.At;

        // A moment entered earlier than discovery (a backdated discovery the other way round) counts as no wait.
        MeasuredSpan Span(string name, DateTime? at)
            => new(name, at, at is { } moment ? (moment < discoveredAt ? TimeSpan.Zero : moment - discoveredAt) : null);
    }

    public static DeadlineResult Outcome(DeadlineFacts deadline, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        var name = Deadline.Name(deadline.Kind);
        var (outcome, text) = deadline.State switch
        {
            DueTaskState.Done when deadline.CompletedAt is { } done && done > deadline.DueAt => (DeadlineOutcome.Late, $"超时 {Words(done - deadline.DueAt)}"),
            DueTaskState.Done => (DeadlineOutcome.Kept, "按时"),
            DueTaskState.Open when deadline.DueAt <= now => (DeadlineOutcome.Overdue, $"未完成，已逾期 {Words(now - deadline.DueAt)}"),
            DueTaskState.Open => (DeadlineOutcome.NotDue, "未到期"),
            _ => (DeadlineOutcome.NotApplicable, "不适用"),
        };
        return new DeadlineResult(deadline.Kind, name, deadline.DueAt, deadline.CompletedAt, outcome, text);
    }

    /// <summary>A span in the words of the report: “45 分钟”, “3 小时 5 分钟”, “2 天 1 小时”.</summary>
    public static string Words(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        var minutes = (long)Math.Round(span.TotalMinutes);
        var (days, hours, rest) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
        if (days > 0)
        {
            return hours == 0 ? $"{days} 天" : $"{days} 天 {hours} 小时";
        }

        if (hours > 0)
        {
            return rest == 0 ? $"{hours} 小时" : $"{hours} 小时 {rest} 分钟";
        }

        return $"{rest} 分钟";
    }

    public static string Words(MeasuredSpan span)
    {
        ArgumentNullException.ThrowIfNull(span);
        return span.Span is { } s ? Words(s) : "未发生";
    }
}
