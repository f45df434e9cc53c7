using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using DutyDesk.Responsibility.Data;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Responsibility.Features.Letters;

/// <summary>A new letter of the unit for the year; without a title the template's title is used.</summary>
public sealed record CreateLetterCommand(Guid UnitId, int Year, string? Title, IReadOnlyList<SignerInput> Signers);

/// <summary>Creates a letter from the unit's template: version 1, a draft, with {单位} and {年度} filled in.</summary>
public sealed class CreateLetter(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Result<Guid>> HandleAsync(Actor actor, CreateLetterCommand command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (Check.First(LetterValidation.Year(command.Year), Check.Optional("title", "标题", command.Title, LetterContent.TitleMaxLength)) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateGuardedAsync(ct);
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == command.UnitId, ct);
        if (unit is null || !actor.CanSee(unit.Id))
        {
            return Error.NotFound("单位");
        }

        if (!LetterAccess.Manages(actor, unit.Id))
        {
            await db.AuditDeniedAsync(clock, actor, "新建责任书", "Unit", unit.Id.ToString(), ct);
            return Error.Forbidden(LetterAccess.ManagersOnly);
        }

        if (unit.IsDisabled)
        {
            return Error.Validation("unitId", $"“{unit.Name}”已停用，不能再签发责任书。");
        }

        var letterId = Guid.CreateVersion7();
        var signers = await LetterAccess.ResolveSignersAsync(db, unit, letterId, command.Signers, ct);
        if (!signers.IsSuccess)
        {
            return signers.Error!;
        }

        var content = LetterText.ForUnitAndYear(await LetterTemplates.EffectiveAsync(db, unit.Id, ct), unit.Name, command.Year);
        if (!string.IsNullOrWhiteSpace(command.Title))
        {
            content = content with { Title = command.Title };
        }

        content = content.Normalised();
        if (LetterValidation.Content(content) is { } tooLong)
        {
            return tooLong;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var letter = new ResponsibilityLetter
        {
            Id = letterId,
            UnitId = unit.Id,
            Year = command.Year,
            Title = content.Title,
            CreatedAt = now,
            CreatedBy = actor.UserId,
            UpdatedAt = now,
            Signers = signers.Value,
            Versions = [LetterVersion.FirstDraft(letterId, content, now, actor.UserId)],
        };
        db.Add(letter);
        db.Audit(clock, actor, ResponsibilityAudit.LetterCreate, "ResponsibilityLetter", letter.Id.ToString(), unit.Id,
            detail: $"{unit.Name} {command.Year} 年：{letter.Title}，签署人 {letter.Signers.Count} 人");
        await db.SaveChangesAsync(ct);
        return letter.Id;
    }
}
