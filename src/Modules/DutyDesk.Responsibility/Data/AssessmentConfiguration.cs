using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Units;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DutyDesk.Responsibility.Data;

internal sealed class UnitAssessmentConfiguration : IEntityTypeConfiguration<UnitAssessment>
{
    public void Configure(EntityTypeBuilder<UnitAssessment> b)
    {
        b.ToTable("unit_assessments");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ComputedScore).HasPrecision(5, 1);
        b.Property(x => x.FinalScore).HasPrecision(5, 1);
        b.Property(x => x.LinesJson).HasMaxLength(UnitAssessment.LinesMaxLength);
        b.Property(x => x.FormulaText).HasMaxLength(UnitAssessment.FormulaMaxLength);
        b.Property(x => x.Measure).HasMaxLength(20);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.UnitId, x.Year }).IsUnique();
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Adjustments).WithOne().HasForeignKey(x => x.AssessmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AssessmentAdjustmentConfiguration : IEntityTypeConfiguration<AssessmentAdjustment>
{
    public void Configure(EntityTypeBuilder<AssessmentAdjustment> b)
    {
        b.ToTable("assessment_adjustments");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Points).HasPrecision(5, 1);
        b.Property(x => x.Reason).HasMaxLength(AssessmentAdjustment.ReasonMaxLength);
        b.HasIndex(x => x.AssessmentId);
    }
}

internal sealed class AccountabilityRecordConfiguration : IEntityTypeConfiguration<AccountabilityRecord>
{
    public void Configure(EntityTypeBuilder<AccountabilityRecord> b)
    {
        b.ToTable("accountability_records");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Facts).HasMaxLength(AccountabilityRecord.FactsMaxLength);
        b.HasIndex(x => new { x.UnitId, x.Year });
        b.HasIndex(x => x.DecisionId);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<MeetingDecision>().WithMany().HasForeignKey(x => x.DecisionId).OnDelete(DeleteBehavior.Restrict);
    }
}
