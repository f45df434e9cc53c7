using System.Globalization;
using System.Text;

namespace DutyDesk.Responsibility.Domain;

/// <summary>
/// A unit's own wording of the 目标管理责任书. A unit without one writes its letters from
/// <see cref="Default"/>. Texts may use the fields of <see cref="LetterText"/>: {单位} and {年度}
/// are filled when a letter is created, {职务} and {签署人} for each signer's copy.
/// </summary>
public sealed class LetterTemplate
{
    public Guid Id { get; set; }

    public Guid UnitId { get; set; }

    public required string Title { get; set; }

    public required string Header { get; set; }

    public required string Responsibilities { get; set; }

    public required string Accountability { get; set; }

    public required string Assessment { get; set; }

    public required string Closing { get; set; }

    public DateTime UpdatedAt { get; set; }

    public Guid UpdatedBy { get; set; }

    public Guid Version { get; set; }

    public LetterContent Content => new(Title, Header, Responsibilities, Accountability, Assessment, Closing);

    public void Apply(LetterContent content, DateTime now, Guid by)
    {
        Title = content.Title;
        Header = content.Header;
        Responsibilities = content.Responsibilities;
        Accountability = content.Accountability;
        Assessment = content.Assessment;
        Closing = content.Closing;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    /// <summary>DutyDesk's own wording, built from <see cref="AccountabilityCatalog"/> so that the letter and the accountability records cite the same texts.</summary>
    public static LetterContent Default { get; } = new(
        Title: "{单位}{年度}年度意识形态工作目标管理责任书",
        Header: string.Join('\n',
            "发文单位：{单位}",
            "责任人职务：{职务}",
            "责任年度：{年度}年",
            "为把意识形态工作责任制落到实处，明确领导班子成员和各部门负责人在意识形态工作中的职责，{单位}与{职务}{签署人}签订本责任书。责任人对职责范围内的意识形态工作负责，做到守土有责、守土负责、守土尽责。"),
        Responsibilities: DefaultResponsibilities(),
        Accountability: DefaultAccountability(),
        Assessment: DefaultAssessment(),
        Closing: string.Join('\n',
            "本责任书自签署之日起生效，至{年度}年12月31日止。责任人岗位发生变动的，由接任人员重新签署。",
            "本责任书由{单位}留存，责任人可随时查阅和导出本人签署的文本。"));

    private static string DefaultResponsibilities()
    {
        var text = new StringBuilder("责任人在职责范围内承担以下意识形态工作责任：");
        for (var i = 0; i < AccountabilityCatalog.DutyAreas.Count; i++)
        {
            text.Append('\n').Append('（').Append(LetterText.ChineseNumber(i + 1)).Append('）').Append(AccountabilityCatalog.DutyAreas[i]);
        }

        return text.ToString();
    }

    private static string DefaultAccountability()
    {
        var text = new StringBuilder("责任人有下列情形之一的，按照有关规定追究责任：");
        foreach (var circumstance in AccountabilityCatalog.Circumstances)
        {
            text.Append('\n').Append(circumstance.Number.ToString(CultureInfo.InvariantCulture)).Append('．').Append(circumstance.Text);
        }

        text.Append('\n').Append("追究责任时，分清集体责任和个人责任：经领导班子集体讨论作出的错误决定，由班子承担集体责任；在集体责任中，对决定起主导作用的成员承担主要的个人责任，其他赞成的成员承担相应的个人责任。");
        text.Append('\n').Append("分清主要领导责任和重要领导责任：对职责范围内直接主管的工作不履行或不正确履行职责、对造成的后果起决定作用的，承担主要领导责任；对职责范围内应当管理的工作不履行或不正确履行职责、对造成的后果起重要作用的，承担重要领导责任。");
        text.Append('\n').Append("在集体决策中对错误决定明确表示反对并记录在案、其意见未被采纳的成员，对该决定不承担领导责任。");
        return text.ToString();
    }

    private static string DefaultAssessment()
    {
        var text = new StringBuilder("考核期为{年度}年1月1日至{年度}年12月31日。{单位}结合日常检查、专项督查和年终述职对责任人履行本责任书的情况进行考核评价，考核结果作为年度考核、评先评优和干部使用的重要参考。");
        text.Append('\n').Append("对履责不力、考核评价较差的责任人，视情节轻重采取以下措施：");
        for (var i = 0; i < AccountabilityCatalog.Measures.Count; i++)
        {
            text.Append('\n').Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append('．').Append(AccountabilityCatalog.Measures[i]).Append('；');
        }

        text.Length--;
        text.Append('。');
        return text.ToString();
    }
}
