using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Sources;
using DutyDesk.Platform.Data;

namespace DutyDesk.Integration.Tests.Opinion;

/// <summary>The vendor push endpoint: token plus HMAC over the exact body, idempotent batches, clear refusals.</summary>
public sealed class PushTests
{
    private const string Batch = """
        {"items":[
          {"id":"v-1","url":"https://weibo.com/1/abc","title":"家长反映第一中学食堂饭菜变质","text":"多名学生腹痛","published":"2026-11-29 20:15","site":"weibo.com","reads":1200,"comments":35,"reposts":"8"},
          {"id":"v-2","url":"https://tieba.baidu.com/p/2","title":"第一中学运动会","text":"同学们精神饱满"},
          {"id":"v-3","url":"https://example.cn/3","title":"","text":""}
        ]}
        """;

    [Theory]
    [BothProviders]
    public async Task Push_GoodSignature_AddsItemsAndResendAddsNothing(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (sourceId, secret) = await PushSourceAsync(host);
        using var api = await ApiClient.ForUserAsync(host, "yz.office");
        var body = Encoding.UTF8.GetBytes(Batch);

        using var first = await PostAsync(api, sourceId, body, ReceivePush.Sign(secret, body));
        var firstResult = await OutcomeAsync(first);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        using var again = await PostAsync(api, sourceId, body, ReceivePush.Sign(secret, body));
        var againResult = await OutcomeAsync(again);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((2, 0), (firstResult.GetProperty("added").GetInt32(), firstResult.GetProperty("duplicates").GetInt32()));
        var rejected = Assert.Single(firstResult.GetProperty("rejected").EnumerateArray());
        Assert.Equal(3, rejected.GetProperty("position").GetInt32());
        Assert.Equal((0, 2), (againResult.GetProperty("added").GetInt32(), againResult.GetProperty("duplicates").GetInt32()));
        var items = await IntakeTestData.ItemsAsync(host, sourceId);
        Assert.Equal(2, items.Count);
        var meal = items.Single(i => i.Title.Contains("食堂", StringComparison.Ordinal));
        Assert.Equal((1200L, 35L, 8L, "weibo.com"), (meal.Reads, meal.Comments, meal.Reposts, meal.Site));
        Assert.Equal(new DateTime(2026, 11, 29, 12, 15, 0, DateTimeKind.Utc), meal.PublishedAt);
        var source = await IntakeTestData.SourceAsync(host, sourceId);
        Assert.Equal(host.Clock.GetUtcNow().UtcDateTime, source.LastSuccessAt!.Value, TimeSpan.FromMilliseconds(1));
        var audits = await IntakeTestData.AuditDetailsAsync(host, "opinion.item.push");
        Assert.Equal(2, audits.Count);
        Assert.Contains("新增 2", audits[0], StringComparison.Ordinal);
        Assert.Contains("重复 2", audits[1], StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Push_BadOrMissingSignature_ForbiddenInChineseAndNothingStored(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (sourceId, secret) = await PushSourceAsync(host);
        using var api = await ApiClient.ForUserAsync(host, "yz.office");
        var body = Encoding.UTF8.GetBytes(Batch);
        var tampered = Encoding.UTF8.GetBytes(Batch.Replace("1200", "9999", StringComparison.Ordinal));

        using var missing = await PostAsync(api, sourceId, body, null);
        using var wrongBody = await PostAsync(api, sourceId, tampered, ReceivePush.Sign(secret, body));
        using var wrongKey = await PostAsync(api, sourceId, body, ReceivePush.Sign("dps_not-the-secret", body));
        using var garbage = await PostAsync(api, sourceId, body, "sha256=xyz");

        foreach (var (response, words) in new[] { (missing, "缺少签名"), (wrongBody, "签名不符"), (wrongKey, "签名不符"), (garbage, "签名格式不对") })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var problem = await ProblemAsync(response);
            Assert.Contains(words, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.True(problem.GetProperty("errors").TryGetProperty(ReceivePush.SignatureHeader, out _));
        }

        Assert.Empty(await IntakeTestData.ItemsAsync(host, sourceId));
        Assert.Null((await IntakeTestData.SourceAsync(host, sourceId)).LastSuccessAt);
        Assert.Empty(await IntakeTestData.AuditDetailsAsync(host, "opinion.item.push"));
    }

    [Theory]
    [BothProviders]
    public async Task Push_TokenOfOtherUnitOrOfNonConfigurer_RefusedAndNothingStored(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (sourceId, secret) = await PushSourceAsync(host);
        var body = Encoding.UTF8.GetBytes(Batch);
        using var otherUnit = await ApiClient.ForUserAsync(host, "xx.monitor");
        using var reporter = await ApiClient.ForUserAsync(host, "yz.reviewer");

        using var outside = await PostAsync(otherUnit, sourceId, body, ReceivePush.Sign(secret, body));
        using var notConfigurer = await PostAsync(reporter, sourceId, body, ReceivePush.Sign(secret, body));

        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notConfigurer.StatusCode);
        Assert.Contains("令牌所有者", (await ProblemAsync(notConfigurer)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await IntakeTestData.ItemsAsync(host, sourceId));
    }

    [Theory]
    [BothProviders]
    public async Task Push_ToFeedSource_ValidationOnKind(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var feedId = await IntakeTestData.CreateSourceAsync(host, "某论坛订阅", SourceKind.Feed, "https://bbs.example.cn/rss");
        using var api = await ApiClient.ForUserAsync(host, "yz.office");
        var body = Encoding.UTF8.GetBytes(Batch);

        using var response = await PostAsync(api, feedId, body, ReceivePush.Sign("dps_any", body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Contains("只有“推送接口”类型", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty("kind", out _));
        Assert.Empty(await IntakeTestData.ItemsAsync(host, feedId));
    }

    [Theory]
    [BothProviders]
    public async Task Push_TooManyItemsOrTooLargeBody_ValidationNamingTheFieldAndNothingStored(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (sourceId, secret) = await PushSourceAsync(host);
        using var api = await ApiClient.ForUserAsync(host, "yz.office");
        var many = JsonSerializer.SerializeToUtf8Bytes(new { items = Enumerable.Range(1, ReceivePush.MaxItems + 1).Select(i => new { id = $"n-{i}", title = $"第 {i} 条" }) });
        var large = JsonSerializer.SerializeToUtf8Bytes(new { items = new[] { new { id = "big", title = "大", text = new string('很', 2_000_000) } } });
        Assert.True(large.Length > ReceivePush.MaxBodyBytes);

        using var tooMany = await PostAsync(api, sourceId, many, ReceivePush.Sign(secret, many));
        using var tooLarge = await PostAsync(api, sourceId, large, ReceivePush.Sign(secret, large));

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        var manyProblem = await ProblemAsync(tooMany);
        Assert.True(manyProblem.GetProperty("errors").TryGetProperty("items", out _));
        Assert.Contains("最多 1000 条", manyProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
        var largeProblem = await ProblemAsync(tooLarge);
        Assert.True(largeProblem.GetProperty("errors").TryGetProperty("body", out _));
        Assert.Contains("5 MB", largeProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await IntakeTestData.ItemsAsync(host, sourceId));
    }

    private static async Task<(Guid Id, string Secret)> PushSourceAsync(TestHost host)
    {
        var id = await IntakeTestData.CreateSourceAsync(host, "某监测服务商", SourceKind.Push);
        var secret = await host.Get<ManageSources>().IssuePushSecretAsync(await host.ActorAsync("yz.office"), id);
        Assert.True(secret.IsSuccess, secret.Error?.Message);
        return (id, secret.Value);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient api, Guid sourceId, byte[] body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/opinion/sources/{sourceId}/push") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.Add(ReceivePush.SignatureHeader, signature);
        }

        return await api.SendAsync(request);
    }

    private static async Task<JsonElement> OutcomeAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
