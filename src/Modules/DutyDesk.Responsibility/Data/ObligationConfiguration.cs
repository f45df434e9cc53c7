using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Tasks;
using DutyDesk.Platform.Units;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DutyDesk.Responsibility.Data;

internal sealed class ObligationConfiguration : IEntityTypeConfiguration<Obligation>
{
    public void Configure(EntityTypeBuilder<Obligation> b)
    {
        b.ToTable("resp_obligations");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Title).HasMaxLength(Obligation.TitleMaxLength);
        b.Property(x => x.Evidence).HasMaxLength(100);
        b.Property(x => x.ReminderDays).HasMaxLength(40);
        b.Property(x => x.Weekday).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.Recurrence);
        b.HasIndex(x => new { x.UnitId, x.Active });
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ObligationOccurrenceConfiguration : IEntityTypeConfiguration<ObligationOccurrence>
{
    public void Configure(EntityTypeBuilder<ObligationOccurrence> b)
    {
        b.ToTable("resp_obligation_occurrences");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.PeriodKey).HasMaxLength(20);
        // The claim: a second node planning the same occurrence hits this and leaves it to the first.
        b.HasIndex(x => new { x.ObligationId, x.PeriodKey, x.MemberId }).IsUnique();
        b.HasIndex(x => new { x.UnitId, x.Scheduled });
        b.HasIndex(x => x.TaskId).IsUnique();
        b.HasOne<Obligation>().WithMany().HasForeignKey(x => x.ObligationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<DueTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Restrict);
    }
}
