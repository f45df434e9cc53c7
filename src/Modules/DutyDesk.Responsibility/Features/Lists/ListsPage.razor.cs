using AntDesign;
using DutyDesk.Platform.Features.Shared;
using DutyDesk.Platform.Features.Tasks;
using DutyDesk.Platform.Features.Units;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using DutyDesk.Responsibility.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace DutyDesk.Responsibility.Features.Lists;

public sealed partial class ListsPage : ActorPage
{
    private List<UnitDto> units = [];
    private IReadOnlyList<OwnerOption> owners = [];
    private ListDto? list;
    private Guid unitId;
    private int year;
    private bool loadingList;
    private bool creating;
    private bool canCreate;
    private Guid? defaultOwner;
    private Error? pageError;
    private Error? createError;
    private IReadOnlyList<RowProblem> importProblems = [];
    private Guid? selectedId;
    private bool drawerOpen;

    [SupplyParameterFromQuery(Name = "unit")]
    public Guid? UnitQuery { get; set; }

    [SupplyParameterFromQuery(Name = "year")]
    public int? YearQuery { get; set; }

    [Inject]
    private ListUnits Units { get; set; } = default!;

    [Inject]
    private ListQueries Queries { get; set; } = default!;

    [Inject]
    private CreateList Create { get; set; } = default!;

    [Inject]
    private ImportList Import { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    /// <summary>The row in the drawer as last loaded; null for a new row.</summary>
    private ListItemDto? Selected => list?.Items.FirstOrDefault(i => i.Id == selectedId);

    private string SelectedUnitName => units.FirstOrDefault(u => u.Id == unitId)?.Name ?? "";

    protected override async Task LoadAsync()
    {
        // Units in scope, plus those whose lists make this person 责任人 of a row.
        units = (await Units.HandleAsync(Actor)).Where(u => !u.IsDisabled).ToList();
        var mine = await Queries.SummariesAsync(Actor, null, null);
        units.AddRange(mine.Where(s => units.All(u => u.Id != s.UnitId)).DistinctBy(s => s.UnitId)
            .Select(s => new UnitDto(s.UnitId, null, s.UnitName, Platform.Units.UnitKind.Organisation, false, 0, Guid.Empty)));
        owners = await Queries.OwnersAsync(Actor);
        year = YearQuery ?? Display.ToLocal(Clock.GetUtcNow().UtcDateTime).Year;
        unitId = UnitQuery is { } wanted && units.Any(u => u.Id == wanted)
            ? wanted
            : units.FirstOrDefault(u => TaskAccess.Manages(Actor, u.Id))?.Id ?? units.FirstOrDefault()?.Id ?? Guid.Empty;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        if (unitId == Guid.Empty)
        {
            return;
        }

        loadingList = true;
        try
        {
            var found = await Queries.FindAsync(Actor, unitId, year);
            pageError = found.Error;
            list = found.IsSuccess ? found.Value : null;
            canCreate = list is null && found.IsSuccess && TaskAccess.Manages(Actor, unitId);
            drawerOpen &= list is not null && (Selected is not null || (selectedId is null && list.CanEdit));
        }
        finally
        {
            loadingList = false;
        }
    }

    private async Task OnUnitChangedAsync(Guid value)
    {
        unitId = value;
        ResetCreation();
        await ReloadAsync();
    }

    private async Task ShowYearAsync(int value)
    {
        if (value is < ResponsibilityList.MinYear or > ResponsibilityList.MaxYear)
        {
            return;
        }

        year = value;
        ResetCreation();
        await ReloadAsync();
    }

    private void ResetCreation()
    {
        createError = null;
        importProblems = [];
        drawerOpen = false;
        selectedId = null;
    }

    private Task FromTemplateAsync() => CreateWithAsync(() => Create.FromTemplateAsync(Actor, new CreateListCommand(unitId, year, defaultOwner)));

    private Task FromLastYearAsync() => CreateWithAsync(() => Create.FromLastYearAsync(Actor, new CreateListCommand(unitId, year, defaultOwner)));

    private async Task CreateWithAsync(Func<Task<Result<ListCreated>>> create)
    {
        creating = true;
        importProblems = [];
        try
        {
            createError = (await create()).Error;
            await ReloadAsync();
        }
        finally
        {
            creating = false;
        }
    }

    private async Task ImportAsync(InputFileChangeEventArgs e)
    {
        creating = true;
        createError = null;
        importProblems = [];
        try
        {
            // One byte over the limit lets the import name the oversize file itself.
            await using var stream = e.File.OpenReadStream(ImportList.MaxBytes + 1);
            var result = await Import.HandleAsync(Actor, unitId, year, stream);
            createError = result.Error;
            importProblems = result.IsSuccess ? result.Value.Problems : [];
            await ReloadAsync();
        }
        catch (IOException)
        {
            createError = Error.Validation("file", $"无法导入：文件“{e.File.Name}”超过大小上限 5 MB 或上传中断。");
        }
        finally
        {
            creating = false;
        }
    }

    private void Open(ListItemDto item)
    {
        selectedId = item.Id;
        drawerOpen = true;
    }

    private void OpenNew()
    {
        selectedId = null;
        drawerOpen = true;
    }

    private void CloseDrawer() => drawerOpen = false;

    /// <summary>After a save the drawer shows the row again as stored (a new row by its id).</summary>
    private async Task OnItemChangedAsync(Guid? itemId)
    {
        selectedId = itemId;
        drawerOpen = itemId is not null;
        await ReloadAsync();
    }

    private static string UnitLabel(UnitDto unit) => new string('　', unit.Depth) + unit.Name;

    private static string OwnerLabel(OwnerOption owner) => $"{owner.DisplayName}（{owner.HomeUnitName}）";

    private static TagColor StatusColor(ItemStatus status) => status switch
    {
        ItemStatus.Done => TagColor.Green,
        ItemStatus.Overdue => TagColor.Red,
        ItemStatus.InProgress => TagColor.Blue,
        _ => TagColor.Default,
    };
}
