namespace DutyDesk.Platform.Alerts;

/// <summary>
/// Something a person must acknowledge: raised once per event (its dedup key), sent to the first person of its
/// chain, and passed down the chain while nobody acknowledges it (PRODUCT.md 4.4).
/// </summary>
public sealed class Alert
{
    public const int DedupKeyMaxLength = 200;
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 2000;
    public const int LinkMaxLength = 500;
    public const int AckNoteMaxLength = 500;

    public Guid Id { get; set; }

    public Guid UnitId { get; set; }

    /// <summary>Unique per unit: a second raise of the same event finds this alert instead of making another.</summary>
    public required string DedupKey { get; set; }

    public required string Title { get; set; }

    public string? Body { get; set; }

    /// <summary>The page of the record the alert is about, e.g. /opinion/response/{id}.</summary>
    public required string Link { get; set; }

    /// <summary>1 (most serious) … 5, like the 舆情 levels Ⅰ–Ⅴ.</summary>
    public int Severity { get; set; }

    /// <summary>Passes through the recipients' quiet hours.</summary>
    public bool Urgent { get; set; }

    public TimeSpan AckWithin { get; set; }

    public int MaxEscalations { get; set; }

    /// <summary>The position in the chain of the person alerted last.</summary>
    public int CurrentStep { get; set; }

    public int EscalationCount { get; set; }

    public DateTime RaisedAt { get; set; }

    /// <summary>When the escalator looks at the alert next; null once it is acknowledged or exhausted.</summary>
    public DateTime? NextEscalationAt { get; set; }

    public DateTime? AcknowledgedAt { get; set; }

    public Guid? AcknowledgedBy { get; set; }

    public string? AckNote { get; set; }

    /// <summary>Set when the chain or the allowed escalations ran out unacknowledged; the office was told then.</summary>
    public DateTime? ExhaustedAt { get; set; }

    public required string SourceModule { get; set; }

    public string? SourceType { get; set; }

    public string? SourceId { get; set; }

    public Guid Version { get; set; }

    public List<AlertRecipient> Recipients { get; set; } = [];

    public AlertState State => AcknowledgedAt is not null ? AlertState.Acknowledged : ExhaustedAt is not null ? AlertState.Exhausted : AlertState.Open;
}

public enum AlertState
{
    Open,
    Acknowledged,
    Exhausted,
}

/// <summary>One person of an alert's escalation chain, in order; notified when the chain reaches them.</summary>
public sealed class AlertRecipient
{
    public Guid Id { get; set; }

    public Guid AlertId { get; set; }

    public int Order { get; set; }

    public Guid UserId { get; set; }

    public DateTime? NotifiedAt { get; set; }

    /// <summary>
    /// SHA-256 (hex) of the random token in the acknowledgement link sent when this person was notified. Only the
    /// hash is kept, so each step issues its own token and every link ever sent keeps working.
    /// </summary>
    public string? AckTokenHash { get; set; }
}

public enum AlertChannelKind
{
    WeCom,
    DingTalk,
    Webhook,
}

/// <summary>A unit's group robot or webhook that alerts are posted to as well as to the people of the chain.</summary>
public sealed class AlertChannel
{
    public const int NameMaxLength = 60;
    public const int UrlMaxLength = 1000;

    public Guid Id { get; set; }

    public Guid UnitId { get; set; }

    public AlertChannelKind Kind { get; set; }

    public required string Name { get; set; }

    public required string Url { get; set; }

    /// <summary>DingTalk's 加签 secret or the webhook's HMAC key, protected with ASP.NET Data Protection; never shown back.</summary>
    public string? ProtectedSecret { get; set; }

    /// <summary>The least serious level still posted: 3 posts levels Ⅰ, Ⅱ and Ⅲ.</summary>
    public int MinimumSeverity { get; set; } = 5;

    public bool Enabled { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    public Guid Version { get; set; }

    public bool Admits(int severity) => Enabled && severity <= MinimumSeverity;
}

public static class AlertChannelKinds
{
    public const string WeComOutbox = "alert.wecom";
    public const string DingTalkOutbox = "alert.dingtalk";
    public const string WebhookOutbox = "alert.webhook";

    public static string OutboxKind(this AlertChannelKind kind) => kind switch
    {
        AlertChannelKind.WeCom => WeComOutbox,
        AlertChannelKind.DingTalk => DingTalkOutbox,
        _ => WebhookOutbox,
    };

    public static string ToChinese(this AlertChannelKind kind) => kind switch
    {
        AlertChannelKind.WeCom => "企业微信",
        AlertChannelKind.DingTalk => "钉钉",
        _ => "Webhook",
    };

    /// <summary>What the 消息投递 page calls an outbox kind.</summary>
    public static string OutboxKindToChinese(string kind) => kind switch
    {
        Outbox.OutboxKinds.Email => "邮件",
        Outbox.OutboxKinds.InApp => "站内通知",
        WeComOutbox => "企业微信",
        DingTalkOutbox => "钉钉",
        WebhookOutbox => "Webhook",
        _ => kind,
    };
}

/// <summary>A person's quiet hours: e-mail of non-urgent alerts waits until they end.</summary>
public sealed class AlertQuietHours
{
    public Guid UserId { get; set; }

    public TimeOnly QuietFrom { get; set; }

    public TimeOnly QuietTo { get; set; }

    /// <summary>The zone the times are read in (the installation's display zone when they were set).</summary>
    public required string TimeZone { get; set; }
}
