using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Units;
using DutyDesk.Platform.Features.Shared;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Platform.Features.Units;

public sealed partial class UnitsPage : ActorPage
{
    private enum Dialog
    {
        None,
        Create,
        Rename,
        Move,
    }

    private IReadOnlyList<UnitDto> units = [];
    private bool saving;
    private Error? pageError;
    private Error? dialogError;
    private Dialog dialog;
    private UnitDto? target;
    private string name = "";
    private UnitKind kind = UnitKind.Department;
    private Guid moveTarget;

    [Inject]
    private ListUnits List { get; set; } = default!;

    [Inject]
    private CreateUnit Create { get; set; } = default!;

    [Inject]
    private ChangeUnit Change { get; set; } = default!;

    private string dialogTitle => dialog switch
    {
        Dialog.Create => $"在“{target?.Name}”下新建单位",
        Dialog.Rename => $"重命名“{target?.Name}”",
        Dialog.Move => $"移动“{target?.Name}”",
        _ => "",
    };

    /// <summary>A unit cannot move under itself or its own subordinates.</summary>
    private IEnumerable<UnitDto> MoveTargets => target is null ? [] : units.Where(u => !u.IsDisabled && !IsInSubtree(u, target));

    protected override async Task LoadAsync()
    {
        await ReloadAsync();
    }

    private async Task ReloadAsync() => units = await List.HandleAsync(Actor);

    private void OpenCreate(UnitDto parent) => Open(Dialog.Create, parent, "");

    private void OpenRename(UnitDto unit) => Open(Dialog.Rename, unit, unit.Name);

    private void OpenMove(UnitDto unit)
    {
        Open(Dialog.Move, unit, "");
        moveTarget = unit.ParentId ?? Guid.Empty;
    }

    private void Open(Dialog kindOfDialog, UnitDto unit, string initialName)
    {
        dialog = kindOfDialog;
        target = unit;
        name = initialName;
        kind = UnitKind.Department;
        dialogError = null;
    }

    private void Close() => dialog = Dialog.None;

    private async Task SubmitAsync()
    {
        saving = true;
        try
        {
            var error = dialog switch
            {
                Dialog.Create => (await Create.HandleAsync(Actor, new CreateUnitCommand(target!.Id, name, kind))).Error,
                Dialog.Rename => (await Change.RenameAsync(Actor, new RenameUnitCommand(target!.Id, name, target.Version))).Error,
                Dialog.Move => (await Change.MoveAsync(Actor, new MoveUnitCommand(target!.Id, moveTarget, target.Version))).Error,
                _ => null,
            };
            dialogError = error;
            if (error is null)
            {
                dialog = Dialog.None;
                await RefreshActorAsync(); // a new or moved unit is only in a fresh scope
                await ReloadAsync();
            }
        }
        finally
        {
            saving = false;
        }
    }

    private async Task ToggleAsync(UnitDto unit)
    {
        pageError = (await Change.SetDisabledAsync(Actor, new SetUnitDisabledCommand(unit.Id, !unit.IsDisabled, unit.Version))).Error;
        await ReloadAsync();
    }

    private bool IsInSubtree(UnitDto candidate, UnitDto root)
    {
        for (var current = candidate; current is not null; current = units.FirstOrDefault(u => u.Id == current.ParentId))
        {
            if (current.Id == root.Id)
            {
                return true;
            }
        }

        return false;
    }
}
