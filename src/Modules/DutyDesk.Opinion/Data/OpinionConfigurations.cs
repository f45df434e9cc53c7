using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Ingest;
using DutyDesk.Platform.Files;
using DutyDesk.Platform.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DutyDesk.Opinion.Data;

internal sealed class MonitoringSchemeConfiguration : IEntityTypeConfiguration<MonitoringScheme>
{
    public void Configure(EntityTypeBuilder<MonitoringScheme> b)
    {
        b.ToTable("op_schemes");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(MonitoringScheme.NameMaxLength);
        b.Property(x => x.Mode).HasMaxLength(12);
        b.Property(x => x.Subjects).HasMaxLength(MonitoringScheme.GroupMaxLength);
        b.Property(x => x.Regions).HasMaxLength(MonitoringScheme.GroupMaxLength);
        b.Property(x => x.Events).HasMaxLength(MonitoringScheme.GroupMaxLength);
        b.Property(x => x.Exclusions).HasMaxLength(MonitoringScheme.GroupMaxLength);
        b.Property(x => x.Expression).HasMaxLength(MonitoringScheme.ExpressionMaxLength);
        b.Property(x => x.SourceFilter).HasMaxLength(2000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.SourceIds);
        b.HasIndex(x => new { x.UnitId, x.Name }).IsUnique();
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SourceConfiguration : IEntityTypeConfiguration<Source>
{
    public void Configure(EntityTypeBuilder<Source> b)
    {
        b.ToTable("op_sources");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(Source.NameMaxLength);
        b.Property(x => x.Kind).HasMaxLength(12);
        b.Property(x => x.Url).HasMaxLength(Source.UrlMaxLength);
        b.Property(x => x.Settings).HasMaxLength(4000);
        b.Property(x => x.PushSecret).HasMaxLength(100);
        b.Property(x => x.ETag).HasMaxLength(300);
        b.Property(x => x.LastModified).HasMaxLength(100);
        b.Property(x => x.LastError).HasMaxLength(Source.ErrorMaxLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.UnitId, x.Name }).IsUnique();
        // The poller's one query: active polled sources whose time has come.
        b.HasIndex(x => new { x.Active, x.NextPollAt });
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ItemConfiguration : IEntityTypeConfiguration<Item>
{
    public void Configure(EntityTypeBuilder<Item> b)
    {
        b.ToTable("op_items");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.DedupeKey).HasMaxLength(Item.KeyMaxLength);
        b.Property(x => x.Title).HasMaxLength(Item.TitleMaxLength);
        b.Property(x => x.Text).HasMaxLength(Item.TextMaxLength);
        b.Property(x => x.Folded).HasMaxLength(Item.TextMaxLength + Item.TitleMaxLength + 1);
        b.Property(x => x.Url).HasMaxLength(Item.UrlMaxLength);
        b.Property(x => x.Site).HasMaxLength(Item.SiteMaxLength);
        b.Property(x => x.SeenWhere).HasMaxLength(200);
        b.Property(x => x.Sentiment).HasMaxLength(10);
        b.Property(x => x.CorrectedSentiment).HasMaxLength(10);
        b.Property(x => x.SentimentWords).HasMaxLength(300);
        b.Ignore(x => x.EffectiveSentiment);
        // Idempotent ingest: the same post arriving again (a re-poll, a vendor's retry, a restart) hits this.
        b.HasIndex(x => new { x.DedupeKey, x.UnitId }).IsUnique();
        b.HasIndex(x => new { x.UnitId, x.CollectedAt });
        b.HasIndex(x => new { x.UnitId, x.PostedAt });
        b.HasIndex(x => new { x.SourceId, x.CollectedAt });
        b.HasIndex(x => x.EventId);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Source>().WithMany().HasForeignKey(x => x.SourceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OpinionCase>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.ScreenshotFileId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ItemMatchConfiguration : IEntityTypeConfiguration<ItemMatch>
{
    public void Configure(EntityTypeBuilder<ItemMatch> b)
    {
        b.ToTable("op_item_matches");
        b.HasKey(x => new { x.ItemId, x.SchemeId });
        b.Property(x => x.Words).HasMaxLength(1000);
        b.HasIndex(x => new { x.SchemeId, x.CollectedAt });
        b.HasOne<Item>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<MonitoringScheme>().WithMany().HasForeignKey(x => x.SchemeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseSiteConfiguration : IEntityTypeConfiguration<CaseSite>
{
    public void Configure(EntityTypeBuilder<CaseSite> b)
    {
        b.ToTable("op_case_sites");
        b.HasKey(x => new { x.CaseId, x.Site });
        b.Property(x => x.Site).HasMaxLength(Item.SiteMaxLength);
        b.HasOne<OpinionCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OpinionCaseConfiguration : IEntityTypeConfiguration<OpinionCase>
{
    public void Configure(EntityTypeBuilder<OpinionCase> b)
    {
        b.ToTable("op_cases");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Title).HasMaxLength(OpinionCase.TitleMaxLength);
        b.Property(x => x.Words).HasMaxLength(1000);
        b.Property(x => x.ProposedLevel).HasMaxLength(4);
        b.Property(x => x.ProposedRule).HasMaxLength(300);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.NegativeShare);
        b.HasIndex(x => new { x.UnitId, x.LastSeenAt });
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<MonitoringScheme>().WithMany().HasForeignKey(x => x.SchemeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UnitSentimentModelConfiguration : IEntityTypeConfiguration<UnitSentimentModel>
{
    public void Configure(EntityTypeBuilder<UnitSentimentModel> b)
    {
        b.ToTable("op_sentiment_models");
        b.HasKey(x => x.UnitId);
        b.Property(x => x.Data).HasMaxLength(16 * 1024 * 1024);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IngestMarkConfiguration : IEntityTypeConfiguration<IngestMark>
{
    public void Configure(EntityTypeBuilder<IngestMark> b)
    {
        b.ToTable("op_ingest_marks");
        b.HasKey(x => x.UnitId);
        b.Property(x => x.UnitId).ValueGeneratedNever();
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
