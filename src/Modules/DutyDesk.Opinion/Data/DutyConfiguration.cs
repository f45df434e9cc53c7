using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DutyDesk.Opinion.Data;

internal sealed class DutyShiftConfiguration : IEntityTypeConfiguration<DutyShift>
{
    public void Configure(EntityTypeBuilder<DutyShift> b)
    {
        b.ToTable("op_duty_shifts");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Label).HasMaxLength(DutyShift.LabelMaxLength);
        b.Property(x => x.Note).HasMaxLength(DutyShift.NoteMaxLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        // Who is on duty at an instant, and a week of the roster: one range over the unit's shifts.
        b.HasIndex(x => new { x.UnitId, x.StartsAt });
        // A person's shifts, for the overlap check.
        b.HasIndex(x => new { x.UserId, x.StartsAt });
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SensitivePeriodConfiguration : IEntityTypeConfiguration<SensitivePeriod>
{
    public void Configure(EntityTypeBuilder<SensitivePeriod> b)
    {
        b.ToTable("op_sensitive_periods");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(SensitivePeriod.NameMaxLength);
        b.Property(x => x.Note).HasMaxLength(SensitivePeriod.NoteMaxLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.UnitId, x.StartsAt });
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
