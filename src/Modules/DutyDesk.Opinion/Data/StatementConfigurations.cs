using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Tasks;
using DutyDesk.Platform.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DutyDesk.Opinion.Data;

internal sealed class CaseTaskConfiguration : IEntityTypeConfiguration<CaseTask>
{
    public void Configure(EntityTypeBuilder<CaseTask> b)
    {
        b.ToTable("op_case_tasks");
        b.HasKey(x => x.TaskId);
        b.Property(x => x.TaskId).ValueGeneratedNever();
        b.Property(x => x.Kind).HasMaxLength(16);
        // A case's tasks, and whether its investigation is still open.
        b.HasIndex(x => new { x.CaseId, x.Kind });
        b.HasOne<ResponseCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<DueTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.AssignedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StatementConfiguration : IEntityTypeConfiguration<Statement>
{
    public void Configure(EntityTypeBuilder<Statement> b)
    {
        b.ToTable("op_statements");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Kind).HasMaxLength(20);
        b.Property(x => x.Title).HasMaxLength(Statement.TitleMaxLength);
        b.Property(x => x.State).HasMaxLength(12);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.CaseId, x.CreatedAt });
        b.HasOne<ResponseCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StatementVersionConfiguration : IEntityTypeConfiguration<StatementVersion>
{
    public void Configure(EntityTypeBuilder<StatementVersion> b)
    {
        b.ToTable("op_statement_versions");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Title).HasMaxLength(Statement.TitleMaxLength);
        b.Property(x => x.Text).HasMaxLength(StatementVersion.TextMaxLength);
        b.Property(x => x.State).HasMaxLength(12);
        b.Property(x => x.ReturnReason).HasMaxLength(StatementVersion.ReasonMaxLength);
        b.HasIndex(x => new { x.StatementId, x.Number }).IsUnique();
        b.HasOne<Statement>().WithMany().HasForeignKey(x => x.StatementId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.SubmittedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.DecidedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PublicationChannelConfiguration : IEntityTypeConfiguration<PublicationChannel>
{
    public void Configure(EntityTypeBuilder<PublicationChannel> b)
    {
        b.ToTable("op_publication_channels");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(PublicationChannel.NameMaxLength);
        b.Property(x => x.Kind).HasMaxLength(20);
        b.Property(x => x.Url).HasMaxLength(PublicationChannel.UrlMaxLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.UnitId, x.Name }).IsUnique();
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PublicationConfiguration : IEntityTypeConfiguration<Publication>
{
    public void Configure(EntityTypeBuilder<Publication> b)
    {
        b.ToTable("op_publications");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Url).HasMaxLength(Publication.UrlMaxLength);
        b.HasIndex(x => new { x.CaseId, x.PublishedAt });
        b.HasIndex(x => x.StatementVersionId);
        b.HasIndex(x => x.ChannelId);
        b.HasOne<ResponseCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StatementVersion>().WithMany().HasForeignKey(x => x.StatementVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PublicationChannel>().WithMany().HasForeignKey(x => x.ChannelId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.RecordedById).OnDelete(DeleteBehavior.Restrict);
    }
}
