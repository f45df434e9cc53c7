using DutyDesk.Opinion.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DutyDesk.Opinion.Data;

internal sealed class ItemSearchEntryConfiguration : IEntityTypeConfiguration<ItemSearchEntry>
{
    public void Configure(EntityTypeBuilder<ItemSearchEntry> b)
    {
        // The migration adds the provider's full-text structure over Segmented (FullTextSearch.CreateSql); it is
        // outside this model, which both providers share.
        b.ToTable(ItemSearchEntry.Index.Table);
        b.HasKey(x => x.ItemId);
        b.Property(x => x.Segmented).HasMaxLength(ItemSearchEntry.SegmentedMaxLength);
        b.HasOne<Item>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
