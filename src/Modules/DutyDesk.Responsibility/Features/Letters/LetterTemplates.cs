using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Responsibility.Data;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Responsibility.Features.Letters;

/// <summary>A unit's letter template; <c>IsDefault</c> when the unit still uses DutyDesk's built-in wording (then <c>Version</c> is null).</summary>
public sealed record LetterTemplateDto(Guid UnitId, string UnitName, bool IsDefault, LetterContent Content, Guid? Version, bool CanEdit, DateTime? UpdatedAt);

/// <summary>Pass the <c>Version</c> read with the template; null while the unit still uses the built-in wording.</summary>
public sealed record UpdateLetterTemplateCommand(Guid UnitId, LetterContent Content, Guid? Version);

/// <summary>Reads and edits a unit's letter template (editing: the unit's managers only).</summary>
public sealed class LetterTemplates(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Result<LetterTemplateDto>> GetAsync(Actor actor, Guid unitId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null || !actor.CanSee(unit.Id))
        {
            return Error.NotFound("单位");
        }

        var template = await db.Set<LetterTemplate>().AsNoTracking().FirstOrDefaultAsync(t => t.UnitId == unitId, ct);
        return new LetterTemplateDto(unit.Id, unit.Name, template is null, template?.Content ?? LetterTemplate.Default, template?.Version,
            LetterAccess.Manages(actor, unit.Id), template?.UpdatedAt);
    }

    /// <summary>The wording a new letter of the unit starts from.</summary>
    internal static async Task<LetterContent> EffectiveAsync(AppDbContext db, Guid unitId, CancellationToken ct)
        => (await db.Set<LetterTemplate>().AsNoTracking().FirstOrDefaultAsync(t => t.UnitId == unitId, ct))?.Content ?? LetterTemplate.Default;

    public async Task<Result<LetterTemplateDto>> UpdateAsync(Actor actor, UpdateLetterTemplateCommand command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (LetterValidation.Content(command.Content) is { } invalid)
        {
            return invalid;
        }

        var content = command.Content.Normalised();
        await using var db = await dbFactory.CreateGuardedAsync(ct);
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == command.UnitId, ct);
        if (unit is null || !actor.CanSee(unit.Id))
        {
            return Error.NotFound("单位");
        }

        if (!LetterAccess.Manages(actor, unit.Id))
        {
            await db.AuditDeniedAsync(clock, actor, "修改责任书模板", "Unit", unit.Id.ToString(), ct);
            return Error.Forbidden(LetterAccess.ManagersOnly);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var template = await db.Set<LetterTemplate>().FirstOrDefaultAsync(t => t.UnitId == unit.Id, ct);
        if (template?.Version != command.Version)
        {
            return Error.StaleEdit("该单位的责任书模板");
        }

        if (template is null)
        {
            template = new LetterTemplate
            {
                Id = Guid.CreateVersion7(),
                UnitId = unit.Id,
                Title = content.Title,
                Header = content.Header,
                Responsibilities = content.Responsibilities,
                Accountability = content.Accountability,
                Assessment = content.Assessment,
                Closing = content.Closing,
                UpdatedAt = now,
                UpdatedBy = actor.UserId,
            };
            db.Add(template);
        }
        else
        {
            template.Apply(content, now, actor.UserId);
        }

        db.Audit(clock, actor, ResponsibilityAudit.LetterTemplateUpdate, "LetterTemplate", template.Id.ToString(), unit.Id, detail: $"{unit.Name}：{content.Title}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A stale token, or a second "first save" of the same unit's template (unique per unit).
            return Error.StaleEdit("该单位的责任书模板");
        }

        return new LetterTemplateDto(unit.Id, unit.Name, false, template.Content, template.Version, true, template.UpdatedAt);
    }
}
