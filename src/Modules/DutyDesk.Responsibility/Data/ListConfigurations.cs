using DutyDesk.Platform.Files;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Tasks;
using DutyDesk.Platform.Units;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DutyDesk.Responsibility.Data;

internal sealed class ResponsibilityListConfiguration : IEntityTypeConfiguration<ResponsibilityList>
{
    public void Configure(EntityTypeBuilder<ResponsibilityList> b)
    {
        b.ToTable("responsibility_lists");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.UnitId, x.Year }).IsUnique();
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.ListId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ResponsibilityListItemConfiguration : IEntityTypeConfiguration<ResponsibilityListItem>
{
    public void Configure(EntityTypeBuilder<ResponsibilityListItem> b)
    {
        b.ToTable("responsibility_list_items");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Duty).HasMaxLength(ResponsibilityListItem.DutyMaxLength);
        b.Property(x => x.Measures).HasMaxLength(ResponsibilityListItem.MeasuresMaxLength);
        b.Property(x => x.DeadlineNote).HasMaxLength(DeadlineText.NoteMaxLength);
        b.Property(x => x.Remarks).HasMaxLength(ResponsibilityListItem.RemarksMaxLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.ListId, x.Order });
        b.HasIndex(x => x.OwnerId);
        b.HasIndex(x => x.TaskId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<DueTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ListItemNoteConfiguration : IEntityTypeConfiguration<ListItemNote>
{
    public void Configure(EntityTypeBuilder<ListItemNote> b)
    {
        b.ToTable("responsibility_list_notes");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Text).HasMaxLength(ListItemNote.TextMaxLength);
        b.HasIndex(x => new { x.ItemId, x.At });
        b.HasOne<ResponsibilityListItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ListItemFileConfiguration : IEntityTypeConfiguration<ListItemFile>
{
    public void Configure(EntityTypeBuilder<ListItemFile> b)
    {
        b.ToTable("responsibility_list_files");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasIndex(x => new { x.ItemId, x.FileId }).IsUnique();
        b.HasOne<ResponsibilityListItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}
