namespace DutyDesk.Responsibility.Domain;

/// <summary>The kinds of meeting the responsibility system asks for (PRODUCT.md 1.4).</summary>
public enum MeetingType
{
    SpecialMeeting,
    CentralGroupStudy,
    BranchStudy,
    Training,
    AnalysisMeeting,
}

/// <summary>A member's position on a decision, recorded because an objection changes accountability (1.2).</summary>
public enum DecisionStance
{
    Agree,
    Oppose,
    Abstain,
}

public static class MeetingNames
{
    public static string ToChinese(this MeetingType type) => type switch
    {
        MeetingType.SpecialMeeting => "专题会议",
        MeetingType.CentralGroupStudy => "中心组学习",
        MeetingType.BranchStudy => "支部学习",
        MeetingType.Training => "培训",
        MeetingType.AnalysisMeeting => "研判会",
        _ => type.ToString(),
    };

    public static string ToChinese(this DecisionStance stance) => stance switch
    {
        DecisionStance.Agree => "同意",
        DecisionStance.Oppose => "反对",
        DecisionStance.Abstain => "弃权",
        _ => stance.ToString(),
    };
}

/// <summary>A meeting (会议) of a unit: who attended, what was discussed and decided, and the files that prove it.</summary>
public sealed class Meeting
{
    public const int TitleMaxLength = 200;
    public const int LocationMaxLength = 200;
    public const int AgendaMaxLength = 4000;
    public const int MinutesMaxLength = 50_000;

    public Guid Id { get; set; }

    public Guid UnitId { get; set; }

    public MeetingType Type { get; set; }

    public required string Title { get; set; }

    public DateTime StartsAt { get; set; }

    public string? Location { get; set; }

    public string? Agenda { get; set; }

    /// <summary>Sanitised HTML: only what <c>MinutesHtml</c> lets through is ever stored.</summary>
    public string? Minutes { get; set; }

    /// <summary>The obligation task this meeting closed, if it was used for one.</summary>
    public Guid? SatisfiedTaskId { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid CreatedBy { get; set; }

    public DateTime UpdatedAt { get; set; }

    public Guid Version { get; set; }

    public List<MeetingAttendee> Attendees { get; set; } = [];

    public List<MeetingAttachment> Attachments { get; set; } = [];

    public List<MeetingDecision> Decisions { get; set; } = [];

    public bool HasMinutes => !string.IsNullOrWhiteSpace(Minutes);
}

public sealed class MeetingAttendee
{
    public Guid MeetingId { get; set; }

    public Guid UserId { get; set; }
}

/// <summary>A file of the meeting (minutes, sign-in sheet, photos), stored once as a platform StoredFile.</summary>
public sealed class MeetingAttachment
{
    public Guid Id { get; set; }

    public Guid MeetingId { get; set; }

    public Guid FileId { get; set; }

    public DateTime AddedAt { get; set; }

    public Guid AddedBy { get; set; }
}

/// <summary>A decision (决策) taken or put to the meeting.</summary>
public sealed class MeetingDecision
{
    public const int TextMaxLength = 2000;

    public Guid Id { get; set; }

    public Guid MeetingId { get; set; }

    public int SortOrder { get; set; }

    public required string Text { get; set; }

    public bool Adopted { get; set; }

    public List<DecisionPosition> Positions { get; set; } = [];
}

/// <summary>One member's position on one decision, with the reason they stated, if any.</summary>
public sealed class DecisionPosition
{
    public const int ReasonMaxLength = 1000;

    public Guid Id { get; set; }

    public Guid DecisionId { get; set; }

    public Guid MemberId { get; set; }

    public DecisionStance Stance { get; set; }

    public string? Reason { get; set; }
}
