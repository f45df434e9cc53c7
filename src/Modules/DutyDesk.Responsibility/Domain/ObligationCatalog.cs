namespace DutyDesk.Responsibility.Domain;

/// <summary>A recurring obligation as the product defines it by default (PRODUCT.md 1.3); a unit may change its figures.</summary>
public sealed record ObligationTemplate(string Code, string Title, Recurrence Recurrence, bool PerLeadershipMember, string Evidence);

/// <summary>The default obligations of the ideology-work responsibility system.</summary>
public static class ObligationCatalog
{
    public static readonly IReadOnlyList<ObligationTemplate> Defaults =
    [
        new("special-meeting", "专题研究意识形态工作", new Recurrence(Frequency.Yearly, TimesPerPeriod: 2), false, "会议纪要"),
        new("report-up", "向上级专题汇报", new Recurrence(Frequency.Quarterly, DueAfterDays: 10), false, "汇报材料"),
        new("risk-screening", "风险排查并形成排查报告", new Recurrence(Frequency.Monthly), false, "排查报告"),
        new("inspection", "督查并通报", new Recurrence(Frequency.HalfYearly), false, "督查通报"),
        new("policy-lecture", "形势政策报告", new Recurrence(Frequency.Yearly), true, "报告讲稿与照片"),
        new("group-study", "理论学习", new Recurrence(Frequency.Weekly, Weekday: DayOfWeek.Tuesday, DueAfterDays: 3), false, "学习记录"),
        new("team-training", "舆情队伍培训", new Recurrence(Frequency.HalfYearly), false, "培训签到表与课件"),
    ];
}
