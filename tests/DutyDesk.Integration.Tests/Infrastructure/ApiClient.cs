using System.Net.Http.Headers;
using DutyDesk.Platform.Features.Tokens;

namespace DutyDesk.Integration.Tests.Infrastructure;

public static class ApiClient
{
    /// <summary>
    /// An HttpClient that calls /api/v1 with a new personal token of the user, who has (as a real
    /// integrator would have) replaced the one-time password first: tokens of accounts still on
    /// one-time passwords are refused.
    /// </summary>
    public static async Task<HttpClient> ForUserAsync(TestHost host, string userName)
    {
        await host.CompleteFirstSignInAsync(userName);
        var token = await host.Get<ManageTokens>().CreateAsync(await host.ActorAsync(userName), new CreateTokenCommand("integration test", 30));
        Assert.True(token.IsSuccess, token.Error?.Message);
        return WithToken(host, token.Value.Secret);
    }

    public static HttpClient WithToken(TestHost host, string secret)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}
