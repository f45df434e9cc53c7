using System.Net;
using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Platform.Data;
using DutyDesk.Web.Components.Account;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests;

/// <summary>Sessions are server-side rows: idle time-out and sign-out end them for every holder of the cookie.</summary>
public sealed class SessionTests
{
    [Theory]
    [BothProviders]
    public async Task Request_SessionIdleLongerThanTimeout_RefusedAndSessionEndedAsIdle(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        using var client = host.CreateClient();
        using var signIn = await LoginForm.SubmitAsync(client, "yz.moral", host.Credentials.PasswordOf("yz.moral"));
        using var beforeIdle = await client.GetAsync("/account/change-password");

        host.Clock.Advance(TimeSpan.FromMinutes(31));
        using var afterIdle = await client.GetAsync("/account/change-password");

        Assert.Equal(HttpStatusCode.OK, beforeIdle.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterIdle.StatusCode);
        Assert.StartsWith("/account/login", afterIdle.Headers.Location?.PathAndQuery ?? afterIdle.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var session = Assert.Single(await SessionsAsync(host, "yz.moral"));
        Assert.Equal("idle", session.EndReason);
    }

    [Theory]
    [BothProviders]
    public async Task Request_ActiveWithinTimeout_SessionStaysOpen(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        using var client = host.CreateClient();
        using var signIn = await LoginForm.SubmitAsync(client, "yz.moral", host.Credentials.PasswordOf("yz.moral"));

        for (var i = 0; i < 3; i++)
        {
            host.Clock.Advance(TimeSpan.FromMinutes(20));
            using var page = await client.GetAsync("/account/change-password");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        Assert.Null(Assert.Single(await SessionsAsync(host, "yz.moral")).EndedAt);
    }

    [Theory]
    [BothProviders]
    public async Task Logout_CopiedCookieReplayedAfterSignOut_Refused(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        using var client = host.CreateClient();
        using var signIn = await LoginForm.SubmitAsync(client, "yz.moral", host.Credentials.PasswordOf("yz.moral"));
        var cookie = signIn.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("DutyDesk.Auth=", StringComparison.Ordinal)).Split(';')[0];

        using var formPage = await client.GetAsync("/account/change-password");
        var token = LoginForm.HiddenValue(await formPage.Content.ReadAsStringAsync(), "__RequestVerificationToken");
        using var logoutBody = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        using var logout = await client.PostAsync("/account/logout", logoutBody);

        using var replay = host.CreateClient();
        replay.DefaultRequestHeaders.Add("Cookie", cookie);
        using var replayed = await replay.GetAsync("/account/change-password");

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal("/account/login?reason=signed-out", logout.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/account/login", replayed.Headers.Location?.PathAndQuery ?? replayed.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal("sign-out", Assert.Single(await SessionsAsync(host, "yz.moral")).EndReason);
    }

    public static TheoryData<int, bool, IdleDecision> IdleCases => new()
    {
        // minutes since last activity, ended in the database, decision (time-out 30 min)
        { 0, false, IdleDecision.Continue },
        { 29, false, IdleDecision.Continue },
        { 30, false, IdleDecision.EndForIdle },
        { 45, false, IdleDecision.EndForIdle },
        { 1, true, IdleDecision.EndedElsewhere },
        { 45, true, IdleDecision.EndedElsewhere },
    };

    [Theory]
    [MemberData(nameof(IdleCases))]
    public void IdlePolicy_Decide_ByIdleTimeAndSessionRow(int idleMinutes, bool ended, IdleDecision expected)
    {
        var now = new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);

        Assert.Equal(expected, IdlePolicy.Decide(now.AddMinutes(-idleMinutes), now, TimeSpan.FromMinutes(30), ended));
    }

    [Fact]
    public async Task CircuitHandler_SessionEnded_DropsEveryMessageFromTheBrowser()
    {
        var session = new CircuitSession();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        session.Start(Guid.NewGuid(), Guid.NewGuid(), clock.GetUtcNow().UtcDateTime);
        var handler = new IdleCircuitHandler(session, clock, new Platform.Scope.ClientInfo(new Microsoft.AspNetCore.Http.HttpContextAccessor()), new Microsoft.AspNetCore.Http.HttpContextAccessor());
        var delivered = 0;
        var inbound = handler.CreateInboundActivityHandler(_ =>
        {
            delivered++;
            return Task.CompletedTask;
        });

        clock.Advance(TimeSpan.FromMinutes(5));
        await inbound(null!);
        var activityRecorded = session.LastActivity;
        session.End();
        await inbound(null!);
        await inbound(null!);

        Assert.Equal(1, delivered);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, activityRecorded);
    }

    private static async Task<List<Platform.Identity.UserSession>> SessionsAsync(TestHost host, string userName)
    {
        var userId = await host.UserIdAsync(userName);
        await using var db = await host.DbAsync();
        return await db.Sessions.AsNoTracking().Where(s => s.UserId == userId).ToListAsync();
    }
}
