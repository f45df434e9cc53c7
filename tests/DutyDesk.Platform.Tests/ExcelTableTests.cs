using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Spreadsheet;
using DutyDesk.Documents;
using DutyDesk.Platform.Files;

namespace DutyDesk.Platform.Tests;

public sealed class ExcelTableTests
{
    private static readonly string[] Headers = ["序号", "内容", "时限"];

    [Fact]
    public void Write_ThenRead_SameHeadersAndCellsWithSheetRowNumbers()
    {
        var bytes = ExcelTable.Write("清单", Headers, [["1", "每月开展一次风险排查", "2026-06-30"], ["2", "多行\n内容", null], ["3", "全角　空格", "全年"]]);

        var read = ExcelTable.Read(new MemoryStream(bytes), ["内容"], maxRows: 100, maxBytes: 1024 * 1024);

        Assert.True(read.IsSuccess, read.Problem);
        var sheet = read.Sheet!;
        Assert.Equal("清单", sheet.Name);
        Assert.Equal(1, sheet.HeaderRow);
        Assert.Equal(Headers, sheet.Headers);
        Assert.Equal([2, 3, 4], sheet.Rows.Select(r => r.Number));
        Assert.Equal(["每月开展一次风险排查", "多行\n内容", "全角　空格"], sheet.Rows.Select(r => r["内容"]));
        Assert.Equal(["2026-06-30", "", "全年"], sheet.Rows.Select(r => r["时限"]));
        Assert.Equal("", sheet.Rows[0]["没有的列"]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"点我\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\t=1")]
    public void Write_CellStartingAFormula_StoredWithQuoteAndReadBackUnchanged(string value)
    {
        var bytes = ExcelTable.Write("表", Headers, [["1", value, ""]]);

        var sheetXml = SheetXml(bytes);
        Assert.Contains(">" + EscapeXml("'" + value[..1]), sheetXml, StringComparison.Ordinal);
        Assert.DoesNotContain("<x:f>", sheetXml, StringComparison.Ordinal);
        Assert.Equal(value, ExcelTable.Read(new MemoryStream(bytes), ["内容"], 10, 1024 * 1024).Sheet!.Rows.Single()["内容"]);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("普通文字", "普通文字")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("a-b", "a-b")]
    public void Guard_Value_PrefixedOnlyWhenItWouldStartAFormula(string? value, string expected)
        => Assert.Equal(expected, ExcelTable.Guard(value));

    [Fact]
    public void Write_NoRows_HeaderOnlyAndReadsAsEmpty()
    {
        var read = ExcelTable.Read(new MemoryStream(ExcelTable.Write("表", Headers, [])), ["序号", "内容"], 10, 1024 * 1024);

        Assert.True(read.IsSuccess, read.Problem);
        Assert.Equal(Headers, read.Sheet!.Headers);
        Assert.Empty(read.Sheet.Rows);
    }

