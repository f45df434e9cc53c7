using DutyDesk.E2E.Infrastructure;
using DutyDesk.E2E.Pages;

namespace DutyDesk.E2E;

/// <summary>
/// 分级标准 in a real browser: the leading-group office sees the defaults and the 51–99 gap, a URL typed as a
/// mainstream domain is refused at its field, then closing the gap and adding a key-area word is saved for the
/// school. The screenshot continues the numbering of the opinion journey (its last is 10-opinion-sentiment).
/// </summary>
public sealed class GradingPageTests : BrowserJourney
{
    private const string Office = "yz.office";
    private const string OfficePassword = "Bangong2025office";

    [Fact(Timeout = 180_000)]
    public Task Office_GradingSaved_SourceBecomesOwnAndGapClosed()
        => RunAsync(async page =>
        {
            await SignInFirstTimeAsync(page);
            var grading = new GradingPage(page);
            await grading.OpenAsync();
            await Expect(grading.Source).ToContainTextAsync("系统默认");
            await Expect(grading.Gap).ToContainTextAsync("51–99");

            await grading.SetListAsync("grading-mainstream-domains", "people.com.cn", "xinhuanet.com", "http://x");
            await grading.SaveAsync();
            await Expect(grading.ErrorFor("mainstreamDomains")).ToContainTextAsync("“主流媒体域名”第 3 行 “http://x” 不是域名");
            await Expect(grading.SaveDialog).ToBeHiddenAsync();
            await Expect(grading.Source).ToContainTextAsync("系统默认");

            await grading.SetListAsync("grading-mainstream-domains", "people.com.cn", "xinhuanet.com", "news.cn", "cctv.com");
            await grading.SetListAsync("grading-key-area-words", "招生", "考试", "食品安全", "食堂", "校园安全", "欺凌", "校车");
            await grading.SetNumberAsync("grading-larger-from", 51);
            await Expect(grading.Gap).ToBeHiddenAsync();
            await grading.SaveAsync();
            await Expect(grading.Done).ToContainTextAsync("已保存");
            await Expect(grading.SaveDialog).ToBeHiddenAsync();
            await Expect(grading.Source).ToContainTextAsync("本单位");
            await Expect(grading.Source).ToContainTextAsync("孙磊");
            await Expect(page.Locator(Interactivity.Live("#grading-reset"))).ToBeEnabledAsync();
            await Expect(page.Locator(Interactivity.Live("#grading-levels"))).ToContainTextAsync("合计 ≥ 51");
            await page.Locator(Interactivity.Live("h1.dd-page-title")).ClickAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(Screenshots.Directory, "11-opinion-grading.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled,
            });
        });

    private async Task SignInFirstTimeAsync(IPage page)
    {
        var login = new LoginPage(page);
        await page.GotoAsync("/");
        await login.ExpectShownAsync();
        var oneTime = Server.Credentials.PasswordOf(Office);
        await login.SignInAsync(Office, oneTime);
        var change = new ChangePasswordPage(page);
        await change.ExpectShownAsync();
        await change.SubmitAsync(oneTime, OfficePassword, OfficePassword);
        await new AppShell(page).ExpectHomeAsync();
    }
}
