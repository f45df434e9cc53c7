using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Schemes;
using DutyDesk.Opinion.Features.Sources;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using DutyDesk.Text.Sentiment;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Opinion.Features.Items;

public sealed partial class ItemList
{
    public const int PageSize = 20;

    private Guid? loadedUnit;
    private Guid? loadedCase;
    private bool loading = true;
    private int pageIndex = 1;
    private ItemPage shown = new(0, []);
    private IReadOnlyList<SchemeDto> schemes = [];
    private IReadOnlyList<SourceDto> sources = [];
    private Guid? schemeId;
    private Guid? sourceId;
    private SentimentLabel? sentiment;
    private IncidentLevelCode? level;
    private DateTime? from;
    private DateTime? to;
    private string? words;
    private bool matchedOnly;
    private Error? error;

    [Parameter, EditorRequired]
    public Actor Actor { get; set; } = default!;

    [Parameter, EditorRequired]
    public Guid UnitId { get; set; }

    /// <summary>Only the items of this event, without the filters.</summary>
    [Parameter]
    public Guid? CaseId { get; set; }

    [Inject]
    private ItemQueries Items { get; set; } = default!;

    [Inject]
    private ManageSchemes Schemes { get; set; } = default!;

    [Inject]
    private ManageSources Sources { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    /// <summary>Reads the current page again (after a report added an item).</summary>
    public Task ReloadAsync() => LoadPageAsync();

    protected override async Task OnParametersSetAsync()
    {
        if (loadedUnit == UnitId && loadedCase == CaseId)
        {
            return;
        }

        (loadedUnit, loadedCase) = (UnitId, CaseId);
        (schemeId, sourceId) = (null, null);
        pageIndex = 1;
        if (CaseId is null)
        {
            var schemeList = await Schemes.ListAsync(Actor, UnitId);
            var sourceList = await Sources.ListAsync(Actor, UnitId);
            schemes = schemeList.IsSuccess ? schemeList.Value : [];
            sources = sourceList.IsSuccess ? sourceList.Value : [];
        }

        await LoadPageAsync();
    }

    private async Task SearchAsync()
    {
        pageIndex = 1;
        await LoadPageAsync();
    }

    private async Task ChangePageAsync(AntDesign.PaginationEventArgs e)
    {
        pageIndex = e.Page;
        await LoadPageAsync();
    }

    private async Task LoadPageAsync()
    {
        loading = true;
        try
        {
            var filter = CaseId is { } caseId
                ? new ItemFilter(UnitId, CaseId: caseId, Page: pageIndex, PageSize: PageSize)
                : new ItemFilter(
                    UnitId, schemeId, sourceId, sentiment, level,
                    from is { } f ? Display.ToUtc(f.Date) : null,
                    to is { } t ? Display.ToUtc(t.Date.AddDays(1)) : null,
                    words, matchedOnly, null, pageIndex, PageSize);
            var result = await Items.ListAsync(Actor, filter);
            shown = result.IsSuccess ? result.Value : new ItemPage(0, []);
            error = result.Error;
        }
        finally
        {
            loading = false;
        }
    }

    private static string TitleOf(ItemRow row) => string.IsNullOrWhiteSpace(row.Title) ? "（无标题）" : row.Title;
}
