using DutyDesk.Platform.Identity;

namespace DutyDesk.Opinion.Domain;

/// <summary>The three kinds of 通稿 of PRODUCT.md 4.3.</summary>
public enum StatementKind
{
    /// <summary>事实通报: what happened, as far as it is known.</summary>
    FactReport,

    /// <summary>原因说明: why it happened; only after the investigation is closed.</summary>
    CauseExplanation,

    /// <summary>进展通报: what has been done since.</summary>
    Progress,
}

/// <summary>Where a version of a statement stands: 草稿 → 送审 → 审定 or 退回.</summary>
public enum StatementState
{
    Draft,
    Submitted,
    Approved,
    Returned,
}

/// <summary>
/// A statement (通稿) of a response case: its kind and title, and the state of its newest version. The text lives in
/// <see cref="StatementVersion"/>s, one per saved change, so every approved wording stays on record as it was approved.
/// </summary>
internal sealed class Statement
{
    public const int TitleMaxLength = 200;

    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public StatementKind Kind { get; set; }

    /// <summary>The newest version's title, for lists.</summary>
    public required string Title { get; set; }

    /// <summary>The state of the newest version.</summary>
    public StatementState State { get; set; }

    /// <summary>The number of the newest version.</summary>
    public int Current { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid CreatedById { get; set; }

    public DateTime UpdatedAt { get; set; }

    public Guid Version { get; set; }
}

/// <summary>
/// One numbered text of a statement. The text is written once: a changed text is a new version. An approved version
/// is immutable altogether (the handlers never touch it and <c>StatementSaveGuard</c> refuses a save that would).
/// </summary>
internal sealed class StatementVersion
{
    public const int TextMaxLength = 20_000;
    public const int ReasonMaxLength = 1000;

    /// <summary>The properties a version is written with; none of them ever changes afterwards.</summary>
    public static readonly IReadOnlyList<string> WrittenOnce = [nameof(StatementId), nameof(Number), nameof(Title), nameof(Text), nameof(CreatedById), nameof(CreatedAt)];

    public Guid Id { get; set; }

    public Guid StatementId { get; set; }

    public int Number { get; set; }

    /// <summary>The title as it stood in this version: approved together with the text.</summary>
    public required string Title { get; set; }

    public required string Text { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid CreatedById { get; set; }

    public StatementState State { get; set; }

    public DateTime? SubmittedAt { get; set; }

    public Guid? SubmittedById { get; set; }

    /// <summary>When the leading group approved or returned it.</summary>
    public DateTime? DecidedAt { get; set; }

    public Guid? DecidedById { get; set; }

    /// <summary>Why it was returned (退回理由).</summary>
    public string? ReturnReason { get; set; }
}

/// <summary>The offline track's kinds of task (三同步: investigate and fix while the statements go out).</summary>
public enum CaseTaskKind
{
    /// <summary>调查核实.</summary>
    Investigation,

    /// <summary>整改处置.</summary>
    Fix,

    /// <summary>其他.</summary>
    Other,
}

/// <summary>A task of the offline track: a DueTask (owner, due time, evidence, closing) linked to the case with its kind.</summary>
internal sealed class CaseTask
{
    public Guid TaskId { get; set; }

    public Guid CaseId { get; set; }

    public CaseTaskKind Kind { get; set; }

    public Guid AssignedById { get; set; }

    public DateTime AssignedAt { get; set; }
}

/// <summary>The kinds of the unit's own channels; 媒体 is a named medium the unit gave its statement to.</summary>
public enum ChannelKind
{
    Weibo,
    WeChat,
    Website,
    PressConference,
    Media,
}

/// <summary>
/// A channel the unit speaks through in its own name (发布渠道), kept by the unit's leading group and its office.
/// A publication always goes out through one of the unit's own channels, or a superior unit's.
/// </summary>
internal sealed class PublicationChannel
{
    public const int NameMaxLength = 100;
    public const int UrlMaxLength = 500;

    public Guid Id { get; set; }

    public Guid UnitId { get; set; }

    public required string Name { get; set; }

    public ChannelKind Kind { get; set; }

    public string? Url { get; set; }

    public bool Active { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public Guid Version { get; set; }
}

/// <summary>
/// The record of an approved statement the unit published: which version, through which of its channels, where
/// and when. DutyDesk never posts anything itself; this is what the unit did, written down.
/// </summary>
internal sealed class Publication
{
    public const int UrlMaxLength = 1000;

    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public Guid StatementVersionId { get; set; }

    public Guid ChannelId { get; set; }

    public required string Url { get; set; }

    public DateTime PublishedAt { get; set; }

    public Guid RecordedById { get; set; }

    public DateTime RecordedAt { get; set; }
}

/// <summary>Names and who does what on the two tracks.</summary>
internal static class StatementRules
{
    /// <summary>Draft and submit statements, record publications, assign tasks: the case's handlers.</summary>
    public static IReadOnlyList<Role> Drafters => ResponseProcedure.Performers(CaseTrigger.Respond);

    /// <summary>Approve or return a statement: the leading group (第一责任人、分管领导).</summary>
    public static IReadOnlyList<Role> Approvers => ResponseProcedure.Performers(CaseTrigger.ApproveStatement);

    /// <summary>Keep the unit's channel list: the leading group and its office.</summary>
    public static readonly Role[] ChannelKeepers = [Role.FirstResponsible, Role.LeaderInCharge, Role.LeadingGroupOffice];

    public static string Name(StatementKind kind) => kind switch
    {
        StatementKind.FactReport => "事实通报",
        StatementKind.CauseExplanation => "原因说明",
        _ => "进展通报",
    };

    public static string Name(StatementState state) => state switch
    {
        StatementState.Draft => "草稿",
        StatementState.Submitted => "送审中",
        StatementState.Approved => "已审定",
        _ => "已退回",
    };

    public static string Name(CaseTaskKind kind) => kind switch
    {
        CaseTaskKind.Investigation => "调查核实",
        CaseTaskKind.Fix => "整改处置",
        _ => "其他",
    };

    public static string Name(ChannelKind kind) => kind switch
    {
        ChannelKind.Weibo => "官方微博",
        ChannelKind.WeChat => "微信公众号",
        ChannelKind.Website => "官方网站",
        ChannelKind.PressConference => "新闻发布会",
        _ => "媒体",
    };

    /// <summary>An absolute http or https address, or null.</summary>
    public static Uri? WebAddress(string? text)
        => Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0 ? uri : null;
}
