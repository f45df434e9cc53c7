using System.Globalization;
using System.Text;
using System.Text.Json;
using DutyDesk.Documents;
using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Ingest;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Sources;

/// <summary>One problem of one row (or JSON entry) of an imported file, e.g. 第 5 行“发布时间”：无法识别“昨天”。</summary>
public sealed record ImportProblem(int Row, string Column, string Message, string Unit = "行")
{
    public string Text => Column.Length == 0 ? $"第 {Row} {Unit}：{Message}" : $"第 {Row} {Unit}“{Column}”：{Message}";
}

/// <summary>What an import did, or every row problem found (and then nothing was imported).</summary>
public sealed record ImportItemsOutcome(Guid? SourceId, int Rows, int Added, int Duplicates, int Matched, IReadOnlyList<ImportProblem> Problems)
{
    public bool Imported => Problems.Count == 0;
}

/// <summary>
/// Imports a file of posts (CSV, XLSX or JSON) into a unit's monitoring through the pipeline, from a file-import
/// source: the one named, or the unit's "文件导入" source, created on first use as manual reports do. Every row is
/// checked first; one bad row imports nothing and the answer lists all of them. Importing the same file again
/// adds nothing, since every row goes through the pipeline's unique key.
/// </summary>
/// <remarks>
/// The columns are found by header, Chinese or English; see <see cref="Columns"/>. Anyone who may report items
/// in the unit may import them: a file is a batch of reports.
/// </remarks>
internal sealed class ImportItems(IDbContextFactory<AppDbContext> dbFactory, IngestPipeline pipeline, TimeProvider clock)
{
    public const string SourceName = "文件导入";
    public const int MaxRows = 5000;
    public const long MaxBytes = 10 * 1024 * 1024;
    private const int MaxProblemsListed = 200;

    /// <summary>The fields of a post and the headers (or JSON keys) that name them, compared without case and whitespace.</summary>
    public static readonly IReadOnlyList<(string Field, string Label, string[] Headers)> Columns =
    [
        ("id", "编号", ["id", "编号"]),
        ("title", "标题", ["title", "标题"]),
        ("text", "内容", ["text", "content", "内容", "正文"]),
        ("url", "网址", ["url", "link", "网址", "链接"]),
        ("published", "发布时间", ["published", "发布时间"]),
        ("site", "站点", ["site", "站点"]),
        ("reads", "阅读", ["reads", "阅读", "阅读数"]),
        ("comments", "评论", ["comments", "评论", "评论数"]),
        ("reposts", "转发", ["reposts", "转发", "转发数"]),
    ];

    private static readonly string[] LocalDateFormats =
    [
        "yyyy-M-d H:mm:ss", "yyyy-M-d H:mm", "yyyy-M-d", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm", "yyyy/M/d",
        "yyyy年M月d日 H:mm:ss", "yyyy年M月d日 H:mm", "yyyy年M月d日H:mm", "yyyy年M月d日", "yyyy.M.d H:mm", "yyyy.M.d",
    ];

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task<Result<ImportItemsOutcome>> HandleAsync(Actor actor, Guid unitId, Guid? sourceId, Stream content, string fileName, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!actor.CanSee(unitId) || !await db.Units.AnyAsync(u => u.Id == unitId, ct))
        {
            return Error.NotFound("单位");
        }

        if (!OpinionAccess.Reports(actor, unitId))
        {
            await db.AuditDeniedAsync(clock, actor, "导入舆情信息", "Unit", unitId.ToString(), ct);
            return Error.Forbidden($"只有本单位的{OpinionAccess.ReportersText}可以导入舆情信息。");
        }

        Source? chosen = null;
        if (sourceId is { } id)
        {
            chosen = await db.Set<Source>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.UnitId == unitId, ct);
            if (chosen is null)
            {
                return Error.NotFound("信息源");
            }

