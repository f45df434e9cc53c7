using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DutyDesk.Opinion.Data;

internal sealed class GradingSettingsConfiguration : IEntityTypeConfiguration<GradingSettings>
{
    public void Configure(EntityTypeBuilder<GradingSettings> b)
    {
        b.ToTable("op_grading");
        b.HasKey(x => x.UnitId);
        b.Property(x => x.KeyAreaWords).HasMaxLength(GradingSettings.WordsMaxLength);
        b.Property(x => x.SevereWords).HasMaxLength(GradingSettings.WordsMaxLength);
        b.Property(x => x.MainstreamDomains).HasMaxLength(GradingSettings.DomainsMaxLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
