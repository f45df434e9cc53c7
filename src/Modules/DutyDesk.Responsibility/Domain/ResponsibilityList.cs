namespace DutyDesk.Responsibility.Domain;

/// <summary>How a list came to be.</summary>
public enum ListOrigin
{
    Template,
    LastYear,
    Import,
}

/// <summary>The state a person sets; 逾期 is never stored, it follows from the deadline (<see cref="ItemStatusRule"/>).</summary>
public enum ItemProgress
{
    NotStarted,
    InProgress,
    Done,
}

/// <summary>The status a person reads: <see cref="ItemProgress"/> plus 逾期 when the deadline has passed undone.</summary>
public enum ItemStatus
{
    NotStarted,
    InProgress,
    Done,
    Overdue,
}

/// <summary>责任清单: one per unit and year.</summary>
public sealed class ResponsibilityList
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    public Guid Id { get; set; }

    public Guid UnitId { get; set; }

    public int Year { get; set; }

    public ListOrigin Origin { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid CreatedBy { get; set; }

    public Guid Version { get; set; }

    public List<ResponsibilityListItem> Items { get; set; } = [];

    public static string TitleFor(string unitName, int year) => $"{unitName} {year}年度意识形态工作责任清单";
}

/// <summary>One row of a list. A row with a deadline has a DueTask (<see cref="TaskId"/>) unless the deadline had passed when it was set.</summary>
public sealed class ResponsibilityListItem
{
    public const int DutyMaxLength = 500;
    public const int MeasuresMaxLength = 2000;
    public const int RemarksMaxLength = 500;
    public const int MaxOrder = 9999;

    public Guid Id { get; set; }

    public Guid ListId { get; set; }

    /// <summary>序号.</summary>
    public int Order { get; set; }

    /// <summary>责任内容.</summary>
    public required string Duty { get; set; }

    /// <summary>工作措施.</summary>
    public string? Measures { get; set; }

    /// <summary>完成时限 as a date; the work is due at the end of that working day.</summary>
    public DateOnly? Deadline { get; set; }

    /// <summary>时限说明, e.g. "全年" or "每月25日前".</summary>
    public string? DeadlineNote { get; set; }

    /// <summary>责任人.</summary>
    public Guid? OwnerId { get; set; }

    /// <summary>备注.</summary>
    public string? Remarks { get; set; }

    public ItemProgress Progress { get; set; }

    public DateTime? CompletedAt { get; set; }

    public Guid? CompletedBy { get; set; }

    public Guid? TaskId { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid Version { get; set; }
}

/// <summary>A progress note (进展情况): appended, never edited.</summary>
public sealed class ListItemNote
{
    public const int TextMaxLength = 2000;

    public Guid Id { get; set; }

    public Guid ItemId { get; set; }

    public DateTime At { get; set; }

    public Guid AuthorId { get; set; }

    public required string Text { get; set; }
}

/// <summary>An evidence file of a row, stored once in the platform's file store.</summary>
public sealed class ListItemFile
{
    public Guid Id { get; set; }

    public Guid ItemId { get; set; }

    public Guid FileId { get; set; }

    public DateTime AddedAt { get; set; }

    public Guid AddedBy { get; set; }
}

public static class ItemStatusRule
{
    /// <summary>The end of the working day on which a deadline falls (office time).</summary>
    public static readonly TimeOnly DueTime = new(17, 30);

    /// <summary>
    /// Done when the row or its task was closed; else 逾期 once the due time has passed; else what the
    /// person set. <paramref name="dueUtc"/> is null for a row without a date ("全年").
    /// </summary>
    public static ItemStatus Of(ItemProgress progress, bool taskDone, DateTime? dueUtc, DateTime now)
    {
        if (progress == ItemProgress.Done || taskDone)
        {
            return ItemStatus.Done;
        }

        if (dueUtc is { } due && due <= now)
        {
            return ItemStatus.Overdue;
        }

        return progress == ItemProgress.InProgress ? ItemStatus.InProgress : ItemStatus.NotStarted;
    }

    public static string ToChinese(this ItemStatus status) => status switch
    {
        ItemStatus.NotStarted => "未开始",
        ItemStatus.InProgress => "进行中",
        ItemStatus.Done => "已完成",
        ItemStatus.Overdue => "逾期",
        _ => status.ToString(),
    };

    public static string ToChinese(this ListOrigin origin) => origin switch
    {
        ListOrigin.Template => "从模板创建",
        ListOrigin.LastYear => "复制上一年",
        ListOrigin.Import => "从 Excel 导入",
        _ => origin.ToString(),
    };
}
