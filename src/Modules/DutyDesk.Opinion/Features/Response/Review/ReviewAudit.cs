using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Identity;

namespace DutyDesk.Opinion.Features.Response.Review;

/// <summary>The review's audit actions (registered by AddReview) and who may do what with a review.</summary>
internal static class ReviewAudit
{
    public const string Save = "opinion.review.save";
    public const string Improve = "opinion.review.improve";
    public const string ChangeImprovement = "opinion.review.improve.change";
    public const string WithdrawImprovement = "opinion.review.improve.withdraw";
    public const string Finalise = "opinion.review.finalise";
    public const string Export = "opinion.review.export";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Save] = "保存舆情事件总结评估",
        [Improve] = "布置总结评估改进措施",
        [ChangeImprovement] = "修改总结评估改进措施",
        [WithdrawImprovement] = "撤销总结评估改进措施",
        [Finalise] = "总结评估定稿",
        [Export] = "导出总结评估 Word 文档",
    };

    /// <summary>The leading group and its office write the review (PRODUCT.md 4.3 step 7).</summary>
    public static readonly IReadOnlyList<Role> Writers = [Role.FirstResponsible, Role.LeaderInCharge, Role.LeadingGroupOffice];

    /// <summary>Only the leading group itself finalises it.</summary>
    public static readonly IReadOnlyList<Role> Finalisers = [Role.FirstResponsible, Role.LeaderInCharge];

    /// <summary>The steps in which the review may be written.</summary>
    public static bool Writable(CaseStep step) => step is CaseStep.AfterCare or CaseStep.Review;

    public static string Name(EvaluationRating rating) => rating switch
    {
        EvaluationRating.Excellent => "优秀",
        EvaluationRating.Good => "良好",
        EvaluationRating.Fair => "一般",
        _ => "较差",
    };

    public static string Name(ReviewState state) => state == ReviewState.Finalised ? "已定稿" : "草稿";
}
