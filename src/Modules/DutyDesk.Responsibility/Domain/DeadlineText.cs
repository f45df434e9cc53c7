using System.Globalization;
using System.Text.RegularExpressions;

namespace DutyDesk.Responsibility.Domain;

/// <summary>A row's 完成时限: a date, a free-text 时限说明, both (a date with its rule), or neither.</summary>
public sealed record Deadline(DateOnly? Date, string? Note)
{
    public static readonly Deadline None = new(null, null);
}

/// <summary>
/// Reads and writes 完成时限 as offices type it: 2026-06-30, 2026/6/30, 2026.6.30, 2026年6月30日, or
/// any other text ("全年", "每月25日前"), kept as the 时限说明. "2026-12-25（每月25日前）" is a date with
/// its note, which is how <see cref="Format"/> writes both, so an export reads back unchanged.
/// </summary>
public static partial class DeadlineText
{
    public const int NoteMaxLength = 100;

    /// <summary>The deadline, or the reason (Chinese, without the field name) why the text is no deadline.</summary>
    public static (Deadline? Value, string? Problem) Parse(string? text)
    {
        var value = (text ?? "").Trim();
        if (value.Length == 0)
        {
            return (Deadline.None, null);
        }

        var withNote = DateWithNote().Match(value);
        var datePart = withNote.Success ? withNote.Groups["date"].Value : value;
        var note = withNote.Success ? withNote.Groups["note"].Value.Trim() : null;
        var date = DatePattern().Match(datePart);
        if (!date.Success)
        {
            return NoteOnly(value);
        }

        var (year, month, day) = (Number(date, "y"), Number(date, "m"), Number(date, "d"));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return (null, $"“{datePart}”不是有效的日期。");
        }

        if (note is { Length: > NoteMaxLength })
        {
            return (null, $"时限说明不能超过 {NoteMaxLength} 个字符。");
        }

        return (new Deadline(new DateOnly(year, month, day), string.IsNullOrEmpty(note) ? null : note), null);
    }

    public static string Format(DateOnly? date, string? note) => (date, string.IsNullOrWhiteSpace(note) ? null : note.Trim()) switch
    {
        ({ } d, null) => Iso(d),
        ({ } d, { } n) => $"{Iso(d)}（{n}）",
        (null, { } n) => n,
        _ => "",
    };

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static (Deadline?, string?) NoteOnly(string value)
        => value.Length > NoteMaxLength ? (null, $"既不是日期，作为时限说明又超过了 {NoteMaxLength} 个字符。") : (new Deadline(null, value), null);

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    // A year of four digits keeps "6月30日前" (no year) a note; a time after the date is what Excel adds to a date-time cell.
    [GeneratedRegex(@"^(?<y>\d{4})\s*[-/.年]\s*(?<m>\d{1,2})\s*[-/.月]\s*(?<d>\d{1,2})\s*日?(\s+\d{1,2}:\d{2}(:\d{2})?)?$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^(?<date>\d{4}[^（(]*?)\s*[（(](?<note>.+)[）)]$")]
    private static partial Regex DateWithNote();
}
