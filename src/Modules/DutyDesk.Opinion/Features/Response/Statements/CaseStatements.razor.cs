using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Opinion.Features.Response.Statements;

public sealed partial class CaseStatements
{
    private static readonly string[] FormFields = ["kind", "title", "text", "reason", "from", "to"];

    private CaseStatementsView? view;
    private string? failed;
    private Error? error;
    private bool busy;
    private bool creating;
    private Guid? selectedId;
    private StatementKind newKind = StatementKind.FactReport;
    private string? title;
    private string? text;
    private string? returnReason;
    private string? saved;
    private int diffFrom = 1;
    private int diffTo = 1;
    private IReadOnlyList<DiffSpan>? diff;
    private Guid loadedFor;
    private Guid loadedAt;

    [Parameter, EditorRequired]
    public CaseDetailDto Case { get; set; } = default!;

    [Parameter, EditorRequired]
    public Actor Actor { get; set; } = default!;

    [Parameter]
    public EventCallback OnChanged { get; set; }

    [Inject]
    private ManageStatements Statements { get; set; } = default!;

    [Inject]
    private DisplayClock Display { get; set; } = default!;

    private StatementDto? Selected => view?.Statements.FirstOrDefault(s => s.Id == selectedId);

    private Error? GeneralError => error is { Field: { } named } && FormFields.Contains(named) ? null : error;

    protected override async Task OnParametersSetAsync()
    {
        if (loadedFor != Case.Id || loadedAt != Case.Version)
        {
            (loadedFor, loadedAt) = (Case.Id, Case.Version);
            await LoadAsync();
        }
    }

    private bool CanEdit(StatementDto s) => view?.CanDraft == true && s.State != StatementState.Submitted;

    private async Task LoadAsync()
    {
        var result = await Statements.ListAsync(Actor, Case.Id);
        (view, failed) = (result.IsSuccess ? result.Value : null, result.Error?.Message);
        if (Selected is { } s)
        {
            Show(s);
        }
    }

    private void StartNew() => (creating, selectedId, title, text, error, saved, diff) = (true, null, null, null, null, null, null);

    private void Open(StatementDto s)
    {
        (creating, selectedId, error, saved, diff, returnReason) = (false, s.Id, null, null, null, null);
        Show(s);
    }

    private void Show(StatementDto s)
    {
        title = s.Title;
        text = s.Versions[^1].Text;
        diffTo = s.Current;
        diffFrom = Math.Max(1, s.Current - 1);
    }

    private async Task CreateAsync()
    {
        var result = await RunAsync(() => Statements.CreateAsync(Actor, Case.Id, new CreateStatementInput(newKind, title, text)));
        if (result is { } id)
        {
            creating = false;
            selectedId = id;
            saved = "已保存为第 1 版草稿。";
            await ReloadAsync();
        }
    }

    private async Task SaveAsync()
    {
        if (Selected is not { } s)
        {
            return;
        }

        var current = s.Current;
        busy = true;
        error = null;
        try
        {
            var result = await Statements.SaveDraftAsync(Actor, Case.Id, s.Id, new SaveStatementInput(title, text, s.Version));
            error = result.Error;
            if (result.IsSuccess)
            {
                saved = result.Value == current ? "正文未改动，未产生新版本。" : $"已保存为第 {result.Value} 版草稿。";
                await ReloadAsync();
            }
        }
        finally
        {
            busy = false;
        }
    }

    private async Task SubmitAsync() => await ActAsync(s => Statements.SubmitAsync(Actor, Case.Id, s.Id, s.Version), "已送审，待领导小组审定。");

    private async Task ApproveAsync() => await ActAsync(s => Statements.ApproveAsync(Actor, Case.Id, s.Id, s.Version), "已审定。");

    private async Task ReturnAsync() => await ActAsync(s => Statements.ReturnAsync(Actor, Case.Id, s.Id, returnReason, s.Version), "已退回。");

    private async Task ActAsync(Func<StatementDto, Task<Result<Guid>>> act, string done)
    {
        if (Selected is not { } s)
        {
            return;
        }

        if (await RunAsync(() => act(s)) is not null)
        {
            saved = done;
            returnReason = null;
            await ReloadAsync();
        }
    }

    private async Task DiffAsync()
    {
        if (Selected is not { } s)
        {
            return;
        }

        var result = await Statements.DiffAsync(Actor, Case.Id, s.Id, diffFrom, diffTo);
        (diff, error) = (result.IsSuccess ? result.Value : null, result.Error);
    }

    private async Task<Guid?> RunAsync(Func<Task<Result<Guid>>> act)
    {
        busy = true;
        error = null;
        try
        {
            var result = await act();
            error = result.Error;
            return result.IsSuccess ? result.Value : null;
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>Reads the statements again and lets the case page reload its timeline and step.</summary>
    private async Task ReloadAsync()
    {
        await LoadAsync();
        await OnChanged.InvokeAsync();
    }

    private static string KindColor(StatementKind kind) => kind switch
    {
        StatementKind.FactReport => "blue",
        StatementKind.CauseExplanation => "purple",
        _ => "cyan",
    };

    private static string StateColor(StatementState state) => state switch
    {
        StatementState.Approved => "green",
        StatementState.Submitted => "gold",
        StatementState.Returned => "red",
        _ => "default",
    };
}
