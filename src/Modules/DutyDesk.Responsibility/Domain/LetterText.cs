namespace DutyDesk.Responsibility.Domain;

/// <summary>The words of a letter (or of a template): a title, a header, the three parts and a closing.</summary>
public sealed record LetterContent(string Title, string Header, string Responsibilities, string Accountability, string Assessment, string Closing)
{
    public const int TitleMaxLength = 200;
    public const int HeaderMaxLength = 2000;
    public const int PartMaxLength = 20000;
    public const int ClosingMaxLength = 2000;

    /// <summary>
    /// The form in which texts are stored: LF line endings and no surrounding blank space, so that a
    /// browser sending CRLF and one sending LF store (and later sign) the same text.
    /// </summary>
    public LetterContent Normalised() => new(
        LetterText.Normalise(Title), LetterText.Normalise(Header), LetterText.Normalise(Responsibilities),
        LetterText.Normalise(Accountability), LetterText.Normalise(Assessment), LetterText.Normalise(Closing));
}

/// <summary>How a letter's stored text becomes the text a signer signs, and the text everybody reads.</summary>
public static class LetterText
{
    public const string UnitField = "{单位}";
    public const string YearField = "{年度}";
    public const string PostField = "{职务}";
    public const string SignerField = "{签署人}";

    public const string ResponsibilitiesHeading = "一、具体责任";
    public const string AccountabilityHeading = "二、责任追究";
    public const string AssessmentHeading = "三、考核评价";

    public static readonly IReadOnlyList<string> Fields = [UnitField, YearField, PostField, SignerField];

    /// <summary>A template made concrete for one unit and year; {职务} and {签署人} stay for each signer's copy.</summary>
    public static LetterContent ForUnitAndYear(LetterContent template, string unitName, int year)
    {
        ArgumentNullException.ThrowIfNull(template);
        var yearText = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string Fill(string text) => text.Replace(UnitField, unitName, StringComparison.Ordinal).Replace(YearField, yearText, StringComparison.Ordinal);
        return new LetterContent(Fill(template.Title), Fill(template.Header), Fill(template.Responsibilities), Fill(template.Accountability), Fill(template.Assessment), Fill(template.Closing));
    }

    /// <summary>
    /// The canonical text of one signer's copy — the exact string whose UTF-8 bytes are hashed when
    /// the signer signs and hashed again whenever the signature is checked. It is, joined by a single
    /// LF (U+000A) and with no trailing line break: the title; the header; "一、具体责任" and part one;
    /// "二、责任追究" and part two; "三、考核评价" and part three; the closing; and the line
    /// "签署人：{post}　{name}" (one ideographic space U+3000 between). {职务} and {签署人} are replaced
    /// by the post and name stored with the signature; nothing else is changed: no Unicode
    /// normalisation, no trimming, no width folding, so any change to a stored character, including
    /// white space, changes the hash. Texts are normalised once, when they are stored
    /// (<see cref="LetterContent.Normalised"/>), never when they are signed or checked.
    /// </summary>
    public static string RenderFor(LetterContent content, string post, string signerName)
    {
        ArgumentNullException.ThrowIfNull(content);
        string Fill(string text) => text.Replace(PostField, post, StringComparison.Ordinal).Replace(SignerField, signerName, StringComparison.Ordinal);
        return string.Join('\n',
            Fill(content.Title),
            Fill(content.Header),
            ResponsibilitiesHeading,
            Fill(content.Responsibilities),
            AccountabilityHeading,
            Fill(content.Accountability),
            AssessmentHeading,
            Fill(content.Assessment),
            Fill(content.Closing),
            $"签署人：{post}\u3000{signerName}");
    }

    /// <summary>A text for readers of the letter as a whole: each signer's post and name left as a blank.</summary>
    public static string ForReaders(string text)
        => (text ?? "").Replace(PostField, "＿＿＿＿", StringComparison.Ordinal).Replace(SignerField, "＿＿＿＿", StringComparison.Ordinal);

    public static string Normalise(string? text)
        => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();

    /// <summary>一 … 九十九, for numbering items the way official documents do: （一）（二）….</summary>
    public static string ChineseNumber(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 99);
        const string digits = "零一二三四五六七八九";
        if (number < 10)
        {
            return digits[number].ToString();
        }

        var tens = number / 10;
        var ones = number % 10;
        return (tens == 1 ? "" : digits[tens].ToString()) + "十" + (ones == 0 ? "" : digits[ones].ToString());
    }
}
