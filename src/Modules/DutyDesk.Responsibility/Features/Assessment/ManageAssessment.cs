using DutyDesk.Platform.Features.Tasks;
using DutyDesk.Responsibility;
using System.Text.Json;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using DutyDesk.Platform.Tasks;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DutyDesk.Responsibility.Features.Assessment;

public sealed record AdjustmentDto(Guid Id, decimal Points, string Reason, string ByName, DateTime At);

/// <summary>
/// One unit's assessment for one year. When none is stored yet (<c>Id</c> null) the figures are a preview
/// computed from the current record.
/// </summary>
public sealed record AssessmentView(
    Guid? Id, Guid UnitId, string UnitName, int Year, AssessmentStatus Status, string StatusName, IReadOnlyList<ScoreLine> Lines,
    decimal ComputedScore, DateTime ComputedAt, string FormulaText, IReadOnlyList<AdjustmentDto> Adjustments, decimal AdjustmentTotal,
    decimal FinalScore, string? Measure, DateTime? ConfirmedAt, string? ConfirmedByName, bool CanWrite, Guid Version, bool CanConfirm = false);

public sealed record RefreshAssessmentCommand(Guid UnitId, int Year, Guid? Version);

public sealed record AddAdjustmentCommand(Guid AssessmentId, decimal Points, string? Reason, Guid Version);

/// <summary><c>Measure</c> null or empty: no measure.</summary>
public sealed record SetMeasureCommand(Guid AssessmentId, string? Measure, Guid Version);

public sealed record ConfirmAssessmentCommand(Guid AssessmentId, Guid Version);

/// <summary>
/// The annual assessment (年度考核): computed from the unit's own obligation and list tasks of the year,
/// adjusted by hand with reasons, given an outcome measure, then confirmed and never changed again.
/// Managers of the unit or of a superior unit write; anyone who can see the unit reads.
/// </summary>
internal sealed class ManageAssessment(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, DisplayClock display, IOptions<AssessmentOptions> options)
{
    public const int FirstYear = 2000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string FormulaText => options.Value.ToFormula().Describe();

