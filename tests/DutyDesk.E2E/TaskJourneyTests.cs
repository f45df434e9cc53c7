using DutyDesk.E2E.Infrastructure;
using DutyDesk.E2E.Pages;

namespace DutyDesk.E2E;

/// <summary>
/// A leading-group office worker closes a dated task in a real browser: it waits on 工作台 and in
/// 我的待办, cannot be closed without evidence, takes an uploaded photo, and closes with a note.
/// </summary>
public sealed class TaskJourneyTests : BrowserJourney
{
    private const string Task = "本月意识形态风险排查并形成排查报告";
    private const string NewPassword = "Bangong2025office";

    [Fact(Timeout = 120_000)]
    public Task MonthlyScreeningTask_NeedsEvidence_ClosedAfterUpload()
        => RunAsync(async page =>
        {
            var login = new LoginPage(page);
            await page.GotoAsync("/");
            await login.SignInAsync("yz.office", Server.Credentials.PasswordOf("yz.office"));
            var change = new ChangePasswordPage(page);
            await change.ExpectShownAsync();
            await change.SubmitAsync(Server.Credentials.PasswordOf("yz.office"), NewPassword, NewPassword);

            // 工作台 counts the open task and lists it.
            await new AppShell(page).ExpectHomeAsync();
            await Expect(page.Locator(".dd-list")).ToContainTextAsync(Task);
            await Screenshots.TakeAsync(page, "home");

            var tasks = new MyTasksPage(page);
            await tasks.OpenAsync();
            await Expect(tasks.Row(Task)).ToContainTextAsync("第一中学");
            await page.Locator(Interactivity.Live("#issue-feed")).ClickAsync();
            await Expect(page.Locator("#feed-url")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"/calendar/[0-9a-f]{48}\.ics"));
            await Screenshots.TakeAsync(page, "my-tasks");
            await tasks.OpenTaskAsync(Task);

            var detail = new TaskDetailPage(page);
            await Expect(detail.Title).ToHaveTextAsync(TaskDetailPage.Exactly(Task));
            await detail.CompleteAsync("已完成排查，未发现风险。");
            await Expect(detail.ErrorFor("evidence")).ToContainTextAsync("需要佐证材料");

            await detail.UploadAsync("setup.exe.png", "image/png", [0x4D, 0x5A, 0x90, 0x00, 0x03]);
            await Expect(detail.ErrorFor("file")).ToContainTextAsync("类型不被允许");

            await detail.UploadAsync("排查会议照片.png", "image/png", TinyPng());
            await Expect(detail.EvidenceList).ToContainTextAsync("排查会议照片.png");
            await Expect(detail.ErrorFor("file")).ToHaveCountAsync(0);
            await Expect(detail.ErrorFor("evidence")).ToHaveCountAsync(0);
            await Screenshots.TakeAsync(page, "task-with-evidence");

            await detail.CompleteAsync("已完成排查，形成排查报告，未发现风险点。");
            await Expect(detail.Facts).ToContainTextAsync("已办结");
            await Expect(detail.CompleteButton).ToHaveCountAsync(0);
            await Screenshots.TakeAsync(page, "task-done");

            // The school adopts the default obligations; the year's compliance calendar lays them out month by month.
            await page.GotoAsync("/responsibility/calendar");
            await Interactivity.WaitUntilInteractiveAsync(page);
            await page.Locator(Interactivity.Live("#adopt-defaults")).ClickAsync();
            await Expect(page.Locator("#obligation-summary")).ToContainTextAsync("每年至少 2 次");
            await Expect(page.Locator(".dd-month")).ToHaveCountAsync(12);
            await Expect(page.Locator(".dd-month").Last).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"风险排查并形成排查报告（\d{4}年12月）"));
            await Screenshots.TakeAsync(page, "obligation-calendar", readmeImage: "calendar.png");
            await page.Locator("#view-month").ClickAsync();
            await Expect(page.Locator("#month-grid")).ToBeVisibleAsync();
            await Screenshots.TakeAsync(page, "obligation-calendar-month");
            await page.GotoAsync("/responsibility/obligations");
            await Interactivity.WaitUntilInteractiveAsync(page);
            await Expect(page.Locator("#obligations")).ToContainTextAsync("形势政策报告");
            await Screenshots.TakeAsync(page, "obligations");
        });

    /// <summary>A valid 1×1 PNG.</summary>
    private static byte[] TinyPng() => Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
}
