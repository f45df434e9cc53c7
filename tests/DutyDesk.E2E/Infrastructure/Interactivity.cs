namespace DutyDesk.E2E.Infrastructure;

/// <summary>
/// Interactive server pages are prerendered: their first markup arrives as plain HTML, and a click on
/// it does nothing until the circuit has connected and rendered the page again, which replaces that
/// markup. An init script marks every element present when the HTML has been parsed; an element
/// without the mark was rendered by the live circuit, so the page answers clicks.
/// </summary>
public static class Interactivity
{
    public const string StaticMark = "data-dd-static";

    public const string MarkStaticMarkupScript = """
        document.addEventListener('DOMContentLoaded', () => {
            for (const element of document.body.querySelectorAll('*')) {
                element.setAttribute('data-dd-static', '');
            }
        });
        """;

    /// <summary>A CSS selector restricted to elements the circuit has rendered.</summary>
    public static string Live(string selector) => $"{selector}:not([{StaticMark}])";

    /// <summary>Waits until the circuit has rendered the page's title, i.e. the page is interactive.</summary>
    public static Task WaitUntilInteractiveAsync(IPage page)
        => Expect(page.Locator(Live("h1.dd-page-title"))).ToBeVisibleAsync(new() { Timeout = 15_000 });
}
