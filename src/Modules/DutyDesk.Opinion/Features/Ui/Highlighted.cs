using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace DutyDesk.Opinion.Features.Ui;

/// <summary>
/// Text with the matched words in &lt;mark&gt;. Built in code so that no white space of a template falls between
/// two adjacent runs: "第一中学" and "食堂" marked side by side must read "第一中学食堂".
/// </summary>
public sealed class Highlighted : ComponentBase
{
    [Parameter]
    public string? Text { get; set; }

    [Parameter]
    public IEnumerable<string>? Words { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        foreach (var segment in Highlight.Split(Text, Words))
        {
            if (segment.Marked)
            {
                builder.OpenElement(0, "mark");
                builder.AddAttribute(1, "class", "dd-hit");
                builder.AddContent(2, segment.Text);
                builder.CloseElement();
            }
            else
            {
                builder.AddContent(3, segment.Text);
            }
        }
    }
}
