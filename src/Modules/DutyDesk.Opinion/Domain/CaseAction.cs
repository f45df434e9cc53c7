namespace DutyDesk.Opinion.Domain;

/// <summary>The actions PRODUCT.md 4.3 records. A correction request and a police report are records of what a person did by hand.</summary>
public enum CaseActionKind
{
    Investigation,
    ReportUp,
    Consultation,
    MediaInterview,
    CorrectionRequest,
    PoliceReport,
    Other,
}

/// <summary>One recorded action of a case (处置措施): what, when, by whom, to whom, on what grounds, with attachments.</summary>
internal sealed class CaseAction
{
    public const int SummaryMaxLength = 4000;
    public const int FactsMaxLength = 4000;
    public const int TargetMaxLength = 200;
    public const int UrlMaxLength = 2000;

    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public CaseActionKind Kind { get; set; }

    /// <summary>When it happened (may be before it was recorded).</summary>
    public DateTime At { get; set; }

    public required string Summary { get; set; }

    /// <summary>The facts showing the content false (correction request), or the grounds (police report).</summary>
    public string? Facts { get; set; }

    /// <summary>The superior unit, the medium, the platform, or the police station.</summary>
    public string? Target { get; set; }

    /// <summary>The content a correction request concerns.</summary>
    public string? ContentUrl { get; set; }

    public Guid ById { get; set; }

    public DateTime RecordedAt { get; set; }
}

internal sealed class CaseActionFile
{
    public Guid ActionId { get; set; }

    public Guid FileId { get; set; }
}

/// <summary>What each kind of action needs before it is recorded; pure, so the table of cases tests it.</summary>
internal static class CaseActionRules
{
    public static string Name(CaseActionKind kind) => kind switch
    {
        CaseActionKind.Investigation => "调查核实",
        CaseActionKind.ReportUp => "向上级报告",
        CaseActionKind.Consultation => "会商",
        CaseActionKind.MediaInterview => "接受媒体采访",
        CaseActionKind.CorrectionRequest => "向平台申请更正",
        CaseActionKind.PoliceReport => "向公安机关报案",
        _ => "其他措施",
    };

    /// <summary>The label of the target field for a kind, or null when the kind has none.</summary>
    public static string? TargetLabel(CaseActionKind kind) => kind switch
    {
        CaseActionKind.ReportUp => "报告对象（上级单位或部门）",
        CaseActionKind.MediaInterview => "媒体名称",
        CaseActionKind.CorrectionRequest => "平台名称",
        CaseActionKind.PoliceReport => "公安机关",
        _ => null,
    };

    public static string? FactsLabel(CaseActionKind kind) => kind switch
    {
        CaseActionKind.CorrectionRequest => "证明内容不实的事实",
        CaseActionKind.PoliceReport => "报案依据",
        _ => null,
    };

    /// <summary>The first missing or wrong field as (field, Chinese message), or null when the action may be recorded.</summary>
    public static (string Field, string Message)? Check(CaseActionKind kind, string? summary, string? facts, string? target, string? contentUrl, int files)
    {
        if (!Enum.IsDefined(kind))
        {
            return ("kind", "“措施类型”不是可选的值。");
        }

        if (string.IsNullOrWhiteSpace(summary))
        {
            return ("summary", "“措施内容”不能为空。");
        }

        if (TargetLabel(kind) is { } targetLabel && string.IsNullOrWhiteSpace(target))
        {
            return ("target", $"{Name(kind)}须填写“{targetLabel}”。");
        }

        if (FactsLabel(kind) is { } factsLabel && string.IsNullOrWhiteSpace(facts))
        {
            return ("facts", kind == CaseActionKind.CorrectionRequest
                ? $"申请更正须写明“{factsLabel}”：更正只针对虚假信息，并以事实为据。"
                : $"报案须写明“{factsLabel}”（谣言或诽谤的具体内容及其依据）。");
        }

        if (kind == CaseActionKind.CorrectionRequest)
        {
            if (string.IsNullOrWhiteSpace(contentUrl))
            {
                return ("contentUrl", "申请更正须填写“所涉内容链接”。");
            }

            if (!Uri.TryCreate(contentUrl.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                return ("contentUrl", "“所涉内容链接”须是以 http:// 或 https:// 开头的网址。");
            }
        }

        if (kind == CaseActionKind.ReportUp && files == 0)
        {
            return ("files", "向上级报告须附上报告文件。");
        }

        return null;
    }
}
