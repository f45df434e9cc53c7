namespace DutyDesk.E2E.Infrastructure;

/// <summary>Full-page screenshots: every one under artifacts/screenshots (git-ignored), the README's few under docs/images when DUTYDESK_UPDATE_DOCS_IMAGES=1.</summary>
public sealed class Screenshots
{
    private int count;

    public Screenshots()
    {
        RepositoryRoot = FindRepositoryRoot();
        Directory = Path.Combine(RepositoryRoot, "artifacts", "screenshots");
        System.IO.Directory.CreateDirectory(Directory);
        File.Delete(Path.Combine(Directory, "failure.png"));
        File.Delete(Path.Combine(Directory, "failure.html"));
    }

    public string RepositoryRoot { get; }

    public string Directory { get; }

    public async Task<string> TakeAsync(IPage page, string name, string? readmeImage = null)
    {
        var path = Path.Combine(Directory, $"{++count:00}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        // The README's pictures change only when asked (DUTYDESK_UPDATE_DOCS_IMAGES=1), so a test run leaves the tree clean.
        if (readmeImage is not null && Environment.GetEnvironmentVariable("DUTYDESK_UPDATE_DOCS_IMAGES") == "1")
        {
            var docs = Path.Combine(RepositoryRoot, "docs", "images");
            System.IO.Directory.CreateDirectory(docs);
            File.Copy(path, Path.Combine(docs, readmeImage), overwrite: true);
        }

        return path;
    }

    /// <summary>What the browser showed when a step failed: a screenshot and the page's HTML.</summary>
    public async Task TakeFailureAsync(IPage page)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Directory, "failure.png"), FullPage = true, Timeout = 5_000 });
        await File.WriteAllTextAsync(Path.Combine(Directory, "failure.html"), await page.ContentAsync());
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DutyDesk.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("DutyDesk.slnx not found above " + AppContext.BaseDirectory);
    }
}
