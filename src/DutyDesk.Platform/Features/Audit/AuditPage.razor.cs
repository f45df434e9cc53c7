using System.Globalization;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using DutyDesk.Platform.Features.Shared;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Platform.Features.Audit;

public sealed partial class AuditPage : ActorPage
{
    private const int PageSize = 50;
    private static readonly AuditOutcome?[] outcomes = [AuditOutcome.Success, AuditOutcome.Failure, AuditOutcome.Denied];

    private AuditResultPage? page;
    private Error? error;
    private int pageIndex = 1;
    private DateTime? from;
    private DateTime? to;
    private string? userName;
    private string? action;
    private AuditOutcome? outcome;
    private string? text;

    [Inject]
    private QueryAudit Query { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    private string ExportUrl
    {
        get
        {
            var filter = Filter();
            var query = new List<string>();
            void Add(string key, string? value)
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    query.Add($"{key}={Uri.EscapeDataString(value)}");
                }
            }

            Add("from", filter.From?.ToString("o", CultureInfo.InvariantCulture));
            Add("to", filter.To?.ToString("o", CultureInfo.InvariantCulture));
            Add("userName", filter.UserName);
            Add("action", filter.Action);
            Add("outcome", filter.Outcome?.ToString());
            Add("text", filter.Text);
            return "/audit/export.csv" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        }
    }

    protected override async Task LoadAsync()
    {
        await LoadPageAsync();
    }

    private async Task SearchAsync()
    {
        pageIndex = 1;
        await LoadPageAsync();
    }

    private async Task OnPageChangeAsync(int index)
    {
        pageIndex = index;
        await LoadPageAsync();
    }

    private async Task LoadPageAsync()
    {
        var result = await Query.HandleAsync(Actor, Filter() with { Page = pageIndex, PageSize = PageSize });
        error = result.Error;
        page = result.IsSuccess ? result.Value : null;
    }

    /// <summary>The dates picked are local calendar days; the log is queried in UTC from the start of the first to the end of the last.</summary>
    private AuditFilter Filter() => new(
        from is { } f ? Display.ToUtc(f.Date) : null,
        to is { } t ? Display.ToUtc(t.Date.AddDays(1).AddTicks(-1)) : null,
        userName, action, outcome, text);
}
