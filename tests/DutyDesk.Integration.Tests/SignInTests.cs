using System.Net;
using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests;

/// <summary>The sign-in form over HTTP: wrong passwords, lockout, the forced change of a one-time password.</summary>
public sealed class SignInTests
{
    [Theory]
    [BothProviders]
    public async Task Login_WrongPassword_ShowsErrorAndAuditsFailure(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        using var client = host.CreateClient();

        using var response = await LoginForm.SubmitAsync(client, "yz.moral", "Wrong-Password-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("登录名或密码不正确", await LoginForm.TextAsync(response), StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("DutyDesk.Auth=", StringComparison.Ordinal)));
        Assert.Equal(1, await SignInRowsAsync(host, "yz.moral", AuditOutcome.Failure));
        Assert.Equal(0, await SignInRowsAsync(host, "yz.moral", AuditOutcome.Success));
    }

    [Theory]
    [BothProviders]
    public async Task Login_UnknownUserName_SameMessageAndAuditsFailure(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        using var client = host.CreateClient();

        using var response = await LoginForm.SubmitAsync(client, "nobody.here", "Wrong-Password-1");

        Assert.Contains("登录名或密码不正确", await LoginForm.TextAsync(response), StringComparison.Ordinal);
        Assert.Equal(1, await SignInRowsAsync(host, "nobody.here", AuditOutcome.Failure));
    }

    [Theory]
    [BothProviders]
    public async Task Login_FiveWrongPasswords_LocksAccountEvenForRightPassword(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        using var client = host.CreateClient();
        var password = host.Credentials.PasswordOf("yz.moral");

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var failed = await LoginForm.SubmitAsync(client, "yz.moral", "Wrong-Password-" + attempt);
            Assert.DoesNotContain("锁定 ", await LoginForm.TextAsync(failed), StringComparison.Ordinal);
        }

        using var fifth = await LoginForm.SubmitAsync(client, "yz.moral", "Wrong-Password-5");
        using var right = await LoginForm.SubmitAsync(client, "yz.moral", password);

        Assert.Contains("账号已锁定", await LoginForm.TextAsync(fifth), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("账号已锁定", await LoginForm.TextAsync(right), StringComparison.Ordinal);
        Assert.Equal(0, await SignInRowsAsync(host, "yz.moral", AuditOutcome.Success));
        Assert.Equal(6, await SignInRowsAsync(host, "yz.moral", AuditOutcome.Failure));
    }

    [Theory]
    [BothProviders]
    public async Task Login_OneTimePassword_RedirectsThenForcesPasswordChange(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        using var client = host.CreateClient();

        using var signIn = await LoginForm.SubmitAsync(client, "yz.moral", host.Credentials.PasswordOf("yz.moral"));
        using var home = await client.GetAsync("/");
        using var api = await client.GetAsync("/api/v1/units");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/change-password", home.Headers.Location?.OriginalString);
        Assert.Equal(1, await SignInRowsAsync(host, "yz.moral", AuditOutcome.Success));
        // The sign-in cookie is not an API credential.
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Theory]
    [BothProviders]
    public async Task Login_Anonymous_HomeRedirectsToLogin(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        using var client = host.CreateClient();

        using var home = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/account/login", home.Headers.Location?.PathAndQuery ?? home.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    private static async Task<int> SignInRowsAsync(TestHost host, string userName, AuditOutcome outcome)
    {
        await using var db = await host.DbAsync();
        return await db.AuditEntries.CountAsync(a => a.Action == AuditActions.SignIn && a.UserName == userName && a.Outcome == outcome);
    }
}