    public async Task<Result<AssessmentView>> GetAsync(Actor actor, Guid unitId, int year, CancellationToken ct = default)
    {
        if (CheckYear(year) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unitName = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        if (unitName is null || !actor.CanSee(unitId))
        {
            return Error.NotFound("单位");
        }

        var stored = await db.Set<UnitAssessment>().AsNoTracking().Include(a => a.Adjustments).FirstOrDefaultAsync(a => a.UnitId == unitId && a.Year == year, ct);
        var canWrite = UnitManagers.Manages(actor, unitId);
        if (stored is null)
        {
            var formula = options.Value.ToFormula();
            var computed = AssessmentScore.Compute(formula, await RecordAsync(db, unitId, year, ct));
            return new AssessmentView(null, unitId, unitName, year, AssessmentStatus.Draft, "未保存（预览）", computed.Lines, computed.BaseScore,
                clock.GetUtcNow().UtcDateTime, formula.Describe(), [], 0, computed.Total, null, null, null, canWrite, Guid.Empty);
        }

        var people = stored.Adjustments.Select(a => a.By).Append(stored.ConfirmedBy ?? Guid.Empty).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return new AssessmentView(
            stored.Id, unitId, unitName, year, stored.Status, stored.Status.ToChinese(),
            JsonSerializer.Deserialize<List<ScoreLine>>(stored.LinesJson, Json) ?? [], stored.ComputedScore, stored.ComputedAt, stored.FormulaText,
            stored.Adjustments.OrderBy(a => a.At).Select(a => new AdjustmentDto(a.Id, a.Points, a.Reason, names.GetValueOrDefault(a.By, "?"), a.At)).ToList(),
            stored.Adjustments.Sum(a => a.Points), stored.FinalScore, stored.Measure, stored.ConfirmedAt,
            stored.ConfirmedBy is { } by ? names.GetValueOrDefault(by, "?") : null,
            canWrite && stored.Status == AssessmentStatus.Draft, stored.Version,
            stored.Status == AssessmentStatus.Draft && await ManagesFromAboveAsync(db, actor, unitId, ct));
    }

    /// <summary>Computes the score from the record as it stands and stores it: creates the year's draft, or refreshes it.</summary>
    public async Task<Result<Guid>> RefreshAsync(Actor actor, RefreshAssessmentCommand command, CancellationToken ct = default)
    {
        if (CheckYear(command.Year) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!actor.CanSee(command.UnitId) || !await db.Units.AnyAsync(u => u.Id == command.UnitId, ct))
        {
            return Error.NotFound("单位");
        }

        if (!UnitManagers.Manages(actor, command.UnitId))
        {
            await db.AuditDeniedAsync(clock, actor, "计算年度考核得分", "Unit", command.UnitId.ToString(), ct);
            return Error.Forbidden("只有本单位或上级单位的第一责任人、分管领导、领导小组办公室或部门负责人可以进行年度考核。");
        }

        var assessment = await db.Set<UnitAssessment>().Include(a => a.Adjustments).FirstOrDefaultAsync(a => a.UnitId == command.UnitId && a.Year == command.Year, ct);
        if (assessment is not null)
        {
            if (assessment.Status == AssessmentStatus.Confirmed)
            {
                return Confirmed();
            }

            if (assessment.Version != command.Version)
            {
                return Error.StaleEdit("该年度考核");
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var formula = options.Value.ToFormula();
        var computed = AssessmentScore.Compute(formula, await RecordAsync(db, command.UnitId, command.Year, ct));
        if (assessment is null)
        {
            assessment = new UnitAssessment
            {
                Id = Guid.CreateVersion7(),
                UnitId = command.UnitId,
                Year = command.Year,
                Status = AssessmentStatus.Draft,
                LinesJson = "",
                FormulaText = "",
                CreatedAt = now,
                CreatedBy = actor.UserId,
            };
            db.Add(assessment);
        }

        assessment.LinesJson = JsonSerializer.Serialize(computed.Lines, Json);
        assessment.FormulaText = formula.Describe();
        assessment.ComputedScore = computed.BaseScore;
        assessment.ComputedAt = now;
        assessment.FinalScore = AssessmentScore.Final(computed.BaseScore, assessment.Adjustments.Select(a => a.Points));
        db.Audit(clock, actor, ResponsibilityAudit.AssessmentCompute, "UnitAssessment", assessment.Id.ToString(), assessment.UnitId,
            detail: $"{assessment.Year} 年度：计算得分 {assessment.ComputedScore:0.0}，最终得分 {assessment.FinalScore:0.0}；"
                    + string.Join("；", computed.Lines.Select(l => $"{l.Name} {l.Basis}")));
        return await SaveAsync(db, assessment.Id, ct);
    }

    public async Task<Result<Done>> AddAdjustmentAsync(Actor actor, AddAdjustmentCommand command, CancellationToken ct = default)
    {
        var invalid = Check.First(
            Check.Required("reason", "调整理由", command.Reason, AssessmentAdjustment.ReasonMaxLength),
            command.Points == 0 ? Error.Validation("points", "“调整分值”不能为 0。") : null,
            command.Points is < -100 or > 100 ? Error.Validation("points", "“调整分值”须在 -100 至 100 之间。") : null,
            command.Points != AssessmentScore.Round(command.Points) ? Error.Validation("points", "“调整分值”最多保留一位小数。") : null);
        if (invalid is not null)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var loaded = await LoadDraftAsync(db, actor, command.AssessmentId, command.Version, "调整年度考核得分", ct);
        if (!loaded.IsSuccess)
        {
            return loaded.Error!;
        }

        var assessment = loaded.Value;
        var reason = command.Reason!.Trim();
        assessment.Adjustments.Add(new AssessmentAdjustment
        {
            Id = Guid.CreateVersion7(), AssessmentId = assessment.Id, Points = command.Points, Reason = reason, At = clock.GetUtcNow().UtcDateTime, By = actor.UserId,
        });
        assessment.FinalScore = AssessmentScore.Final(assessment.ComputedScore, assessment.Adjustments.Select(a => a.Points));
        db.Audit(clock, actor, ResponsibilityAudit.AssessmentAdjust, "UnitAssessment", assessment.Id.ToString(), assessment.UnitId,
            detail: $"{assessment.Year} 年度：{command.Points:+0.0;-0.0} 分，理由：{reason}；最终得分 {assessment.FinalScore:0.0}");
        var saved = await SaveAsync(db, assessment.Id, ct);
        return saved.IsSuccess ? Done.Value : saved.Error!;
    }

    public async Task<Result<Done>> SetMeasureAsync(Actor actor, SetMeasureCommand command, CancellationToken ct = default)
    {
        var measure = string.IsNullOrWhiteSpace(command.Measure) ? null : command.Measure.Trim();
        if (measure is not null && !AccountabilityCatalog.Measures.Contains(measure))
        {
            return Error.Validation("measure", $"“处理措施”须为以下之一：{string.Join("、", AccountabilityCatalog.Measures)}，或不采取措施。");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var loaded = await LoadDraftAsync(db, actor, command.AssessmentId, command.Version, "确定考核处理措施", ct);
        if (!loaded.IsSuccess)
        {
            return loaded.Error!;
        }

        var assessment = loaded.Value;
        assessment.Measure = measure;
        db.Audit(clock, actor, ResponsibilityAudit.AssessmentMeasure, "UnitAssessment", assessment.Id.ToString(), assessment.UnitId,
            detail: $"{assessment.Year} 年度处理措施：{measure ?? "无"}");
        var saved = await SaveAsync(db, assessment.Id, ct);
        return saved.IsSuccess ? Done.Value : saved.Error!;
    }

    public async Task<Result<Done>> ConfirmAsync(Actor actor, ConfirmAssessmentCommand command, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var loaded = await LoadDraftAsync(db, actor, command.AssessmentId, command.Version, "确定年度考核结果", ct);
        if (!loaded.IsSuccess)
        {
            return loaded.Error!;
        }

        var assessment = loaded.Value;
        // A unit drafts its own assessment; only a superior unit's managers make it final (自评, 上级确定).
        if (!await ManagesFromAboveAsync(db, actor, assessment.UnitId, ct))
        {
            await db.AuditDeniedAsync(clock, actor, "确定年度考核结果", "UnitAssessment", assessment.Id.ToString(), ct);
            return Error.Forbidden("年度考核结果须由上级单位的第一责任人、分管领导、领导小组办公室或部门负责人确定；本单位可以计算、调整并提出处理措施。");
        }

        assessment.Status = AssessmentStatus.Confirmed;
        assessment.ConfirmedAt = clock.GetUtcNow().UtcDateTime;
        assessment.ConfirmedBy = actor.UserId;
        db.Audit(clock, actor, ResponsibilityAudit.AssessmentConfirm, "UnitAssessment", assessment.Id.ToString(), assessment.UnitId,
            detail: $"{assessment.Year} 年度：最终得分 {assessment.FinalScore:0.0}（计算 {assessment.ComputedScore:0.0}，调整 {assessment.Adjustments.Sum(a => a.Points):+0.0;-0.0;0}），处理措施：{assessment.Measure ?? "无"}");
        var saved = await SaveAsync(db, assessment.Id, ct);
        return saved.IsSuccess ? Done.Value : saved.Error!;
    }

    /// <summary>
    /// The unit's own record for the year (not its subordinates', who are assessed in their own right):
    /// tasks due in the office's calendar year, counted once due or once done early; cancelled ones not at all.
    /// </summary>
    private async Task<AssessmentRecord> RecordAsync(AppDbContext db, Guid unitId, int year, CancellationToken ct)
    {
        var from = display.ToUtc(new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified));
        var to = display.ToUtc(new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified));
        var now = clock.GetUtcNow().UtcDateTime;
        var tasks = await db.DueTasks.AsNoTracking()
            .Where(t => t.UnitId == unitId && t.SourceModule == TaskSources.Module && t.DueAt >= from && t.DueAt < to && t.State != DueTaskState.Cancelled
                        && (t.SourceType == TaskSources.ObligationOccurrence || t.SourceType == TaskSources.ListItem))
            .ToListAsync(ct);
        var counted = tasks.Where(t => t.DueAt <= now || t.State == DueTaskState.Done).ToList();
        var obligations = counted.Where(t => t.SourceType == TaskSources.ObligationOccurrence).ToList();
        var items = counted.Where(t => t.SourceType == TaskSources.ListItem).ToList();
        return new AssessmentRecord(
            new Tally(obligations.Count(t => t.IsDoneOnTime), obligations.Count),
            new Tally(items.Count(t => t.State == DueTaskState.Done), items.Count),
            Rectifications: null,
            Incidents: null);
    }

    private static async Task<bool> ManagesFromAboveAsync(AppDbContext db, Actor actor, Guid unitId, CancellationToken ct)
    {
        var unitPath = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Path).FirstAsync(ct);
        var managerUnits = actor.Roles.Where(r => TaskAccess.Managers.Contains(r.Role) && r.UnitId != unitId).Select(r => r.UnitId).ToList();
        var paths = await db.Units.AsNoTracking().Where(u => managerUnits.Contains(u.Id)).Select(u => u.Path).ToListAsync(ct);
        return paths.Any(p => unitPath.StartsWith(p, StringComparison.Ordinal));
    }

    private async Task<Result<UnitAssessment>> LoadDraftAsync(AppDbContext db, Actor actor, Guid id, Guid version, string attempted, CancellationToken ct)
    {
        var assessment = await db.Set<UnitAssessment>().Include(a => a.Adjustments).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null || !actor.CanSee(assessment.UnitId))
        {
            return Error.NotFound("年度考核");
        }

        if (!UnitManagers.Manages(actor, assessment.UnitId))
        {
            await db.AuditDeniedAsync(clock, actor, attempted, "UnitAssessment", assessment.Id.ToString(), ct);
            return Error.Forbidden("只有本单位或上级单位的第一责任人、分管领导、领导小组办公室或部门负责人可以进行年度考核。");
        }

        if (assessment.Status == AssessmentStatus.Confirmed)
        {
            return Confirmed();
        }

        return assessment.Version != version ? Error.StaleEdit("该年度考核") : assessment;
    }

    private Error? CheckYear(int year)
    {
        var current = display.ToLocal(clock.GetUtcNow().UtcDateTime).Year;
        return year < FirstYear || year > current ? Error.Validation("year", $"“考核年度”须在 {FirstYear} 年至 {current} 年之间。") : null;
    }

    private static Error Confirmed() => Error.Conflict("该年度考核已确定，不能再修改。");

    private static async Task<Result<Guid>> SaveAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return id;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleEdit("该年度考核");
        }
        catch (DbUpdateException) when (db.ChangeTracker.Entries<UnitAssessment>().Any(e => e.State == EntityState.Added))
        {
            // Someone else created the unit's assessment for the year in the meantime: (unit, year) is unique.
            return Error.StaleEdit("该年度考核");
        }
    }
}
