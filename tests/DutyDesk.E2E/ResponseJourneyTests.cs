using System.Text.RegularExpressions;
using DutyDesk.E2E.Infrastructure;
using DutyDesk.E2E.Pages;

namespace DutyDesk.E2E;

/// <summary>
/// 舆情处置 in a real browser, from a post on a loopback RSS feed to the closed case: the poller fetches it, it
/// forms an event, the office confirms Ⅲ and opens the case, the countdowns run, facts are reported in time, a
/// correction request without the facts is refused at its field, and so on through the procedure.
/// </summary>
public sealed class ResponseJourneyTests : BrowserJourney
{
    private const string Office = "yz.office";
    private const string OfficePassword = "Bangong2025office";
    private const string Leader = "yz.leader";
    private const string LeaderPassword = "Fenguan2025leader";
    private const string PostTitle = "第一中学食堂饭菜里吃出异物，家长质疑";
    private const string PostText = "有家长反映，第一中学食堂今天的饭菜里吃出了异物，孩子回家说肚子不舒服，希望学校尽快调查说明。";

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["DutyDesk:Opinion:Poller:AllowPrivateAddresses"] = "true",
        ["DutyDesk:Opinion:Poller:IntervalSeconds"] = "1",
        ["DutyDesk:Opinion:Poller:HostSpacingSeconds"] = "0",
    };

    [Fact(Timeout = 300_000)]
    public async Task Office_FeedPostToClosedCase_CountdownsAndStepsAlongTheWay()
    {
        await using var feed = await FeedServer.StartAsync();
        feed.Publish((PostTitle, PostText, "https://bbs.example.cn/thread/9001", DateTimeOffset.UtcNow.AddMinutes(-5)));
        await RunAsync(async page =>
        {
            await SignInFirstTimeAsync(page);
            var scheme = new SchemeEditPage(page);
            await scheme.OpenNewFromListAsync();
            await scheme.FillGroupsAsync("学校综合监测", "第一中学\n一中", "食堂\n异物\n变质");
            await scheme.SaveAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/opinion/schemes$"));
            var sources = new SourcesPage(page);
            await sources.OpenAsync();
            await sources.AddFeedSourceAsync("本地论坛", feed.FeedUrl);

            // The poller fetches the feed within seconds; the post forms an event.
            var events = page.Locator(Interactivity.Live("#cases-table a.dd-case-link"));
            await Poll.UntilAsync(async () =>
            {
                await page.GotoAsync("/opinion/cases");
                await Interactivity.WaitUntilInteractiveAsync(page);
                return await events.CountAsync() > 0;
            }, TimeSpan.FromSeconds(60));
            await events.First.ClickAsync();
            await Interactivity.WaitUntilInteractiveAsync(page);

            var response = new ResponsePages(page);
            await response.OpenFromEventAsync("III", "家长群内持续转发，负面情绪上升");
            await Expect(page).ToHaveURLAsync(new Regex("/opinion/response/[0-9a-f-]{36}$"));
            await Interactivity.WaitUntilInteractiveAsync(page);
            await Expect(response.Step).ToHaveTextAsync("发现");
            await Expect(response.Countdown("ReportToGroup")).ToContainTextAsync("剩余");
            await Expect(response.Countdown("OfficialResponse")).ToContainTextAsync("剩余 11 小时");
            await Screenshots.TakeAsync(page, "response-case-opened");

            await response.MoveAsync("ReportFacts", null);
            await Expect(response.ErrorFor("note")).ToContainTextAsync("“快报内容”不能为空");
            await response.Modal.Locator("#move-note").FillAsync("家长反映食堂饭菜有异物，学校已封存当日留样，正在核实。");
            await response.Modal.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
            await Expect(response.Step).ToHaveTextAsync("快报");
            await Expect(response.Countdown("ReportToGroup")).ToHaveTextAsync("按时完成");

            await response.RecordActionAsync("CorrectionRequest", "向论坛申请更正“食物中毒”的说法", target: "本地论坛", url: "https://bbs.example.cn/thread/9001");
            await Expect(response.ErrorFor("facts")).ToContainTextAsync("证明内容不实的事实");
            await response.Modal.Locator("#action-facts").FillAsync("经区疾控中心检测，当日留样未检出致病菌，无学生就医。");
            await response.Modal.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
            await Expect(response.Timeline).ToContainTextAsync("向平台申请更正（本地论坛）");

            await response.MoveAsync("Consult", "会商决定：当日发布事实通报；德育处调查食材来源；暂停该供应商。");
            await Expect(response.Step).ToHaveTextAsync("会商");
            await Screenshots.TakeAsync(page, "response-case-reported");

            var caseUrl = page.Url;

            await response.OpenBoardAsync();
            await Expect(response.Board.Locator("[data-level='III'] .dd-board-card")).ToHaveCountAsync(1);
            await Expect(response.Board.Locator("[data-level='III'] .dd-countdown").First).ToContainTextAsync("剩余");
            await Screenshots.TakeAsync(page, "response-board");

            // The unit's own channel, kept by the office; publications can only name such channels.
            await page.GotoAsync("/opinion/channels");
            await Interactivity.WaitUntilInteractiveAsync(page);
            await page.Locator(Interactivity.Live("#channel-new")).ClickAsync();
            await response.Modal.Locator("#channel-name").FillAsync("第一中学官方微博");
            await response.Modal.Locator("#channel-url").FillAsync("https://weibo.example.cn/dyzx");
            await response.Modal.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
            await Expect(page.Locator(Interactivity.Live("#channel-list"))).ToContainTextAsync("第一中学官方微博");
            await Screenshots.TakeAsync(page, "response-channels");

            // The office drafts the fact report and submits it to the leading group.
            await response.OpenCaseAsync(caseUrl, "通稿");
            await page.Locator(Interactivity.Live("#statement-new")).ClickAsync();
            await page.Locator("#statement-title").FillAsync("关于第一中学食堂饭菜问题的情况通报");
            await page.Locator("#statement-text").FillAsync("11月30日，有家长反映我校食堂饭菜中发现异物。学校高度重视，已第一时间封存当日留样并送检，暂停相关供应商供货，调查结果将及时公布。");
            await page.Locator("#statement-save").ClickAsync();
            await Expect(page.Locator(Interactivity.Live("#statement-submit"))).ToBeVisibleAsync();
            await page.Locator("#statement-submit").ClickAsync();
            await Expect(page.Locator(Interactivity.Live("#statement-list"))).ToContainTextAsync("送审");
            await Screenshots.TakeAsync(page, "response-statement-submitted");

            // The leader in charge approves it: the case moves to 通稿.
            await new AppShell(page).SignOutAsync();
            await SignInFirstTimeAsync(page, Leader, LeaderPassword);
            await response.OpenCaseAsync(caseUrl, "通稿");
            await page.Locator(Interactivity.Live("#statement-list button")).First.ClickAsync();
            await page.Locator(Interactivity.Live("#statement-approve")).ClickAsync();
            await Expect(response.Step).ToHaveTextAsync("通稿");
            await Screenshots.TakeAsync(page, "response-statement-approved");

            // Published through the school's own account: 回复, the 12-hour clock kept.
            await response.OpenTabAsync("发布");
            await page.Locator("#publication-version").SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await page.Locator("#publication-channel").SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await page.Locator("#publication-url").FillAsync("https://weibo.example.cn/dyzx/status/1");
            await page.Locator("#publication-add").ClickAsync();
            await Expect(response.Step).ToHaveTextAsync("回复");
            await Expect(response.Countdown("OfficialResponse")).ToHaveTextAsync("按时完成");
            await Expect(page.Locator(Interactivity.Live("#publication-progress-due"))).ToContainTextAsync("下一次进展通报");
            await Screenshots.TakeAsync(page, "response-published");

            await response.MoveAsync("Follow", null);
            await Expect(response.Step).ToHaveTextAsync("跟踪");
            await response.MoveAsync("Calm", "连续 24 小时无新增相关信息，家长群讨论已平息。");
            await Expect(response.Step).ToHaveTextAsync("善后");
            await response.MoveAsync("Review", null);
            await Expect(response.Step).ToHaveTextAsync("总结评估");

            // The review: measured times assembled, what worked and what not, one improvement, finalised, then closed.
            await response.OpenTabAsync("总结评估");
            await page.Locator(Interactivity.Live("#review-worked")).FillAsync("快报及时，当日发布事实通报，家长情绪较快平复。");
            await page.Locator("#review-problems").FillAsync("食材供应商准入把关不严。");
            await page.Locator("#improvement-text").FillAsync("修订食材供应商准入与抽检制度");
            await page.Locator("#improvement-owner").SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await page.Locator("#improvement-due").FillAsync("2026-12-31T17:00");
            await page.Locator("#improvement-add").ClickAsync();
            await Expect(page.GetByText("改进措施已布置")).ToBeVisibleAsync();
            // Worded more precisely before the review is final: the owner's task follows.
            await page.Locator(".dd-improvement-edit").First.ClickAsync();
            await Expect(page.Locator("#improvement-editing")).ToContainTextAsync("修订食材供应商准入与抽检制度");
            await page.Locator("#improvement-text").FillAsync("修订食材供应商准入与每月抽检制度");
            await Screenshots.TakeAsync(page, "response-improvement-editing");
            await page.Locator("#improvement-save").ClickAsync();
            await Expect(page.GetByText("改进措施已修改")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "修订食材供应商准入与每月抽检制度" })).ToBeVisibleAsync();
            await page.Locator("#review-save").ClickAsync();
            // Saving re-renders the panel; a click on 定稿 while it is still saving (the button loading) opens no popover.
            await Expect(page.GetByText("总结评估已保存。")).ToBeVisibleAsync();
            await Expect(page.Locator("#review-finalise")).Not.ToHaveClassAsync(new Regex("ant-btn-loading"));
            await page.Locator("#review-finalise").ClickAsync();
            await page.Locator(".ant-popover .ant-btn-primary").ClickAsync();
            await Expect(page.Locator(Interactivity.Live("#review-finalised"))).ToContainTextAsync("定稿");
            await Screenshots.TakeAsync(page, "response-review");
            await response.MoveAsync("Close", null);
            await Expect(response.Step).ToHaveTextAsync("已结案");
            await response.OpenTabAsync("时间线");
            await Expect(response.Timeline).ToContainTextAsync("结案：总结评估 → 已结案");
            await Screenshots.TakeAsync(page, "response-closed");
        });
    }

    private async Task SignInFirstTimeAsync(IPage page, string user = Office, string password = OfficePassword)
    {
        var login = new LoginPage(page);
        await page.GotoAsync("/");
        await login.ExpectShownAsync();
        var oneTime = Server.Credentials.PasswordOf(user);
        await login.SignInAsync(user, oneTime);
        var change = new ChangePasswordPage(page);
        await change.ExpectShownAsync();
        await change.SubmitAsync(oneTime, password, password);
        await new AppShell(page).ExpectHomeAsync();
    }
}