    [Fact]
    public async Task Write_AnyTable_IsRecognisedAsXlsxByTheUploadSniffer()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dd-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(path, ExcelTable.Write("表", Headers, [["1", "a", "b"]]));
        try
        {
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", await ContentSniffer.DetectAsync(path, CancellationToken.None));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_HeaderBelowATitleRowWithSpacesInHeaders_FoundAndMatched()
    {
        var bytes = ExcelTable.Write("表", ["第一中学2026年度责任清单", "列2", "列3"], [["序 号", "内\n容", " 时限 "], ["1", "甲", "乙"], ["", "", ""], ["2", "丙", ""]]);

        var sheet = ExcelTable.Read(new MemoryStream(bytes), ["序号", "内容", "时限"], 10, 1024 * 1024).Sheet!;

        Assert.Equal(2, sheet.HeaderRow);
        Assert.Equal([3, 5], sheet.Rows.Select(r => r.Number));
        Assert.Equal(["甲", "丙"], sheet.Rows.Select(r => r["内容"]));
    }

    [Fact]
    public void Read_DateAndNumberCells_TextInInvariantForm()
    {
        var bytes = Workbook(("A1", "序号", null), ("B1", "时限", null), ("A2", null, 1), ("B2", null, 46203), ("A3", null, 2.5), ("B3", "全年", null));

        var rows = ExcelTable.Read(new MemoryStream(bytes), ["序号", "时限"], 10, 1024 * 1024).Sheet!.Rows;

        Assert.Equal(["1", "2.5"], rows.Select(r => r["序号"]));
        Assert.Equal(["2026-06-30", "全年"], rows.Select(r => r["时限"]));
    }

    public static TheoryData<string, byte[], string> BrokenFiles => new()
    {
        { "empty", [], "空" },
        { "random bytes", Enumerable.Range(0, 300).Select(i => (byte)(i * 37 % 251)).ToArray(), "不是 Excel" },
        { "old .xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0], ".xls" },
        { "zip, not a workbook", Zip(("word/document.xml", "<w:document/>"), ("[Content_Types].xml", "<Types/>")), "不是 Excel 工作簿" },
        { "truncated zip", "PK\x03\x04 truncated"u8.ToArray(), "损坏" },
        { "workbook with broken sheet XML", Zip(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook><sheets><sheet")), "损坏" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Read_BrokenFile_ProblemInChinese(string kind, byte[] bytes, string expected)
    {
        var read = ExcelTable.Read(new MemoryStream(bytes), ["内容"], 10, 1024 * 1024);

        Assert.False(read.IsSuccess, kind);
        Assert.Contains(expected, read.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoSheetWithTheHeaders_ProblemNamesSheetsAndHeaders()
    {
        var read = ExcelTable.Read(new MemoryStream(ExcelTable.Write("其他表", ["甲", "乙"], [["1", "2"]])), ["序号", "内容"], 10, 1024 * 1024);

        Assert.Equal("找不到表头行：工作表 “其他表” 的前 10 行中没有同时含有 “序号”“内容” 的一行。", read.Problem);
    }

    [Fact]
    public void Read_MoreRowsThanAllowed_Problem()
    {
        var bytes = ExcelTable.Write("表", Headers, Enumerable.Range(1, 6).Select(i => (IReadOnlyList<string?>)[i.ToString(System.Globalization.CultureInfo.InvariantCulture), "x", ""]));

        Assert.True(ExcelTable.Read(new MemoryStream(bytes), ["内容"], 6, 1024 * 1024).IsSuccess);
        Assert.Contains("超过 5 行", ExcelTable.Read(new MemoryStream(bytes), ["内容"], 5, 1024 * 1024).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LargerThanMaxBytes_Problem()
    {
        var bytes = ExcelTable.Write("表", Headers, [["1", new string('字', 5000), ""]]);

        Assert.Contains("大小上限", ExcelTable.Read(new MemoryStream(bytes), ["内容"], 10, bytes.Length - 1).Problem, StringComparison.Ordinal);
        Assert.True(ExcelTable.Read(new MemoryStream(bytes), ["内容"], 10, bytes.Length).IsSuccess);
    }

    /// <summary>A workbook as Excel saves it: inline strings and numbers, and column B styled as a date (format 14).</summary>
    private static byte[] Workbook(params (string Cell, string? Text, double? Number)[] cells)
    {
        using var output = new MemoryStream();
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Create(output, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<DocumentFormat.OpenXml.Packaging.WorkbookStylesPart>().Stylesheet = new Stylesheet(
                new Fonts(new Font()), new Fills(new Fill(), new Fill()), new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
            var sheet = workbook.AddNewPart<DocumentFormat.OpenXml.Packaging.WorksheetPart>();
            var data = new SheetData();
            foreach (var row in cells.GroupBy(c => uint.Parse(c.Cell[1..], System.Globalization.CultureInfo.InvariantCulture)))
            {
                data.Append(new Row(row.Select(c => c.Text is not null
                    ? new Cell { CellReference = c.Cell, DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(c.Text)) }
                    : new Cell { CellReference = c.Cell, CellValue = new CellValue(c.Number!.Value), StyleIndex = c.Cell[0] == 'B' ? 1u : 0u })) { RowIndex = row.Key });
            }

            sheet.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets()).Append(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Sheet1" });
        }

        return output.ToArray();
    }

    private static string SheetXml(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        return reader.ReadToEnd();
    }

    private static string EscapeXml(string text) => System.Security.SecurityElement.Escape(text);

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
        }

        return output.ToArray();
    }

    [Fact]
    public void Read_SmallFileThatUnpacksHuge_RefusedBeforeParsing()
    {
        using var packed = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(packed, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var workbook = new StreamWriter(zip.CreateEntry("xl/workbook.xml").Open()))
            {
                workbook.Write("<workbook/>");
            }

            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", System.IO.Compression.CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 51; i++)
            {
                sheet.Write(zeros);
            }
        }

        var read = ExcelTable.Read(new MemoryStream(packed.ToArray()), ["内容"], 10, maxBytes: 5 * 1024 * 1024);

        Assert.True(packed.Length < 1024 * 1024);
        Assert.False(read.IsSuccess);
        Assert.Contains("解压后超过", read.Problem, StringComparison.Ordinal);
    }
}