            if (chosen.Kind != SourceKind.FileImport)
            {
                return Error.Validation("sourceId", $"信息源“{chosen.Name}”是“{ManageSources.KindName(chosen.Kind)}”类型，只能导入到“文件导入”类型的信息源。");
            }
        }

        var bytes = await ReceivePush.ReadAtMostAsync(content, MaxBytes, ct);
        if (bytes is null)
        {
            return Error.Validation("file", $"无法导入：文件超过大小上限 {MaxBytes / 1024 / 1024} MB，请分成几个文件导入。");
        }

        var table = Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
        {
            ".csv" => ReadCsv(bytes),
            ".xlsx" => ReadXlsx(bytes),
            ".json" => ReadJson(bytes),
            _ => Error.Validation("file", $"无法导入“{fileName}”：只能导入 .csv、.xlsx 或 .json 文件。"),
        };
        if (!table.IsSuccess)
        {
            return table.Error!;
        }

        var (rows, unit) = table.Value;
        if (rows.Count == 0)
        {
            return Error.Validation("file", "无法导入：文件中没有数据行。");
        }

        var problems = new List<ImportProblem>();
        var items = new List<IncomingItem>();
        foreach (var row in rows)
        {
            var found = new List<ImportProblem>();
            var item = ToItem(row, unit, found);
            problems.AddRange(found);
            if (found.Count == 0)
            {
                items.Add(item);
            }
        }

        if (problems.Count > 0)
        {
            return new ImportItemsOutcome(null, rows.Count, 0, 0, 0, Listed(problems, unit));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var target = chosen?.Id ?? await IntakeSource.ForAsync(db, unitId, SourceKind.FileImport, SourceName, now, ct);
        await db.SaveChangesAsync(ct); // the pipeline reads the source in its own context
        var outcome = await pipeline.IngestAsync(target, items, ct);
        db.Audit(clock, actor, OpinionAudit.ItemImport, "Source", target.ToString(), unitId,
            detail: $"{fileName}：{rows.Count} {unit}，新增 {outcome.Added}，重复 {outcome.Duplicates}，命中方案 {outcome.Matched}");
        await db.SaveChangesAsync(ct);
        await db.Set<Source>().Where(s => s.Id == target)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastAttemptAt, now).SetProperty(x => x.LastSuccessAt, now), ct);
        return new ImportItemsOutcome(target, rows.Count, outcome.Added, outcome.Duplicates, outcome.Matched, []);
    }

    /// <summary>Text of an uploaded or fetched file: UTF-8 (with or without BOM) when it is valid UTF-8, else GB18030 (a superset of GBK/GB2312, what Excel saves in a Chinese locale).</summary>
    public static string DecodeText(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var body = bytes.AsSpan();
        if (body.StartsWith(Encoding.UTF8.Preamble))
        {
            body = body[Encoding.UTF8.Preamble.Length..];
        }

        try
        {
            return StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return System.Text.CodePagesEncodingProvider.Instance.GetEncoding(54936)!.GetString(body);
        }
    }

    private static Result<(List<ImportRow> Rows, string Unit)> ReadCsv(byte[] bytes)
    {
        var records = CsvTable.Read(DecodeText(bytes));
        if (records.Count == 0)
        {
            return Error.Validation("file", "无法导入：文件是空的。");
        }

        var header = Header(records[0].Select(h => h.TrimStart('\uFEFF')).ToList());
        if (!header.IsSuccess)
        {
            return header.Error!;
        }

        if (records.Count - 1 > MaxRows)
        {
            return Error.Validation("file", $"无法导入：数据超过 {MaxRows} 行，请分成几个文件导入。");
        }

        var rows = new List<ImportRow>();
        for (var r = 1; r < records.Count; r++)
        {
            var cells = header.Value.Where(c => c.Index < records[r].Count).ToDictionary(c => c.Field, c => ExcelTable.Unguard(records[r][c.Index].Trim()));
            if (cells.Values.Any(v => v.Length > 0))
            {
                rows.Add(new ImportRow(r + 1, cells));
            }
        }

        return (rows, "行");
    }

    private static Result<(List<ImportRow> Rows, string Unit)> ReadXlsx(byte[] bytes)
    {
        // No required headers: the first row is the header row, and its columns are recognised below in either language.
        using var stream = new MemoryStream(bytes, writable: false);
        var read = ExcelTable.Read(stream, [], MaxRows, MaxBytes);
        if (!read.IsSuccess)
        {
            return Error.Validation("file", "无法导入：" + read.Problem);
        }

        var sheet = read.Sheet!;
        var header = Header(sheet.Headers);
        if (!header.IsSuccess)
        {
            return header.Error!;
        }

        var rows = sheet.Rows
            .Select(r => new ImportRow(r.Number, header.Value.ToDictionary(c => c.Field, c => r.Cells.GetValueOrDefault(sheet.Headers[c.Index], ""))))
            .ToList();
        return (rows, "行");
    }

    private static Result<(List<ImportRow> Rows, string Unit)> ReadJson(byte[] bytes)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return Error.Validation("file", $"无法导入：文件不是有效的 JSON，第 {(e.LineNumber ?? 0) + 1} 行附近有误。");
        }

        using (document)
        {
            var root = document.RootElement;
            var list = root.ValueKind == JsonValueKind.Array ? root
                : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array ? items
                : (JsonElement?)null;
            if (list is null)
            {
                return Error.Validation("file", "无法导入：JSON 须是条目数组，或 {\"items\":[…]}。");
            }

            if (list.Value.GetArrayLength() > MaxRows)
            {
                return Error.Validation("file", $"无法导入：条目超过 {MaxRows} 条，请分成几个文件导入。");
            }

            var rows = new List<ImportRow>();
            var number = 0;
            foreach (var entry in list.Value.EnumerateArray())
            {
                number++;
                var cells = new Dictionary<string, string>(StringComparer.Ordinal);
                if (entry.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in entry.EnumerateObject())
                    {
                        if (FieldOf(property.Name) is { } field)
                        {
                            cells[field] = property.Value.ValueKind switch
                            {
                                JsonValueKind.String => property.Value.GetString()!.Trim(),
                                JsonValueKind.Number => property.Value.GetRawText(),
                                _ => "",
                            };
                        }
                    }
                }

                rows.Add(new ImportRow(number, cells));
            }

            return (rows, "条");
        }
    }

    private static Result<List<(string Field, int Index)>> Header(IReadOnlyList<string> headers)
    {
        var columns = new List<(string Field, int Index)>();
        for (var i = 0; i < headers.Count; i++)
        {
            if (FieldOf(headers[i]) is { } field && columns.All(c => c.Field != field))
            {
                columns.Add((field, i));
            }
        }

        return columns.Any(c => c.Field is "title" or "text")
            ? columns
            : Error.Validation("file", "无法导入：第一行须是表头，且至少有“标题”或“内容”（title/text）一列。可识别的列："
                                       + string.Join("、", Columns.Select(c => string.Join("/", c.Headers))) + "。");
    }

    private static string? FieldOf(string header)
    {
        var key = ExcelTable.HeaderKey(header).ToLowerInvariant();
        return Columns.FirstOrDefault(c => c.Headers.Contains(key, StringComparer.Ordinal)).Field;
    }

    private static IncomingItem ToItem(ImportRow row, string unit, List<ImportProblem> problems)
    {
        void Problem(string field, string message)
            => problems.Add(new ImportProblem(row.Number, field.Length == 0 ? "" : Columns.First(c => c.Field == field).Label, message, unit));

        var title = row["title"];
        var text = row["text"];
        if (title.Length == 0 && text.Length == 0)
        {
            Problem("", "标题和内容都为空。");
        }

        if (title.Length > Item.TitleMaxLength)
        {
            Problem("title", $"不能超过 {Item.TitleMaxLength} 个字符（当前 {title.Length} 个）。");
        }

        if (text.Length > Item.TextMaxLength)
        {
            Problem("text", $"不能超过 {Item.TextMaxLength} 个字符（当前 {text.Length} 个）。");
        }

        var url = row["url"];
        if (url.Length > 0 && (url.Length > Item.UrlMaxLength || ItemKey.CanonicalUrl(url) is null))
        {
            Problem("url", $"“{Shorten(url)}”不是以 http:// 或 https:// 开头的完整网址。");
        }

        if (row["id"].Length > 200)
        {
            Problem("id", "不能超过 200 个字符。");
        }

        DateTimeOffset? published = null;
        if (row["published"] is { Length: > 0 } when)
        {
            published = Date(when);
            if (published is null)
            {
                Problem("published", $"无法识别“{Shorten(when)}”，请写成 2026-11-30 08:30 这样的北京时间。");
            }
        }

        long Count(string field)
        {
            var value = row[field];
            if (value.Length == 0)
            {
                return 0;
            }

            if (Number(value) is { } number)
            {
                return number;
            }

            Problem(field, $"“{Shorten(value)}”不是非负整数（可写 1200 或 1.2万）。");
            return 0;
        }

        return new IncomingItem(
            row["id"] is { Length: > 0 } externalId ? externalId : null, url.Length > 0 ? url : null, title, text, published,
            row["site"] is { Length: > 0 } site ? site : null, Count("reads"), Count("comments"), Count("reposts"));
    }

    /// <summary>A time as exports write it: in China time when it has no zone, else as <see cref="JsonFieldMap.Date"/> reads it.</summary>
    public static DateTimeOffset? Date(string value)
    {
        var text = value.Trim();
        return DateTime.TryParseExact(text, LocalDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowInnerWhite, out var local)
            ? new DateTimeOffset(local, TimeSpan.FromHours(8))
            : JsonFieldMap.Date(text);
    }

    /// <summary>A count as exports write it: 1200, 1,200, 1.2万, 3亿.</summary>
    public static long? Number(string value)
    {
        var text = value.Trim().Replace(",", "", StringComparison.Ordinal).Replace("+", "", StringComparison.Ordinal);
        var factor = 1m;
        if (text.EndsWith('万'))
        {
            (factor, text) = (10_000m, text[..^1]);
        }
        else if (text.EndsWith('亿'))
        {
            (factor, text) = (100_000_000m, text[..^1]);
        }

        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) && number * factor <= long.MaxValue
               && (factor > 1 || decimal.Truncate(number) == number)
            ? (long)decimal.Round(number * factor)
            : null;
    }

    private static List<ImportProblem> Listed(List<ImportProblem> problems, string unit)
        => problems.Count <= MaxProblemsListed
            ? problems
            : [.. problems.Take(MaxProblemsListed), new ImportProblem(problems[MaxProblemsListed].Row, "", $"及以后另有 {problems.Count - MaxProblemsListed} 处错误未列出。", unit)];

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private sealed record ImportRow(int Number, IReadOnlyDictionary<string, string> Cells)
    {
        public string this[string field] => Cells.GetValueOrDefault(field, "");
    }
}
