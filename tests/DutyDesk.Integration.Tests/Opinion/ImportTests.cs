using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DutyDesk.Documents;
using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Sources;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests.Opinion;

/// <summary>File import (CSV in UTF-8 or GBK, XLSX, JSON): columns by header, every row checked, all or nothing.</summary>
public sealed class ImportTests
{
    private const string Csv = "标题,正文,网址,发布时间,站点,阅读,评论,转发\r\n"
                               + "第一中学食堂饭菜变质,\"多名学生腹痛，家长质疑\",https://weibo.com/1/abc,2026/11/29 20:15,微博,1.2万,\"1,024\",8\r\n"
                               + "第一中学运动会,同学们精神饱满,https://news.example.cn/2,2026-11-28,,,,\r\n";

    [Theory]
    [BothProviders]
    public async Task Import_Utf8CsvThroughApi_AddsRowsIntoFileSourceAndReimportAddsNothing(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unitId = await host.UnitIdAsync("第一中学");
        using var api = await ApiClient.ForUserAsync(host, "yz.office");

        using var first = await UploadAsync(api, unitId, Encoding.UTF8.GetBytes(Csv), "导出.csv");
        var firstResult = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        using var again = await UploadAsync(api, unitId, Encoding.UTF8.GetBytes(Csv), "导出.csv");
        var againResult = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((2, 2, 0), (firstResult.GetProperty("rows").GetInt32(), firstResult.GetProperty("added").GetInt32(), firstResult.GetProperty("duplicates").GetInt32()));
        Assert.Equal((0, 2), (againResult.GetProperty("added").GetInt32(), againResult.GetProperty("duplicates").GetInt32()));
        var sourceId = firstResult.GetProperty("sourceId").GetGuid();
        var source = await IntakeTestData.SourceAsync(host, sourceId);
        Assert.Equal((ImportItems.SourceName, SourceKind.FileImport, unitId), (source.Name, source.Kind, source.UnitId));
        var items = await IntakeTestData.ItemsAsync(host, sourceId);
        var meal = items.Single(i => i.Title == "第一中学食堂饭菜变质");
        Assert.Equal(("多名学生腹痛，家长质疑", 12_000L, 1024L, 8L, "微博"), (meal.Text, meal.Reads, meal.Comments, meal.Reposts, meal.Site));
        Assert.Equal(new DateTime(2026, 11, 29, 12, 15, 0, DateTimeKind.Utc), meal.PublishedAt);
        Assert.Equal("news.example.cn", items.Single(i => i.Title == "第一中学运动会").Site);
        var audits = await IntakeTestData.AuditDetailsAsync(host, "opinion.item.import");
        Assert.Equal(2, audits.Count);
        Assert.Contains("导出.csv", audits[0], StringComparison.Ordinal);
        Assert.Contains("新增 2", audits[0], StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Import_GbkCsv_DecodedAsChinese(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var gbk = CodePagesEncodingProvider.Instance.GetEncoding(936)!.GetBytes(Csv);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(gbk));

        var imported = await ImportAsync(host, gbk, "gbk.csv");

        Assert.Equal(2, imported.Added);
        var titles = (await IntakeTestData.ItemsAsync(host, imported.SourceId!.Value)).Select(i => i.Title).ToList();
        Assert.Equal(["第一中学运动会", "第一中学食堂饭菜变质"], titles.Order(StringComparer.Ordinal));
    }

    [Theory]
    [BothProviders]
    public async Task Import_XlsxWithEnglishHeadersIntoNamedSource_Added(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var sourceId = await IntakeTestData.CreateSourceAsync(host, "服务商日报", SourceKind.FileImport);
        var xlsx = ExcelTable.Write("Sheet1", ["Title", "Text", "URL", "Published", "Reads", "id"],
        [
            ["家长投诉第一中学乱收费", "补课收费", "https://bbs.example.cn/t/9", "2026-11-30 08:00", "300", "A-1"],
            ["第一中学获奖", "", "", "", "", "A-2"],
        ]);

        var imported = await ImportAsync(host, xlsx, "日报.xlsx", sourceId);

        Assert.Equal((sourceId, 2, 2), (imported.SourceId, imported.Rows, imported.Added));
        var items = await IntakeTestData.ItemsAsync(host, sourceId);
        var fee = items.Single(i => i.Title == "家长投诉第一中学乱收费");
        Assert.Equal((300L, "bbs.example.cn", new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc)), (fee.Reads, fee.Site, fee.PublishedAt!.Value));
        Assert.StartsWith("id:", fee.DedupeKey, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Import_JsonArrayAndItemsObject_BothRead(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var array = """[{"title":"第一中学校门口交通拥堵","url":"https://a.example.cn/1","reads":40},{"标题":"第一中学举办讲座","正文":"安全教育"}]""";
        var wrapped = """{"items":[{"id":"x-1","text":"有人反映第一中学宿舍漏水","published":"2026-11-30T01:00:00Z","comments":"12"}]}""";

        var fromArray = await ImportAsync(host, Encoding.UTF8.GetBytes(array), "a.json");
        var fromObject = await ImportAsync(host, Encoding.UTF8.GetBytes(wrapped), "b.JSON");

        Assert.Equal((2, 1), (fromArray.Added, fromObject.Added));
        var items = await IntakeTestData.ItemsAsync(host, fromArray.SourceId!.Value);
        Assert.Equal(3, items.Count);
        Assert.Equal(40L, items.Single(i => i.Url == "https://a.example.cn/1").Reads);
        Assert.Equal("安全教育", items.Single(i => i.Title == "第一中学举办讲座").Text);
        var leak = items.Single(i => i.Text.Contains("漏水", StringComparison.Ordinal));
        Assert.Equal((12L, new DateTime(2026, 11, 30, 1, 0, 0, DateTimeKind.Utc)), (leak.Comments, leak.PublishedAt!.Value));
    }

    [Theory]
    [BothProviders]
    public async Task Import_BrokenXlsx_ValidationOnFileAndNothingStored(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var xlsx = ExcelTable.Write("Sheet1", ["标题"], [["第一中学"]]);
        var broken = xlsx[..(xlsx.Length / 2)];

        var result = await host.Get<ImportItems>().HandleAsync(
            await host.ActorAsync("yz.office"), await host.UnitIdAsync("第一中学"), null, new MemoryStream(broken), "坏文件.xlsx");

        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
        Assert.Equal("file", result.Error!.Field);
        Assert.StartsWith("无法导入：", result.Error.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(host);
    }

    [Theory]
    [BothProviders]
    public async Task Import_RowErrors_EveryRowListedInChineseAndNothingImported(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unitId = await host.UnitIdAsync("第一中学");
        using var api = await ApiClient.ForUserAsync(host, "yz.office");
        var csv = "title,url,published,reads\n"
                  + "正常的一行,https://ok.example.cn/1,2026-11-30 08:00,5\n"
                  + "网址不对,ftp://files.example.cn/2,,\n"
                  + ",,,\n"
                  + "时间不对,,昨天晚上,很多\n"
                  + ",https://no-title.example.cn,,\n";

        using var response = await UploadAsync(api, unitId, Encoding.UTF8.GetBytes(csv), "有错.csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("未导入任何数据", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var messages = problem.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("message").GetString()).ToList();
        Assert.Equal(4, messages.Count);
        Assert.StartsWith("第 3 行“网址”：", messages[0], StringComparison.Ordinal);
        Assert.StartsWith("第 5 行“发布时间”：无法识别“昨天晚上”", messages[1], StringComparison.Ordinal);
        Assert.StartsWith("第 5 行“阅读”：", messages[2], StringComparison.Ordinal);
        Assert.Equal("第 6 行：标题和内容都为空。", messages[3]);
        await AssertNothingStoredAsync(host);
    }

    private static async Task<ImportItemsOutcome> ImportAsync(TestHost host, byte[] file, string fileName, Guid? sourceId = null)
    {
        var result = await host.Get<ImportItems>().HandleAsync(
            await host.ActorAsync("yz.office"), await host.UnitIdAsync("第一中学"), sourceId, new MemoryStream(file), fileName);
        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.True(result.Value.Imported, string.Join("；", result.Value.Problems.Select(p => p.Text)));
        return result.Value;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient api, Guid unitId, byte[] file, string fileName)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", fileName);
        return await api.PostAsync($"/api/v1/opinion/units/{unitId}/items/import", form);
    }

    private static async Task AssertNothingStoredAsync(TestHost host)
    {
        await using var db = await host.DbAsync();
        Assert.False(await db.Set<Item>().AnyAsync());
        Assert.False(await db.Set<Source>().AnyAsync(s => s.Kind == SourceKind.FileImport));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "opinion.item.import"));
    }
}
