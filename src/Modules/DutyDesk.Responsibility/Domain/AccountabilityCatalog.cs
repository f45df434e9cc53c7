namespace DutyDesk.Responsibility.Domain;

/// <summary>A circumstance that triggers accountability (责任追究情形), numbered as in the letter.</summary>
public sealed record AccountabilityCircumstance(int Number, string Text);

/// <summary>
/// The standing texts of the responsibility system, written for DutyDesk: the seven duty areas of a
/// letter's 具体责任, the thirteen circumstances of 责任追究 and the seven measures of 考核评价.
/// Letters copy them into their own editable text; accountability records cite a circumstance by number.
/// </summary>
public static class AccountabilityCatalog
{
    public static readonly IReadOnlyList<string> DutyAreas =
    [
        "贯彻落实上级关于意识形态工作的决策部署，结合本单位实际制定落实措施并按要求报告落实情况。",
        "对本单位意识形态工作实行统一领导：制定理论学习计划，配齐配强通讯员、评论员等工作力量，定期听取工作汇报。",
        "定期分析研判意识形态领域情况：每月开展一次风险排查，形成排查报告和整改清单；每半年开展一次督查并印发通报。",
        "加强新闻舆论、理论、文化等各类阵地的建设和管理，落实审核把关和属地管理责任。",
        "抓好日常思想政治教育，班子成员每人每年至少作一次形势政策报告。",
        "落实本单位网站、公众号、工作群等自有渠道的网络安全和信息内容管理责任。",
        "对意识形态领域的重大问题及时处置、及时报告，不回避、不拖延。",
    ];

    public static readonly IReadOnlyList<AccountabilityCircumstance> Circumstances =
    [
        new(1, "对上级关于意识形态工作的决策部署贯彻不力、落实不到位，造成不良影响的。"),
        new(2, "本单位管辖范围内发生重大网络舆情事件，处置不力、造成严重负面影响的。"),
        new(3, "本单位主办的媒体、网站或新媒体账号在政治方向、舆论导向上出现严重错误的。"),
        new(4, "对本单位报刊、网站、公众号、工作群等阵地失管失控，被错误言论占据的。"),
        new(5, "意识形态工作责任没有落实到基层单位和具体岗位，层层递减、流于形式的。"),
        new(6, "未按要求开展风险排查、分析研判，对苗头性、倾向性问题失察漏报的。"),
        new(7, "对错误思潮和错误言论放任不管、应当批评制止而不批评制止的。"),
        new(8, "在重大活动、重要节点期间组织宣传管理不力，造成不良影响的。"),
        new(9, "举办讲座、论坛、报告会等活动未履行审批报备程序，造成不良影响的。"),
        new(10, "发生涉及意识形态的重大事件后迟报、漏报、瞒报，或者处置不当致使事态扩大的。"),
        new(11, "本单位网络安全和信息内容管理责任不落实，发生严重安全事件的。"),
        new(12, "对意识形态领域的问题整改不力，经督查督办仍未整改到位的。"),
        new(13, "其他未履行意识形态工作责任、造成严重后果的。"),
    ];

    /// <summary>The measures for poor performance, from the mildest to 一票否决.</summary>
    public static readonly IReadOnlyList<string> Measures = ["约谈警示", "诫勉谈话", "黄牌警告", "挂牌警告", "挂牌督办", "重点整改", "一票否决"];

    public static AccountabilityCircumstance? Circumstance(int number)
        => Circumstances.FirstOrDefault(c => c.Number == number);
}
