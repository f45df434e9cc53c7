using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Tasks;
using DutyDesk.Platform.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DutyDesk.Opinion.Data;

internal sealed class CaseReviewConfiguration : IEntityTypeConfiguration<CaseReview>
{
    public void Configure(EntityTypeBuilder<CaseReview> b)
    {
        b.ToTable("op_case_reviews");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.WhatWorked).HasMaxLength(CaseReview.TextMaxLength);
        b.Property(x => x.Problems).HasMaxLength(CaseReview.TextMaxLength);
        b.Property(x => x.Commendations).HasMaxLength(CaseReview.TextMaxLength);
        b.Property(x => x.Summary).HasMaxLength(CaseReview.TextMaxLength);
        b.Property(x => x.NoImprovementReason).HasMaxLength(CaseReview.ReasonMaxLength);
        b.Property(x => x.State).HasMaxLength(10);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.IsFinal);
        // One review per case.
        b.HasIndex(x => x.CaseId).IsUnique();
        b.HasOne<ResponseCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UpdatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.FinalisedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseEvaluationConfiguration : IEntityTypeConfiguration<CaseEvaluation>
{
    public void Configure(EntityTypeBuilder<CaseEvaluation> b)
    {
        b.ToTable("op_case_evaluations");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Text).HasMaxLength(CaseEvaluation.TextMaxLength);
        b.Property(x => x.Rating).HasMaxLength(10);
        b.HasIndex(x => new { x.ReviewId, x.Order });
        b.HasOne<CaseReview>().WithMany().HasForeignKey(x => x.ReviewId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseImprovementConfiguration : IEntityTypeConfiguration<CaseImprovement>
{
    public void Configure(EntityTypeBuilder<CaseImprovement> b)
    {
        b.ToTable("op_case_improvements");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Text).HasMaxLength(CaseImprovement.TextMaxLength);
        b.HasIndex(x => new { x.CaseId, x.CreatedAt });
        b.HasIndex(x => x.TaskId).IsUnique();
        b.HasOne<ResponseCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<CaseReview>().WithMany().HasForeignKey(x => x.ReviewId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<DueTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
    }
}
