using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Features.Audit;
using DutyDesk.Platform.Features.Units;
using DutyDesk.Platform.Features.Users;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Units;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests;

/// <summary>系统管理员 / 安全管理员 / 审计员: none can do another's work, and every refusal is audited.</summary>
public sealed class AdminSeparationTests
{
    [Theory]
    [BothProviders]
    public async Task QueryAudit_SystemAdmin_ForbiddenAndAudited(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);

        var page = await host.Get<QueryAudit>().HandleAsync(await host.ActorAsync("admin"), new AuditFilter());
        var export = await host.Get<QueryAudit>().ExportCsvAsync(await host.ActorAsync("admin"), new AuditFilter());

        Assert.Equal(ErrorKind.Forbidden, page.Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, export.Error?.Kind);
        Assert.Equal(2, await DeniedCountAsync(host, "admin"));
    }

    [Theory]
    [BothProviders]
    public async Task QueryAudit_Auditor_ReadsLog(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);

        var page = await host.Get<QueryAudit>().HandleAsync(await host.ActorAsync("auditor"), new AuditFilter(Action: AuditActions.UserCreate));

        Assert.True(page.IsSuccess, page.Error?.Message);
        Assert.Contains(page.Value.Rows, r => r.Detail != null && r.Detail.Contains("yz.office", StringComparison.Ordinal));
    }

    [Theory]
    [BothProviders]
    public async Task GrantRole_SystemAdmin_ForbiddenAndAudited(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var target = await host.UserIdAsync("yz.moral");

        var granted = await host.Get<ManageRoles>().GrantAsync(await host.ActorAsync("admin"),
            new GrantRoleCommand(target, await host.UnitIdAsync("第一中学"), Role.Reviewer));

        Assert.Equal(ErrorKind.Forbidden, granted.Error?.Kind);
        await using var db = await host.DbAsync();
        Assert.False(await db.RoleAssignments.AnyAsync(r => r.UserId == target && r.Role == Role.Reviewer));
        Assert.Equal(1, await DeniedCountAsync(host, "admin"));
    }

    [Theory]
    [BothProviders]
    public async Task GrantRole_SecurityAdmin_Succeeds(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var target = await host.UserIdAsync("yz.moral");

        var granted = await host.Get<ManageRoles>().GrantAsync(await host.ActorAsync("secadmin"),
            new GrantRoleCommand(target, await host.UnitIdAsync("第一中学"), Role.Reviewer));

        Assert.True(granted.IsSuccess, granted.Error?.Message);
        await using var db = await host.DbAsync();
        Assert.True(await db.RoleAssignments.AnyAsync(r => r.UserId == target && r.Role == Role.Reviewer));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.RoleGrant && a.UserName == "secadmin"));
    }

    [Theory]
    [BothProviders]
    public async Task CreateUnit_SecurityAdmin_ForbiddenAndAudited(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);

        var created = await host.Get<CreateUnit>().HandleAsync(await host.ActorAsync("secadmin"),
            new CreateUnitCommand(await host.UnitIdAsync("第一中学"), "一中团委", UnitKind.Department));

        Assert.Equal(ErrorKind.Forbidden, created.Error?.Kind);
        await using var db = await host.DbAsync();
        Assert.False(await db.Units.AnyAsync(u => u.Name == "一中团委"));
        Assert.Equal(1, await DeniedCountAsync(host, "secadmin"));
    }

    [Theory]
    [BothProviders]
    public async Task CreateUser_Auditor_ForbiddenAndAudited(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);

        var created = await host.Get<ManageUsers>().CreateAsync(await host.ActorAsync("auditor"),
            new CreateUserCommand("yz.new", "新同事", null, null, await host.UnitIdAsync("第一中学")));

        Assert.Equal(ErrorKind.Forbidden, created.Error?.Kind);
        await using var db = await host.DbAsync();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "yz.new"));
        Assert.Equal(1, await DeniedCountAsync(host, "auditor"));
    }

    [Theory]
    [BothProviders]
    public async Task ResetPassword_SystemAdminOnAuditor_ForbiddenAndPasswordUnchanged(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var auditor = await host.UserIdAsync("auditor");
        var hashBefore = await PasswordHashAsync(host, auditor);

        var reset = await host.Get<ManageUsers>().ResetPasswordAsync(await host.ActorAsync("admin"), auditor);

        Assert.Equal(ErrorKind.Forbidden, reset.Error?.Kind);
        Assert.Equal(hashBefore, await PasswordHashAsync(host, auditor));
        Assert.Equal(1, await DeniedCountAsync(host, "admin"));
    }

    [Theory]
    [BothProviders]
    public async Task ResetPassword_SystemAdminOnOrdinaryUser_IssuesNewOneTimePassword(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var person = await host.UserIdAsync("yz.moral");
        var hashBefore = await PasswordHashAsync(host, person);

        var reset = await host.Get<ManageUsers>().ResetPasswordAsync(await host.ActorAsync("admin"), person);

        Assert.True(reset.IsSuccess, reset.Error?.Message);
        Assert.NotEqual(hashBefore, await PasswordHashAsync(host, person));
    }

    [Theory]
    [BothProviders]
    public async Task GrantRole_AuditorToSystemAdmin_ValidationErrorNamingThreeRoles(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var admin = await host.UserIdAsync("admin");

        var granted = await host.Get<ManageRoles>().GrantAsync(await host.ActorAsync("secadmin"),
            new GrantRoleCommand(admin, await host.UnitIdAsync("市教育局"), Role.Auditor));

        Assert.Equal(ErrorKind.Validation, granted.Error?.Kind);
        Assert.Equal("role", granted.Error!.Field);
        Assert.Contains("三个角色", granted.Error.Message, StringComparison.Ordinal);
        await using var db = await host.DbAsync();
        Assert.False(await db.RoleAssignments.AnyAsync(r => r.UserId == admin && r.Role == Role.Auditor));
    }

    [Theory]
    [BothProviders]
    public async Task GrantRole_AdministrativeRoleToAccountStillOnOneTimePassword_Refused(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var person = await host.UserIdAsync("yz.moral");

        var granted = await host.Get<ManageRoles>().GrantAsync(await host.ActorAsync("secadmin"),
            new GrantRoleCommand(person, await host.UnitIdAsync("市教育局"), Role.Auditor));

        Assert.Equal(ErrorKind.Validation, granted.Error?.Kind);
        Assert.Contains("双因素认证", granted.Error!.Message, StringComparison.Ordinal);
        await using var db = await host.DbAsync();
        Assert.False(await db.RoleAssignments.AnyAsync(r => r.UserId == person && r.Role == Role.Auditor));
    }

    [Theory]
    [BothProviders]
    public async Task ResetPassword_SchoolAdminOnPersonWithBureauRole_Forbidden(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var schoolAdmin = await host.UserIdAsync("yz.reviewer");
        var person = await host.UserIdAsync("yz.moral");
        await using (var db = await host.DbAsync())
        {
            // yz.reviewer has set a password and enrolled TOTP, so may become 第一中学's system administrator.
            await db.Users.Where(u => u.Id == schoolAdmin).ExecuteUpdateAsync(s => s.SetProperty(u => u.MustChangePassword, false).SetProperty(u => u.TwoFactorEnabled, true));
        }

        var secadmin = await host.ActorAsync("secadmin");
        Assert.True((await host.Get<ManageRoles>().GrantAsync(secadmin, new GrantRoleCommand(schoolAdmin, await host.UnitIdAsync("第一中学"), Role.SystemAdmin))).IsSuccess);
        Assert.True((await host.Get<ManageRoles>().GrantAsync(secadmin, new GrantRoleCommand(person, await host.UnitIdAsync("市教育局"), Role.Reviewer))).IsSuccess);
        var hashBefore = await PasswordHashAsync(host, person);

        var reset = await host.Get<ManageUsers>().ResetPasswordAsync(await host.ActorAsync("yz.reviewer"), person);

        Assert.Equal(ErrorKind.Forbidden, reset.Error?.Kind);
        Assert.Equal(hashBefore, await PasswordHashAsync(host, person));
    }

    private static async Task<int> DeniedCountAsync(TestHost host, string userName)
    {
        await using var db = await host.DbAsync();
        return await db.AuditEntries.CountAsync(a => a.Action == AuditActions.AccessDenied && a.UserName == userName && a.Outcome == AuditOutcome.Denied);
    }

    private static async Task<string?> PasswordHashAsync(TestHost host, Guid userId)
    {
        await using var db = await host.DbAsync();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.PasswordHash).SingleAsync();
    }
}
