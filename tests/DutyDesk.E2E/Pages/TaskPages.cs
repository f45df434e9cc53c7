using System.Text.RegularExpressions;
using DutyDesk.E2E.Infrastructure;

namespace DutyDesk.E2E.Pages;

/// <summary>我的待办 (/tasks): the person's open tasks across modules.</summary>
public sealed class MyTasksPage(IPage page)
{
    public const string Path = "/tasks";

    public ILocator Rows => page.Locator(Interactivity.Live(".ant-table-tbody tr.ant-table-row"));

    public async Task OpenAsync()
    {
        await page.GotoAsync(Path);
        await Interactivity.WaitUntilInteractiveAsync(page);
        await Expect(Rows.First).ToBeVisibleAsync();
    }

    public ILocator Row(string title) => Rows.Filter(new() { HasTextString = title });

    public async Task OpenTaskAsync(string title)
    {
        await Row(title).Locator("a").First.ClickAsync();
        await Interactivity.WaitUntilInteractiveAsync(page);
    }
}

/// <summary>One task (/tasks/{id}): its facts, the evidence list with an upload, and the 办结 card.</summary>
public sealed class TaskDetailPage(IPage page)
{
    public ILocator Title => page.Locator(Interactivity.Live("h1.dd-page-title"));

    public ILocator Facts => page.Locator(Interactivity.Live(".ant-descriptions"));

    public ILocator EvidenceList => page.Locator("#evidence-list");

    /// <summary>The error shown for one field: "file" for uploads, "evidence" for closing without any.</summary>
    public ILocator ErrorFor(string field) => page.Locator($".dd-error[data-field='{field}']");

    public ILocator CompleteButton => page.Locator(Interactivity.Live("#complete-task"));

    public Task UploadAsync(string fileName, string mimeType, byte[] content)
        => page.Locator(Interactivity.Live("#evidence-file")).SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = mimeType, Buffer = content });

    public async Task CompleteAsync(string note)
    {
        await page.Locator(Interactivity.Live("#completion-note")).FillAsync(note);
        await CompleteButton.ClickAsync();
    }

    public static Regex Exactly(string text) => new($"^\\s*{Regex.Escape(text)}\\s*$");
}
