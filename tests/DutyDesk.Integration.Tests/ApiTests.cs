using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Features.Tokens;
using DutyDesk.Platform.Features.Users;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests;

/// <summary>/api/v1: hashed personal tokens, Chinese ProblemDetails, the OpenAPI document and health.</summary>
public sealed class ApiTests
{
    [Theory]
    [BothProviders]
    public async Task CreateToken_Secret_StoredOnlyAsHashAndWorks(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await host.CompleteFirstSignInAsync("yz.office");
        var issued = await host.Get<ManageTokens>().CreateAsync(await host.ActorAsync("yz.office"), new CreateTokenCommand("监测厂商", 30));
        Assert.True(issued.IsSuccess, issued.Error?.Message);
        var secret = issued.Value.Secret;

        await using (var db = await host.DbAsync())
        {
            var row = await db.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == issued.Value.Id);
            Assert.Equal(ManageTokens.Hash(secret), row.TokenHash);
            Assert.DoesNotContain(secret, row.TokenHash + row.Hint + row.Name, StringComparison.Ordinal);
            Assert.True(row.Hint.Length < secret.Length / 2);
            Assert.False(await db.AuditEntries.AnyAsync(a => a.Detail != null && a.Detail.Contains(secret)));
        }

        using var api = ApiClient.WithToken(host, secret);
        using var response = await api.GetAsync("/api/v1/units");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [BothProviders]
    public async Task CallApi_RevokedToken_401WithChineseProblem(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await host.CompleteFirstSignInAsync("yz.office");
        var actor = await host.ActorAsync("yz.office");
        var tokens = host.Get<ManageTokens>();
        var issued = (await tokens.CreateAsync(actor, new CreateTokenCommand("将吊销", 30))).Value;
        using var api = ApiClient.WithToken(host, issued.Secret);
        using (var before = await api.GetAsync("/api/v1/units"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        Assert.True((await tokens.RevokeAsync(actor, issued.Id)).IsSuccess);
        using var response = await api.GetAsync("/api/v1/units");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal("未认证", problem.GetProperty("title").GetString());
        Assert.Contains("吊销", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task CallApi_NoToken_401WithChineseProblem(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        using var anonymous = host.CreateClient();

        using var response = await anonymous.GetAsync("/api/v1/tasks/mine");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("未认证", (await ProblemAsync(response)).GetProperty("title").GetString());
    }

    [Theory]
    [BothProviders]
    public async Task PostUnit_EmptyName_400ProblemNamingField(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        using var api = await ApiClient.ForUserAsync(host, "admin");
        var unitsBefore = await CountUnitsAsync(host);

        using var response = await api.PostAsJsonAsync("/api/v1/units", new { parentId = await host.UnitIdAsync("第一中学"), name = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ProblemAsync(response);
        Assert.Equal("请求有误", problem.GetProperty("title").GetString());
        var nameErrors = problem.GetProperty("errors").GetProperty("name");
        Assert.Contains("单位名称", nameErrors[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(unitsBefore, await CountUnitsAsync(host));
    }

    [Theory]
    [BothProviders]
    public async Task PostUnit_MalformedJson_400WithChineseTitle(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        using var api = await ApiClient.ForUserAsync(host, "admin");
        var unitsBefore = await CountUnitsAsync(host);

        using var body = new StringContent("{\"parentId\": \"not-a-guid\", \"name\": ", Encoding.UTF8, "application/json");
        using var response = await api.PostAsync("/api/v1/units", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal("请求有误", problem.GetProperty("title").GetString());
        Assert.Equal(unitsBefore, await CountUnitsAsync(host));
    }

    [Theory]
    [BothProviders]
    public async Task GetOpenApiDocument_Anonymous_ListsUnitEndpoints(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"/api/v1/units\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/api/v1/tasks/{id}\"", document, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task GetHealth_Anonymous_HealthyWithProviderName(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
        Assert.Equal(provider.ToString(), health.RootElement.GetProperty("checks").GetProperty("database").GetProperty("provider").GetString());
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrWhiteSpace(text), $"HTTP {(int)response.StatusCode} came without a ProblemDetails body.");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    [Theory]
    [BothProviders]
    public async Task GetObligationCalendar_YearAndOutOfRangeYear_EntriesOrChineseProblem(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        using var client = await ApiClient.ForUserAsync(host, "yz.office");

        using var year = await client.GetAsync("/api/v1/responsibility/calendar/2026");
        using var outOfRange = await client.GetAsync("/api/v1/responsibility/calendar/1800");

        Assert.Equal(HttpStatusCode.OK, year.StatusCode);
        using var entries = JsonDocument.Parse(await year.Content.ReadAsStringAsync());
        Assert.Equal(12, entries.RootElement.EnumerateArray().Count(e => e.GetProperty("code").GetString() == "risk-screening"));
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        Assert.Contains("年度", await outOfRange.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task CallApi_OwnerStillOnOneTimePassword_401(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var token = await host.Get<ManageTokens>().CreateAsync(await host.ActorAsync("yz.office"), new CreateTokenCommand("脚本", 30));
        using var client = ApiClient.WithToken(host, token.Value.Secret);

        using var response = await client.GetAsync("/api/v1/units");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("一次性密码", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task ResetPassword_OwnersTokens_RevokedAtOnce(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        using var client = await ApiClient.ForUserAsync(host, "yz.moral");
        using var before = await client.GetAsync("/api/v1/units");

        var reset = await host.Get<ManageUsers>().ResetPasswordAsync(await host.ActorAsync("admin"), await host.UserIdAsync("yz.moral"));
        using var after = await client.GetAsync("/api/v1/units");

        Assert.True(reset.IsSuccess, reset.Error?.Message);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    private static async Task<int> CountUnitsAsync(TestHost host)
    {
        await using var db = await host.DbAsync();
        return await db.Units.CountAsync();
    }
}
