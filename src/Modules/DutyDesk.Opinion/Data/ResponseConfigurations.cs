using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Files;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Tasks;
using DutyDesk.Platform.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DutyDesk.Opinion.Data;

internal sealed class ResponseCaseConfiguration : IEntityTypeConfiguration<ResponseCase>
{
    public void Configure(EntityTypeBuilder<ResponseCase> b)
    {
        b.ToTable("op_response_cases");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Title).HasMaxLength(ResponseCase.TitleMaxLength);
        b.Property(x => x.Summary).HasMaxLength(ResponseCase.SummaryMaxLength);
        b.Property(x => x.SourceNote).HasMaxLength(500);
        b.Property(x => x.Origin).HasMaxLength(12);
        b.Property(x => x.Level).HasMaxLength(4);
        b.Property(x => x.ProposedLevel).HasMaxLength(4);
        b.Property(x => x.ProposedRule).HasMaxLength(300);
        b.Property(x => x.Step).HasMaxLength(12);
        b.Property(x => x.SensitivePeriod).HasMaxLength(100);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.IsOpen);
        // The board: a unit's cases by step; one case per monitoring event.
        b.HasIndex(x => new { x.UnitId, x.Step });
        b.HasIndex(x => x.EventId).IsUnique();
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OpinionCase>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OpenedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseLevelChangeConfiguration : IEntityTypeConfiguration<CaseLevelChange>
{
    public void Configure(EntityTypeBuilder<CaseLevelChange> b)
    {
        b.ToTable("op_case_levels");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.From).HasMaxLength(4);
        b.Property(x => x.To).HasMaxLength(4);
        b.Property(x => x.Reason).HasMaxLength(ResponseCase.ReasonMaxLength);
        b.HasIndex(x => new { x.CaseId, x.At });
        b.HasOne<ResponseCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseTimelineEntryConfiguration : IEntityTypeConfiguration<CaseTimelineEntry>
{
    public void Configure(EntityTypeBuilder<CaseTimelineEntry> b)
    {
        b.ToTable("op_case_timeline");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Kind).HasMaxLength(12);
        b.Property(x => x.Step).HasMaxLength(12);
        b.Property(x => x.Text).HasMaxLength(CaseTimelineEntry.TextMaxLength);
        b.HasIndex(x => new { x.CaseId, x.Seq }).IsUnique();
        b.HasOne<ResponseCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseDeadlineConfiguration : IEntityTypeConfiguration<CaseDeadline>
{
    public void Configure(EntityTypeBuilder<CaseDeadline> b)
    {
        b.ToTable("op_case_deadlines");
        b.HasKey(x => new { x.CaseId, x.Kind });
        b.Property(x => x.Kind).HasMaxLength(20);
        b.HasIndex(x => x.TaskId).IsUnique();
        b.HasOne<ResponseCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<DueTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseActionConfiguration : IEntityTypeConfiguration<CaseAction>
{
    public void Configure(EntityTypeBuilder<CaseAction> b)
    {
        b.ToTable("op_case_actions");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Kind).HasMaxLength(20);
        b.Property(x => x.Summary).HasMaxLength(CaseAction.SummaryMaxLength);
        b.Property(x => x.Facts).HasMaxLength(CaseAction.FactsMaxLength);
        b.Property(x => x.Target).HasMaxLength(CaseAction.TargetMaxLength);
        b.Property(x => x.ContentUrl).HasMaxLength(CaseAction.UrlMaxLength);
        b.HasIndex(x => new { x.CaseId, x.At });
        b.HasOne<ResponseCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseActionFileConfiguration : IEntityTypeConfiguration<CaseActionFile>
{
    public void Configure(EntityTypeBuilder<CaseActionFile> b)
    {
        b.ToTable("op_case_action_files");
        b.HasKey(x => new { x.ActionId, x.FileId });
        b.HasOne<CaseAction>().WithMany().HasForeignKey(x => x.ActionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}
