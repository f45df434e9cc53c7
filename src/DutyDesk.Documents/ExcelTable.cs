using System.Globalization;
using System.IO.Compression;
using System.Xml;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace DutyDesk.Documents;

/// <summary>A data row of a sheet: its row number as Excel shows it, and its cells by header.</summary>
public sealed record ExcelRow(int Number, IReadOnlyDictionary<string, string> Cells)
{
    /// <summary>The cell under <paramref name="header"/>, empty when the column or the cell is missing.</summary>
    public string this[string header] => Cells.GetValueOrDefault(ExcelTable.HeaderKey(header), "");
}

/// <summary>The sheet that held the header row, the headers found there and the non-empty rows below it.</summary>
public sealed record ExcelSheet(string Name, int HeaderRow, IReadOnlyList<string> Headers, IReadOnlyList<ExcelRow> Rows);

/// <summary>Either a sheet or the reason, in Chinese, why the file could not be read.</summary>
public sealed record ExcelReadResult(ExcelSheet? Sheet, string? Problem)
{
    public bool IsSuccess => Sheet is not null;
}

/// <summary>
/// Writes one-sheet .xlsx tables and reads them back into header → cell maps (MiniExcel). Every cell
/// is written as text, guarded against formula injection as <see cref="CsvTable"/> does; reading
/// removes that guard again, so a written table reads back unchanged.
/// </summary>
public static class ExcelTable
{
    /// <summary>The most a workbook may unpack to; a 2,000-row ledger is a few MB.</summary>
    public const long MaxUnpackedBytes = 50L * 1024 * 1024;

    public const int HeaderSearchRows = 10;

    public static byte[] Write(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        if (headers.Distinct(StringComparer.Ordinal).Count() != headers.Count)
        {
            throw new ArgumentException("Headers must be distinct.", nameof(headers));
        }

        var table = rows.Select(row =>
        {
            var record = new Dictionary<string, object>(headers.Count, StringComparer.Ordinal);
            for (var i = 0; i < headers.Count; i++)
            {
                record[headers[i]] = Guard(i < row.Count ? row[i] : null);
            }

            return record;
        }).ToList();
        using var output = new MemoryStream();
        if (table.Count == 0)
        {
            // MiniExcel takes the header from the first record: an empty table writes its header as its only row.
            var header = headers.ToDictionary(h => h, h => (object)Guard(h), StringComparer.Ordinal);
            MiniExcel.SaveAs(output, new[] { header }, printHeader: false, sheetName: sheetName, configuration: Configuration());
        }
        else
        {
            MiniExcel.SaveAs(output, table, sheetName: sheetName, configuration: Configuration());
        }

        return output.ToArray();
    }

    /// <summary>
    /// Reads the first sheet that has, within its first <see cref="HeaderSearchRows"/> rows, a row holding
    /// every one of <paramref name="requiredHeaders"/>; headers match ignoring spaces and line breaks.
    /// Rows with no text are skipped; their numbers still count, so messages can name the real row.
    /// </summary>
    public static ExcelReadResult Read(Stream xlsx, IReadOnlyCollection<string> requiredHeaders, int maxRows, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(xlsx);
        ArgumentNullException.ThrowIfNull(requiredHeaders);
        var bytes = ReadBounded(xlsx, maxBytes);
        if (bytes is null)
        {
            return Fail($"文件超过大小上限 {SizeText(maxBytes)}。");
        }

        if (ContainerProblem(bytes) is { } problem)
        {
            return Fail(problem);
        }

        var required = requiredHeaders.Select(HeaderKey).ToList();
        try
        {
            List<string> sheetNames;
            using (var stream = new MemoryStream(bytes, writable: false))
            {
                sheetNames = MiniExcel.GetSheetNames(stream);
            }

            foreach (var name in sheetNames)
            {
                using var stream = new MemoryStream(bytes, writable: false);
                var result = ReadSheet(stream, name, required, maxRows);
                if (result is not null)
                {
                    return result;
                }
            }

            var sheets = sheetNames.Count == 0 ? "（无工作表）" : string.Join("、", sheetNames.Select(s => $"“{s}”"));
            return Fail($"找不到表头行：工作表 {sheets} 的前 {HeaderSearchRows} 行中没有同时含有 {string.Join("", requiredHeaders.Select(h => $"“{h}”"))} 的一行。");
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or InvalidOperationException or FormatException
                                       or ArgumentException or IndexOutOfRangeException or NullReferenceException or KeyNotFoundException or IOException)
        {
            // MiniExcel reports a damaged package through whichever exception its parser hit first.
            return Fail("文件已损坏，无法读取其中的表格。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。");
        }
    }

