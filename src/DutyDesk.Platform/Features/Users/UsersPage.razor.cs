using DutyDesk.Platform.Features.Units;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Features.Shared;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Platform.Features.Users;

public sealed partial class UsersPage : ActorPage
{
    private IReadOnlyList<UserDto> users = [];
    private IReadOnlyList<UnitDto> units = [];
    private bool saving;
    private bool showEditor;
    private string? search;
    private Error? pageError;
    private Error? dialogError;
    private UserDto? editing;
    private UserDto? rolesOf;
    private IssuedPassword? issued;
    private UserForm form = new();
    private Guid grantUnit;
    private Role grantRole = Role.InformationOfficer;
    private bool isSystemAdmin;
    private bool isSecurityAdmin;

    [Inject]
    private ListUsers List { get; set; } = default!;

    [Inject]
    private ListUnits Units { get; set; } = default!;

    [Inject]
    private ManageUsers Manage { get; set; } = default!;

    [Inject]
    private ManageRoles RolesHandler { get; set; } = default!;

    private IEnumerable<UnitDto> ManageableUnits => units.Where(u => !u.IsDisabled && Actor.HoldsIn(Role.SystemAdmin, u.Id));

    protected override async Task LoadAsync()
    {
        isSystemAdmin = Actor.Holds(Role.SystemAdmin);
        isSecurityAdmin = Actor.Holds(Role.SecurityAdmin);
        units = await Units.HandleAsync(Actor);
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        users = await List.HandleAsync(Actor, new UserFilter(null, search));
        if (rolesOf is not null)
        {
            rolesOf = users.FirstOrDefault(u => u.Id == rolesOf.Id);
        }
    }

    private void OpenCreate()
    {
        editing = null;
        form = new UserForm { HomeUnitId = ManageableUnits.FirstOrDefault()?.Id ?? Guid.Empty };
        dialogError = null;
        showEditor = true;
    }

    private void OpenEdit(UserDto user)
    {
        editing = user;
        form = new UserForm { DisplayName = user.DisplayName, Email = user.Email, Phone = user.Phone, HomeUnitId = user.HomeUnitId };
        dialogError = null;
        showEditor = true;
    }

    private void OpenRoles(UserDto user)
    {
        rolesOf = user;
        grantUnit = user.HomeUnitId;
        dialogError = null;
    }

    private async Task SaveUserAsync()
    {
        saving = true;
        try
        {
            if (editing is null)
            {
                var created = await Manage.CreateAsync(Actor, new CreateUserCommand(form.UserName, form.DisplayName, form.Email, form.Phone, form.HomeUnitId));
                dialogError = created.Error;
                issued = created.IsSuccess ? created.Value : null;
            }
            else
            {
                dialogError = (await Manage.UpdateAsync(Actor, new UpdateUserCommand(editing.Id, form.DisplayName, form.Email, form.Phone, editing.Version))).Error;
            }

            if (dialogError is null)
            {
                showEditor = false;
                await ReloadAsync();
            }
        }
        finally
        {
            saving = false;
        }
    }

    private async Task ResetAsync(UserDto user)
    {
        var reset = await Manage.ResetPasswordAsync(Actor, user.Id);
        pageError = reset.Error;
        issued = reset.IsSuccess ? reset.Value : null;
        await ReloadAsync();
    }

    private async Task ToggleAsync(UserDto user)
    {
        pageError = (await Manage.SetDisabledAsync(Actor, user.Id, !user.IsDisabled)).Error;
        await ReloadAsync();
    }

    private async Task UnlockAsync(UserDto user)
    {
        pageError = (await Manage.UnlockAsync(Actor, user.Id)).Error;
        await ReloadAsync();
    }

    private async Task GrantAsync()
    {
        dialogError = (await RolesHandler.GrantAsync(Actor, new GrantRoleCommand(rolesOf!.Id, grantUnit, grantRole))).Error;
        await ReloadAsync();
    }

    private async Task RevokeAsync(RoleDto role)
    {
        dialogError = (await RolesHandler.RevokeAsync(Actor, role.Id)).Error;
        await ReloadAsync();
    }

    private sealed class UserForm
    {
        public string UserName { get; set; } = "";

        public string DisplayName { get; set; } = "";

        public string? Email { get; set; }

        public string? Phone { get; set; }

        public Guid HomeUnitId { get; set; }
    }
}
