using System.Text.RegularExpressions;
using DutyDesk.E2E.Infrastructure;
using DutyDesk.E2E.Pages;

namespace DutyDesk.E2E;

/// <summary>
/// The first day of an installation, in a real browser against the real host: the administrator signs
/// in with the one-time password, changes it, binds TOTP, creates a unit and a user; the auditor then
/// does the same sign-in steps and finds both changes, and the sign-ins, in the audit log.
/// </summary>
public sealed class AdministrationJourneyTests : BrowserJourney
{
    private const string AdminPassword = "Zerenta2025admin";
    private const string AuditorPassword = "Shenji2025auditor";
    private const string ParentUnit = "第一中学";
    private const string NewUnit = "一中语文教研组";
    private const string NewUserName = "yz.chinese";
    private const string NewUserDisplayName = "陈语文";

    [Fact(Timeout = 180_000)]
    public Task FirstDay_AdminCreatesUnitAndUser_AuditorSeesBothInAuditLog()
        => RunAsync(async page =>
        {
            await AdministratorSetsUpAsync(page);
            await AuditorReviewsAsync(page);
        });

    private async Task AdministratorSetsUpAsync(IPage page)
    {
        var login = new LoginPage(page);
        var shell = new AppShell(page);

        // 1. Anonymous visitors are sent to the sign-in page; a wrong password is refused in Chinese.
        await page.GotoAsync("/");
        await login.ExpectShownAsync();
        await Screenshots.TakeAsync(page, "login", readmeImage: "login.png");
        await login.SignInAsync("admin", "Wrong-password-1");
        await Expect(login.Error).ToContainTextAsync("登录名或密码不正确");
        await login.ExpectShownAsync();
        await Screenshots.TakeAsync(page, "login-wrong-password");

        // 2. The one-time password works once, and must be replaced at once.
        await login.SignInAsync("admin", Server.Credentials.PasswordOf("admin"));
        await ChangeOneTimePasswordAsync(page, Server.Credentials.PasswordOf("admin"), AdminPassword);

        // 3. An administrative role requires TOTP before anything else.
        await EnableTwoFactorAsync(page);
        await Expect(shell.UserName).ToHaveTextAsync("系统管理员");

        // 4. A new unit under 第一中学; an empty name is refused and adds nothing.
        var units = new UnitsPage(page);
        await units.OpenAsync();
        await Expect(units.Row(ParentUnit)).ToBeVisibleAsync();
        var unitCount = await units.Rows.CountAsync();
        await units.OpenCreateChildOfAsync(ParentUnit);
        await units.ConfirmAsync();
        await Expect(units.DialogError).ToContainTextAsync(new Regex("单位名称.*不能为空"));
        await Expect(units.Dialog).ToBeVisibleAsync();
        await Expect(units.Rows).ToHaveCountAsync(unitCount);
        await units.TypeNameAsync(NewUnit);
        await units.ConfirmAsync();
        await Expect(units.Dialog).ToBeHiddenAsync();
        await Expect(units.Row(NewUnit)).ToBeVisibleAsync();
        await Expect(units.Rows).ToHaveCountAsync(unitCount + 1);
        await Screenshots.TakeAsync(page, "units", readmeImage: "units.png");

        // 5. A new user in the new unit gets a one-time password shown once.
        var users = new UsersPage(page);
        await users.OpenAsync();
        await users.OpenNewUserAsync();
        await users.FillAsync(NewUserName, NewUserDisplayName);
        await users.ChooseHomeUnitAsync(NewUnit);
        await users.SaveAsync();
        await Expect(users.IssuedPassword).ToHaveTextAsync(new Regex(@"^\s*\S{10,}\s*$"));
        await Screenshots.TakeAsync(page, "users-issued-password");
        await users.AcknowledgePasswordAsync();
        await Expect(users.IssuedPassword).ToBeHiddenAsync();
        var row = users.Row(NewUserName);
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync(NewUserDisplayName);
        await Expect(row).ToContainTextAsync(NewUnit);
        await Expect(row).ToContainTextAsync("待改密");

        // 6. Signing out ends the session and says so.
        await shell.SignOutAsync();
        await login.ExpectShownAsync();
        await Expect(login.Notice).ToContainTextAsync("您已安全退出");
        await page.GotoAsync(UnitsPage.Path);
        await login.ExpectShownAsync();
    }

    private async Task AuditorReviewsAsync(IPage page)
    {
        var login = new LoginPage(page);
        var shell = new AppShell(page);

        // 7. The auditor goes through the same first sign-in, then reads the log.
        await page.GotoAsync("/");
        await login.ExpectShownAsync();
        await login.SignInAsync("auditor", Server.Credentials.PasswordOf("auditor"));
        await ChangeOneTimePasswordAsync(page, Server.Credentials.PasswordOf("auditor"), AuditorPassword);
        await EnableTwoFactorAsync(page);
        await Expect(shell.UserName).ToHaveTextAsync("审计员");

        var audit = new AuditPage(page);
        await audit.OpenAsync();
        await Expect(audit.RowsOf("新建单位", NewUnit)).ToHaveCountAsync(1);
        await Expect(audit.RowsOf("新建单位", NewUnit)).ToContainTextAsync($"{ParentUnit} / {NewUnit}");
        await Expect(audit.RowsOf("新建用户", NewUserName)).ToHaveCountAsync(1);
        await Expect(audit.RowsOf("新建用户", NewUserName)).ToContainTextAsync($"{NewUserName}（{NewUserDisplayName}），单位：{NewUnit}");
        await Expect(audit.RowsOf("登录", "admin").First).ToBeVisibleAsync();
        await Expect(audit.RowsOf("登录", "auditor").First).ToBeVisibleAsync();
        await Expect(audit.RowsOf("登录", "admin").Filter(new() { HasTextString = "失败" }).First).ToBeVisibleAsync();
        await Expect(audit.RowsOf("退出登录", "admin")).ToHaveCountAsync(1);
        await Expect(audit.UserCells.Filter(new() { HasTextString = "auditor" }).First).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "audit", readmeImage: "audit.png");

        await audit.FilterByUserAsync("admin");
        await Expect(audit.UserCells.Filter(new() { HasNotTextRegex = new Regex(@"^\s*admin\s*$") })).ToHaveCountAsync(0);
        await Expect(audit.UserCells.First).ToHaveTextAsync("admin");
        await Expect(audit.RowsOf("新建单位", NewUnit)).ToHaveCountAsync(1);
        await Screenshots.TakeAsync(page, "audit-filtered-admin");
    }

    private static async Task ChangeOneTimePasswordAsync(IPage page, string oneTimePassword, string newPassword)
    {
        var change = new ChangePasswordPage(page);
        await change.ExpectShownAsync();
        await Expect(change.MustChangeNotice).ToContainTextAsync("一次性密码");
        await change.SubmitAsync(oneTimePassword, newPassword, newPassword + "x");
        await Expect(change.Error).ToContainTextAsync("不一致");
        await change.ExpectShownAsync();
        await change.SubmitAsync(oneTimePassword, newPassword, newPassword);
    }

    private static async Task EnableTwoFactorAsync(IPage page)
    {
        var twoFactor = new TwoFactorPage(page);
        await twoFactor.ExpectShownAsync();
        await Expect(twoFactor.RequiredNotice).ToContainTextAsync("必须启用双因素认证");
        await twoFactor.EnableAsync();
        await twoFactor.ContinueAsync();
        await new AppShell(page).ExpectHomeAsync();
    }
}