    /// <summary>A cell that would start a formula (= + - @, tab, CR) is prefixed with ' so no spreadsheet evaluates it.</summary>
    public static string Guard(string? value)
        => string.IsNullOrEmpty(value) ? "" : value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    /// <summary>Undoes <see cref="Guard"/>: a ' before a formula character is dropped.</summary>
    public static string Unguard(string value)
        => value is ['\'', '=' or '+' or '-' or '@' or '\t' or '\r', ..] ? value[1..] : value;

    /// <summary>How headers are compared: without any whitespace ("完成 时限" is "完成时限").</summary>
    public static string HeaderKey(string header)
        => string.Concat((header ?? "").Where(c => !char.IsWhiteSpace(c)));

    private static ExcelReadResult? ReadSheet(Stream stream, string sheetName, List<string> required, int maxRows)
    {
        Dictionary<string, string>? columns = null; // column letter → header key
        var headerRow = 0;
        var rows = new List<ExcelRow>();
        var number = 0;
        foreach (IDictionary<string, object?> cells in MiniExcel.Query(stream, useHeaderRow: false, sheetName: sheetName))
        {
            number++;
            if (columns is null)
            {
                if (number > HeaderSearchRows)
                {
                    return null;
                }

                var keys = cells.Where(c => CellText(c.Value).Length > 0).ToDictionary(c => c.Key, c => HeaderKey(CellText(c.Value)));
                if (required.All(keys.ContainsValue))
                {
                    columns = keys.GroupBy(k => k.Value).ToDictionary(g => g.First().Key, g => g.Key);
                    headerRow = number;
                }

                continue;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (column, header) in columns)
            {
                values[header] = cells.TryGetValue(column, out var value) ? Unguard(CellText(value)) : "";
            }

            if (values.Values.All(v => v.Length == 0))
            {
                continue;
            }

            if (rows.Count == maxRows)
            {
                return Fail($"工作表“{sheetName}”的数据超过 {maxRows} 行，请分成几个文件导入。");
            }

            rows.Add(new ExcelRow(number, values));
        }

        return columns is null ? null : new ExcelReadResult(new ExcelSheet(sheetName, headerRow, [.. columns.Values], rows), null);
    }

    private static string CellText(object? value) => value switch
    {
        null => "",
        DateTime { TimeOfDay.Ticks: 0 } date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture).Trim(),
        _ => value.ToString()?.Trim() ?? "",
    };

    private static string? ContainerProblem(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return "文件是空的。";
        }

        if (bytes.AsSpan().StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }))
        {
            return "这是旧版 Excel（.xls）或加密的文件，只能导入 .xlsx：请在 Excel 或 WPS 中另存为 .xlsx 后再导入。";
        }

        if (!bytes.AsSpan().StartsWith("PK\x03\x04"u8))
        {
            return "文件不是 Excel（.xlsx）文件。";
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.GetEntry("xl/workbook.xml") is null)
            {
                return "文件不是 Excel 工作簿（可能是改了扩展名的 Word 或其他文件）。";
            }

            // A few KB that unpack to gigabytes (a "zip bomb") would exhaust memory in the parser: judge the unpacked size first.
            return zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes
                ? $"文件解压后超过 {SizeText(MaxUnpackedBytes)}，不像是一份台账表格，未导入。"
                : null;
        }
        catch (InvalidDataException)
        {
            return "文件已损坏，无法作为 .xlsx 打开。";
        }
    }

    private static byte[]? ReadBounded(Stream input, long maxBytes)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (copy.Length + read > maxBytes)
            {
                return null;
            }

            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }

    private static OpenXmlConfiguration Configuration() => new() { FastMode = true, EnableAutoWidth = true, MaxWidth = 60, AutoFilter = false, FreezeRowCount = 1 };

    private static string SizeText(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / 1024.0 / 1024.0:0.#} MB" : $"{bytes / 1024.0:0.#} KB";

    private static ExcelReadResult Fail(string problem) => new(null, problem);
}
