using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace DutyDesk.Responsibility.Features.Meetings;

public sealed partial class MinutesEditor : IAsyncDisposable
{
    private static readonly (string Command, string? Argument, string Label, string Title)[] Commands =
    [
        ("bold", null, "B", "加粗"),
        ("italic", null, "I", "倾斜"),
        ("underline", null, "U", "下划线"),
        ("formatBlock", "h3", "标题", "小标题"),
        ("formatBlock", "h4", "小节", "小节标题"),
        ("formatBlock", "p", "正文", "正文段落"),
        ("insertOrderedList", null, "1.", "编号列表"),
        ("insertUnorderedList", null, "•", "项目符号列表"),
    ];

    private ElementReference body;
    private IJSObjectReference? module;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Parameter, EditorRequired]
    public string Id { get; set; } = "";

    /// <summary>The HTML the editor starts with (already sanitised when it came from the database).</summary>
    [Parameter]
    public string? InitialHtml { get; set; }

    /// <summary>What the editor holds now; the server sanitises it before storing.</summary>
    public async Task<string> GetHtmlAsync() => module is null ? InitialHtml ?? "" : await module.InvokeAsync<string>("getHtml", body);

    public async ValueTask DisposeAsync()
    {
        if (module is not null)
        {
            try
            {
                await module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the module with it.
            }
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            module = await JS.InvokeAsync<IJSObjectReference>("import", "./_content/DutyDesk.Responsibility/Features/Meetings/MinutesEditor.razor.js");
            await module.InvokeVoidAsync("setHtml", body, InitialHtml ?? "");
        }
    }

    private async Task FormatAsync(string command, string? argument)
    {
        if (module is not null)
        {
            await module.InvokeVoidAsync("format", body, command, argument);
        }
    }
}
