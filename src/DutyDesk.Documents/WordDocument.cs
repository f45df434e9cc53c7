using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DutyDesk.Documents;

/// <summary>
/// Writes .docx files in the plain official layout offices expect: A4, title centred in a bold Song
/// face, body in FangSong 3号 (16 pt), tables with a header row. Where the GB fonts are missing,
/// Word and WPS fall back to SimSun/FangSong, which every Chinese Windows has.
/// </summary>
public sealed class WordDocument
{
    private const string TitleFont = "方正小标宋简体";
    private const string BodyFont = "仿宋_GB2312";
    private const string HeadingFont = "黑体";

    private readonly List<OpenXmlElement> blocks = [];

    public WordDocument Title(string text)
    {
        blocks.Add(Paragraph(text, TitleFont, halfPoints: 44, bold: false, JustificationValues.Center, spaceAfter: 360));
        return this;
    }

    /// <summary>A heading: level 1 in 黑体, level 2 in bold 楷体, as in official documents.</summary>
    public WordDocument Heading(string text, int level = 1)
    {
        blocks.Add(level <= 1
            ? Paragraph(text, HeadingFont, halfPoints: 32, bold: false, JustificationValues.Left, spaceAfter: 120)
            : Paragraph(text, "楷体_GB2312", halfPoints: 32, bold: true, JustificationValues.Left, spaceAfter: 120));
        return this;
    }

    /// <summary>A body paragraph; line breaks in <paramref name="text"/> start new paragraphs.</summary>
    public WordDocument Paragraph(string text, bool indent = true)
    {
        foreach (var line in (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var paragraph = Paragraph(line, BodyFont, halfPoints: 32, bold: false, JustificationValues.Both, spaceAfter: 0);
            if (indent)
            {
                paragraph.ParagraphProperties!.Append(new Indentation { FirstLineChars = 200 });
            }

            blocks.Add(paragraph);
        }

        return this;
    }

    /// <summary>A right-aligned line, e.g. the issuing unit and date at the end of a letter.</summary>
    public WordDocument RightAligned(string text)
    {
        blocks.Add(Paragraph(text, BodyFont, halfPoints: 32, bold: false, JustificationValues.Right, spaceAfter: 0));
        return this;
    }

    /// <summary>A bordered table in 小四 (12 pt) with <paramref name="headers"/> repeated on every page.</summary>
    public WordDocument Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var table = new Table(new TableProperties(
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
                new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })));
        table.Append(Row(headers, header: true));
        foreach (var row in rows)
        {
            table.Append(Row(row, header: false));
        }

        blocks.Add(table);
        blocks.Add(new Paragraph());
        return this;
    }

    public WordDocument PageBreak()
    {
        blocks.Add(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
        return this;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            foreach (var block in blocks)
            {
                body.Append(block.CloneNode(deep: true));
            }

            // A4 with the official-document margins (37 mm top, 35 mm bottom, 28 mm left, 26 mm right), in twentieths of a point.
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 2098, Bottom = 1984, Left = 1588U, Right = 1474U, Header = 851U, Footer = 992U }));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>The text of a .docx, one entry per paragraph and one tab-joined entry per table row; for tests and previews.</summary>
    public static IReadOnlyList<string> ReadText(Stream docx)
    {
        using var document = WordprocessingDocument.Open(docx, isEditable: false);
        var body = document.MainDocumentPart?.Document?.Body ?? throw new InvalidDataException("不是有效的 Word 文档：缺少正文。");
        var lines = new List<string>();
        foreach (var element in body.Elements())
        {
            switch (element)
            {
                case Paragraph p:
                    lines.Add(p.InnerText);
                    break;
                case Table t:
                    lines.AddRange(t.Elements<TableRow>().Select(r => string.Join('\t', r.Elements<TableCell>().Select(c => c.InnerText))));
                    break;
            }
        }

        return lines;
    }

    private static Paragraph Paragraph(string text, string font, int halfPoints, bool bold, JustificationValues justification, int spaceAfter)
    {
        var runProperties = new RunProperties(
            new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font },
            new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (bold)
        {
            runProperties.Append(new Bold());
        }

        return new Paragraph(
            new ParagraphProperties(
                new SpacingBetweenLines { After = spaceAfter.ToString(System.Globalization.CultureInfo.InvariantCulture), Line = "560", LineRule = LineSpacingRuleValues.Exact },
                new Justification { Val = justification }),
            new Run(runProperties, new Text(text ?? "") { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static TableRow Row(IEnumerable<string?> cells, bool header)
    {
        var row = new TableRow();
        if (header)
        {
            row.Append(new TableRowProperties(new TableHeader()));
        }

        foreach (var cell in cells)
        {
            var runProperties = new RunProperties(
                new RunFonts { Ascii = BodyFont, HighAnsi = BodyFont, EastAsia = header ? HeadingFont : BodyFont },
                new FontSize { Val = "24" });
            var paragraphs = (cell ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
                .Select(line => new Paragraph(new Run((RunProperties)runProperties.CloneNode(true), new Text(line) { Space = SpaceProcessingModeValues.Preserve })));
            row.Append(new TableCell(paragraphs));
        }

        return row;
    }
}
