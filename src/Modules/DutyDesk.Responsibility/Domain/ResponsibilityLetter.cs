namespace DutyDesk.Responsibility.Domain;

/// <summary>
/// A 目标管理责任书: issued by a unit for a year to a list of signers, in numbered versions.
/// Its <see cref="Version"/> changes with every change to the letter or its versions, so that
/// operations on the letter as a whole (a new revision, a new signer list) see each other.
/// </summary>
public sealed class ResponsibilityLetter
{
    public Guid Id { get; set; }

    public Guid UnitId { get; set; }

    public int Year { get; set; }

    /// <summary>The latest version's title, kept here for lists.</summary>
    public required string Title { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid CreatedBy { get; set; }

    public DateTime UpdatedAt { get; set; }

    public Guid Version { get; set; }

    public List<LetterSigner> Signers { get; set; } = [];

    public List<LetterVersion> Versions { get; set; } = [];

    /// <summary>The version signers sign now: the newest issued one.</summary>
    public LetterVersion? Current => Versions.Where(v => v.State == LetterVersionState.Issued).MaxBy(v => v.Number);

    public LetterVersion? Draft => Versions.FirstOrDefault(v => v.State == LetterVersionState.Draft);

    public LetterVersion? Latest => Versions.MaxBy(v => v.Number);
}

/// <summary>A person the letter is issued to, with the post printed on their copy.</summary>
public sealed class LetterSigner
{
    public const int PostMaxLength = 50;

    public Guid Id { get; set; }

    public Guid LetterId { get; set; }

    public Guid UserId { get; set; }

    public required string Post { get; set; }

    public int SortOrder { get; set; }
}

public enum LetterVersionState
{
    Draft,
    Issued,
    Superseded,
}

/// <summary>
/// One numbered text of a letter. Only a draft's text can change, and only through
/// <see cref="ReviseDraft"/>: the text has no public setter and the state only moves forward
/// (草稿 → 已签发 → 已被替代), so an issued text has no path to be edited; a change is a new version.
/// </summary>
public sealed class LetterVersion
{
    /// <summary>The properties that form the signed text; the save guard refuses changes to them once issued.</summary>
    public static readonly IReadOnlyList<string> TextProperties =
        [nameof(Title), nameof(Header), nameof(Responsibilities), nameof(Accountability), nameof(Assessment), nameof(Closing)];

    private LetterVersion()
    {
    }

    public Guid Id { get; private set; }

    public Guid LetterId { get; private set; }

    public int Number { get; private set; }

    public string Title { get; private set; } = "";

    public string Header { get; private set; } = "";

    public string Responsibilities { get; private set; } = "";

    public string Accountability { get; private set; } = "";

    public string Assessment { get; private set; } = "";

    public string Closing { get; private set; } = "";

    public LetterVersionState State { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public Guid CreatedBy { get; private set; }

    public DateTime? EditedAt { get; private set; }

    public Guid? EditedBy { get; private set; }

    public DateTime? IssuedAt { get; private set; }

    public Guid? IssuedBy { get; private set; }

    public DateTime? SupersededAt { get; private set; }

    public Guid Version { get; set; }

    public LetterContent Content => new(Title, Header, Responsibilities, Accountability, Assessment, Closing);

    public static LetterVersion FirstDraft(Guid letterId, LetterContent content, DateTime now, Guid by)
        => Create(letterId, 1, content, now, by);

    /// <summary>The next version, a draft that starts as a copy of this issued one.</summary>
    public LetterVersion NextDraft(DateTime now, Guid by)
    {
        if (State != LetterVersionState.Issued)
        {
            throw new InvalidOperationException($"只有已签发的版本才能修订（第 {Number} 版为{State.ToChinese()}）。");
        }

        return Create(LetterId, Number + 1, Content, now, by);
    }

    public void ReviseDraft(LetterContent content, DateTime now, Guid by)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (State != LetterVersionState.Draft)
        {
            throw new InvalidOperationException($"第 {Number} 版{State.ToChinese()}，其文本不能修改。");
        }

        SetText(content);
        EditedAt = now;
        EditedBy = by;
    }

    /// <summary>签发: from now on the text is frozen.</summary>
    public void Issue(DateTime now, Guid by)
    {
        if (State != LetterVersionState.Draft)
        {
            throw new InvalidOperationException($"第 {Number} 版{State.ToChinese()}，不能再签发。");
        }

        State = LetterVersionState.Issued;
        IssuedAt = now;
        IssuedBy = by;
    }

    public void MarkSuperseded(DateTime now)
    {
        if (State != LetterVersionState.Issued)
        {
            throw new InvalidOperationException($"第 {Number} 版{State.ToChinese()}，不能标记为已被替代。");
        }

        State = LetterVersionState.Superseded;
        SupersededAt = now;
    }

    private static LetterVersion Create(Guid letterId, int number, LetterContent content, DateTime now, Guid by)
    {
        var version = new LetterVersion
        {
            Id = Guid.CreateVersion7(),
            LetterId = letterId,
            Number = number,
            State = LetterVersionState.Draft,
            CreatedAt = now,
            CreatedBy = by,
        };
        version.SetText(content);
        return version;
    }

    private void SetText(LetterContent content)
    {
        Title = content.Title;
        Header = content.Header;
        Responsibilities = content.Responsibilities;
        Accountability = content.Accountability;
        Assessment = content.Assessment;
        Closing = content.Closing;
    }
}

/// <summary>
/// A signer's electronic signature of one version: who, when (UTC), with which post, and the
/// SHA-256 of exactly the text signed (<see cref="LetterText.RenderFor"/>). Never changed or removed.
/// </summary>
public sealed class LetterSignature
{
    public const int Sha256Length = 64;

    public Guid Id { get; init; }

    public Guid LetterId { get; init; }

    public Guid VersionId { get; init; }

    public Guid SignerId { get; init; }

    /// <summary>The name as it stood on the signed copy; a later rename of the account does not alter what was signed.</summary>
    public required string SignerName { get; init; }

    public required string Post { get; init; }

    public DateTime SignedAt { get; init; }

    public required string Sha256 { get; init; }
}

public static class LetterVersionStateNames
{
    public static string ToChinese(this LetterVersionState state) => state switch
    {
        LetterVersionState.Draft => "草稿",
        LetterVersionState.Issued => "已签发",
        LetterVersionState.Superseded => "已被替代",
        _ => state.ToString(),
    };
}
