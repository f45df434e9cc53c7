using System.Text.RegularExpressions;
using DutyDesk.E2E.Infrastructure;
using DutyDesk.E2E.Pages;

namespace DutyDesk.E2E;

/// <summary>
/// 舆情监测 in a real browser: the leading-group office sets up a push source (its secret shown once), writes a
/// scheme and tries it before saving (a broken expression is refused at its field), reports a post it saw, and
/// follows it from the stream to the item, its event and the events list, and finds the correction counted on the
/// sentiment model page. Screenshots go to artifacts/screenshots.
/// </summary>
public sealed class OpinionPagesTests : BrowserJourney
{
    private const string Office = "yz.office";
    private const string OfficePassword = "Bangong2025office";
    private const string PostTitle = "第一中学食堂饭菜变质？家长质疑";
    private const string PostText = "有家长在群里说，第一中学食堂今天的饭菜变质，孩子吃了肚子疼，希望学校尽快说明情况。";

    [Fact(Timeout = 240_000)]
    public Task Office_SchemeReportAndEvent_PagesShowThem()
        => RunAsync(async page =>
        {
            await SignInFirstTimeAsync(page);

            var sources = new SourcesPage(page);
            await sources.OpenAsync();
            await sources.AddPushSourceAsync("某监测服务商推送");
            await Expect(sources.Rows.Filter(new() { HasTextString = "某监测服务商推送" })).ToContainTextAsync("推送接口");
            await sources.IssueSecretAsync("某监测服务商推送");
            await Expect(sources.SecretDialog.Locator("#push-secret")).ToHaveTextAsync(new Regex("^dps_[0-9a-f]{48}$"));
            await Expect(sources.SecretDialog.Locator("#push-endpoint")).ToContainTextAsync("X-DutyDesk-Signature: sha256=");
            await Screenshots.TakeAsync(page, "opinion-push-secret");
            await sources.SecretDialog.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
            await Expect(sources.SecretDialog).ToBeHiddenAsync();

            var scheme = new SchemeEditPage(page);
            await scheme.OpenNewFromListAsync();
            await scheme.FillGroupsAsync("学校综合监测", "第一中学\n一中", "食堂\n收费\n变质");
            await scheme.UseExpressionAsync("第一中学 AND (食堂");
            await scheme.PreviewTextAsync(PostText);
            await Expect(scheme.ErrorFor("expression")).ToContainTextAsync("语法错误");
            await Screenshots.TakeAsync(page, "opinion-scheme-expression-error");
            await scheme.UseGroupsAsync();
            await scheme.PreviewTextAsync(PostText);
            await Expect(scheme.TextPreview).ToContainTextAsync("命中");
            await Expect(scheme.TextPreview.Locator("mark").First).ToHaveTextAsync("第一中学");
            await scheme.PreviewStoredAsync();
            await Expect(scheme.StoredPreview).ToContainTextAsync("近 30 天共 0 条信息");
            await scheme.PreviewTextAsync(PostText);
            await Screenshots.TakeAsync(page, "opinion-scheme-preview");
            await scheme.SaveAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/opinion/schemes$"));
            await Expect(scheme.SchemesTable).ToContainTextAsync("学校综合监测");
            await Screenshots.TakeAsync(page, "opinion-schemes");

            var items = new ItemsPage(page);
            await items.OpenAsync();
            await items.ReportAsync("https://bbs.example.cn/thread/20261130", PostTitle, PostText, "家长微信群");
            await Expect(items.ReportOutcome).ToContainTextAsync("已报送");
            await items.CloseReportAsync();
            await Expect(items.Items).ToHaveCountAsync(1);
            var item = items.Items.First;
            await Expect(item.Locator("a.dd-item-title")).ToHaveAttributeAsync("rel", "noopener noreferrer");
            await Expect(item.Locator("a.dd-item-title")).ToHaveAttributeAsync("target", "_blank");
            await Expect(item.Locator(".dd-item-excerpt mark").First).ToHaveTextAsync("第一中学");
            await Expect(item.Locator(".dd-scheme")).ToHaveTextAsync("学校综合监测");
            await Screenshots.TakeAsync(page, "opinion-items");

            // The same address again is recognised, not stored twice.
            await items.ReportAsync("https://bbs.example.cn/thread/20261130", PostTitle, PostText, "抖音评论区");
            await Expect(items.ReportOutcome).ToContainTextAsync("此前已收录");
            await items.CloseReportAsync();
            await Expect(items.Items).ToHaveCountAsync(1);

            await item.Locator("a.dd-item-detail").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/opinion/items/[0-9a-f-]{36}$"));
            await Interactivity.WaitUntilInteractiveAsync(page);
            await Expect(page.Locator(Interactivity.Live("#item-text mark")).First).ToHaveTextAsync("第一中学");
            await Expect(page.Locator("#item-facts")).ToContainTextAsync("家长微信群");
            await Expect(page.Locator("#item-facts")).ToContainTextAsync("孙磊");
            // The officer corrects the machine's label to another one; the machine's stays beside it.
            var machine = (await page.Locator(Interactivity.Live("#item-machine")).InnerTextAsync()).Trim();
            var corrected = machine.StartsWith("负面", StringComparison.Ordinal) ? "正面" : "负面";
            await page.Locator(Interactivity.Live("#item-correct label")).Filter(new() { HasTextString = corrected }).ClickAsync();
            await page.Locator(Interactivity.Live("#item-correct-save")).ClickAsync();
            await Expect(page.Locator(Interactivity.Live("#item-analysis"))).ToContainTextAsync($"已由人工更正为“{corrected}”");
            await Expect(page.Locator(Interactivity.Live("#item-machine"))).ToHaveTextAsync(machine);
            await Screenshots.TakeAsync(page, "opinion-item");

            await page.Locator(Interactivity.Live("#item-case")).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/opinion/cases/[0-9a-f-]{36}$"));
            await Interactivity.WaitUntilInteractiveAsync(page);
            await Expect(page.Locator(Interactivity.Live("#case-rule"))).Not.ToBeEmptyAsync();
            await Expect(page.Locator(Interactivity.Live("#case-items .dd-item"))).ToHaveCountAsync(1);
            await Screenshots.TakeAsync(page, "opinion-case");

            await page.GotoAsync("/opinion/cases");
            await Interactivity.WaitUntilInteractiveAsync(page);
            await Expect(page.Locator(Interactivity.Live("#cases-table .ant-table-tbody tr.ant-table-row"))).ToHaveCountAsync(1);
            await Screenshots.TakeAsync(page, "opinion-cases");

            await sources.OpenAsync();
            await Expect(sources.Rows.Filter(new() { HasTextString = "人工报送" })).ToContainTextAsync("人工报送");
            await Screenshots.TakeAsync(page, "opinion-sources");

            // The one correction is counted; retraining waits for enough of both sides, the shipped model stays in use.
            await page.GotoAsync("/opinion/sentiment");
            await Interactivity.WaitUntilInteractiveAsync(page);
            await Expect(page.Locator(Interactivity.Live("#sentiment-corrections"))).ToContainTextAsync("1 条");
            await Expect(page.Locator(Interactivity.Live("#sentiment-model"))).ToContainTextAsync("默认模型");
            await Expect(page.Locator(Interactivity.Live("#sentiment-retrain"))).ToBeDisabledAsync();
            await Expect(page.Locator(Interactivity.Live("#sentiment-retrain-reason"))).ToContainTextAsync("各至少需要 5 条");
            await Screenshots.TakeAsync(page, "opinion-sentiment");
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
