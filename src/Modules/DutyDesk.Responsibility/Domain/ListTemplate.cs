namespace DutyDesk.Responsibility.Domain;

public enum DeadlineRuleKind
{
    /// <summary>A day of a month: "6月30日前".</summary>
    OnDay,

    /// <summary>The last day of a month: "2月底前" (28 or 29 February).</summary>
    EndOfMonth,

    /// <summary>A day of every month: "每月25日前"; the row closes with December's.</summary>
    Monthly,

    /// <summary>The end of every quarter; the row closes with the fourth quarter's.</summary>
    Quarterly,

    /// <summary>The end of each half-year; the row closes with the second half's.</summary>
    HalfYearly,

    /// <summary>No date: the work runs all year ("全年").</summary>
    Ongoing,
}

/// <summary>
/// A template deadline relative to the year. A recurring rule becomes the date of its last occurrence
/// in the year, with the rule kept as the 时限说明, so the row falls due when the year's work is done.
/// </summary>
public sealed record DeadlineRule(DeadlineRuleKind Kind, int Month = 12, int Day = 31)
{
    public static DeadlineRule OnDay(int month, int day) => new(DeadlineRuleKind.OnDay, month, day);

    public static DeadlineRule EndOfMonth(int month) => new(DeadlineRuleKind.EndOfMonth, month);

    public static DeadlineRule Monthly(int day) => new(DeadlineRuleKind.Monthly, 12, day);

    public static readonly DeadlineRule Quarterly = new(DeadlineRuleKind.Quarterly);

    public static readonly DeadlineRule HalfYearly = new(DeadlineRuleKind.HalfYearly);

    public static readonly DeadlineRule Ongoing = new(DeadlineRuleKind.Ongoing);

    public string Describe() => Kind switch
    {
        DeadlineRuleKind.OnDay => $"{Month}月{Day}日前",
        DeadlineRuleKind.EndOfMonth => $"{Month}月底前",
        DeadlineRuleKind.Monthly => $"每月{Day}日前",
        DeadlineRuleKind.Quarterly => "每季度末前",
        DeadlineRuleKind.HalfYearly => "每半年末前",
        _ => "全年",
    };

    public Deadline Materialise(int year) => Kind switch
    {
        DeadlineRuleKind.OnDay => new Deadline(Clamped(year, Month, Day), null),
        DeadlineRuleKind.EndOfMonth => new Deadline(Clamped(year, Month, 31), null),
        DeadlineRuleKind.Monthly => new Deadline(Clamped(year, 12, Day), Describe()),
        DeadlineRuleKind.Quarterly or DeadlineRuleKind.HalfYearly => new Deadline(new DateOnly(year, 12, 31), Describe()),
        _ => new Deadline(null, Describe()),
    };

    private static DateOnly Clamped(int year, int month, int day) => new(year, month, Math.Min(day, DateTime.DaysInMonth(year, month)));
}

/// <summary>A template row; <paramref name="Area"/> is the number (1–7) of the duty area in <see cref="AccountabilityCatalog.DutyAreas"/>.</summary>
public sealed record TemplateRow(int Area, string Duty, string Measures, DeadlineRule Deadline, string? Remarks = null);

/// <summary>A row of a list to be, before it is saved.</summary>
public sealed record DraftRow(int Order, string Duty, string? Measures, Deadline Deadline, string? Remarks);

/// <summary>
/// The built-in 责任清单 template, written for DutyDesk: the year's work under each of the seven duty
/// areas, with the measures offices usually write and deadlines relative to the year.
/// </summary>
public static class ListTemplate
{
    public static readonly IReadOnlyList<TemplateRow> Rows =
    [
        new(1, "成立（调整）意识形态工作领导小组，明确领导小组办公室及其职责",
            "根据人员变动调整领导小组组成；领导小组办公室负责日常工作，明确联络人", DeadlineRule.OnDay(1, 31)),
        new(1, "传达学习上级关于意识形态工作的决策部署，制定本单位年度工作要点",
            "党组织会议专题传达学习；结合本单位实际制定年度工作要点和责任分工，印发执行", DeadlineRule.OnDay(3, 31)),
        new(2, "制定年度理论学习中心组学习计划",
            "明确学习专题、时间安排和领学人，报上级备案", DeadlineRule.EndOfMonth(2)),
        new(2, "领导班子专题研究意识形态工作",
            "每年至少两次召开专题会议，听取工作汇报，分析形势、部署任务，形成会议纪要", DeadlineRule.HalfYearly),
        new(2, "配齐配强通讯员、评论员和舆情信息员队伍",
            "各部门明确一名舆情信息员，建立名单并动态调整；组织一次业务培训", DeadlineRule.OnDay(4, 30)),
        new(3, "每月开展意识形态领域风险排查",
            "围绕新闻舆论、理论、文化、网络阵地和重大活动、敏感节点排查风险点，形成排查报告和整改清单", DeadlineRule.Monthly(25)),
        new(3, "每半年开展一次意识形态工作督查并印发通报",
            "对各部门、党支部落实责任制情况开展督查，印发督查通报，跟踪问题整改", DeadlineRule.HalfYearly),
        new(4, "建立宣传阵地台账，落实阵地自查",
            "对宣传栏、电子屏、工作群、公众号等阵地逐一登记、明确责任人；每季度开展一次自查，问题限期整改", DeadlineRule.Quarterly),
        new(4, "讲座、论坛、报告会等活动落实审批报备",
            "坚持“一会一报”“一事一审”，重大活动提前报上级备案", DeadlineRule.Ongoing),
        new(5, "班子成员作形势政策报告",
            "年初排出计划，班子成员每人每年至少作一次形势政策报告", DeadlineRule.OnDay(11, 30)),
        new(5, "开展经常性思想政治教育",
            "落实每周理论学习制度，组织专题党课和主题教育活动", DeadlineRule.Ongoing),
        new(6, "落实自有网站、公众号、工作群的网络安全和信息内容管理",
            "落实信息发布“三审三校”；检查账号安全，清理长期不用的账号和群组", DeadlineRule.EndOfMonth(9)),
        new(6, "开展网络安全和舆情应对培训",
            "对网站、公众号管理员和舆情信息员开展一次培训和应急演练", DeadlineRule.OnDay(6, 30)),
        new(7, "意识形态领域重大问题及时处置、及时报告",
            "发生重大舆情或意识形态事件，30 分钟内报告领导小组，按规定时限报告上级，不迟报、漏报、瞒报", DeadlineRule.Ongoing),
        new(7, "向上级专题报告意识形态工作",
            "每季度报送工作情况；年底报送年度责任制落实情况报告", DeadlineRule.Quarterly),
        new(1, "年度责任制落实情况总结和述职",
            "对照清单逐项总结；班子成员在述职中报告履行意识形态工作责任情况", DeadlineRule.OnDay(12, 20)),
    ];

    /// <summary>The template's rows with their deadlines in <paramref name="year"/>, numbered from 1.</summary>
    public static IReadOnlyList<DraftRow> For(int year)
        => Rows.Select((row, index) => new DraftRow(index + 1, row.Duty, row.Measures, row.Deadline.Materialise(year), row.Remarks)).ToList();
}
