using DutyDesk.Platform.Files;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Tasks;
using DutyDesk.Platform.Units;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DutyDesk.Responsibility.Data;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.ToTable("meetings");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Title).HasMaxLength(Meeting.TitleMaxLength);
        b.Property(x => x.Location).HasMaxLength(Meeting.LocationMaxLength);
        b.Property(x => x.Agenda).HasMaxLength(Meeting.AgendaMaxLength);
        b.Property(x => x.Minutes).HasMaxLength(Meeting.MinutesMaxLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.HasMinutes);
        b.HasIndex(x => new { x.UnitId, x.StartsAt });
        b.HasIndex(x => x.SatisfiedTaskId);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<DueTask>().WithMany().HasForeignKey(x => x.SatisfiedTaskId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Attendees).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Attachments).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Decisions).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeetingAttendeeConfiguration : IEntityTypeConfiguration<MeetingAttendee>
{
    public void Configure(EntityTypeBuilder<MeetingAttendee> b)
    {
        b.ToTable("meeting_attendees");
        b.HasKey(x => new { x.MeetingId, x.UserId });
        b.HasIndex(x => x.UserId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MeetingAttachmentConfiguration : IEntityTypeConfiguration<MeetingAttachment>
{
    public void Configure(EntityTypeBuilder<MeetingAttachment> b)
    {
        b.ToTable("meeting_attachments");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasIndex(x => new { x.MeetingId, x.FileId }).IsUnique();
        b.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MeetingDecisionConfiguration : IEntityTypeConfiguration<MeetingDecision>
{
    public void Configure(EntityTypeBuilder<MeetingDecision> b)
    {
        b.ToTable("meeting_decisions");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Text).HasMaxLength(MeetingDecision.TextMaxLength);
        b.HasIndex(x => new { x.MeetingId, x.SortOrder });
        b.HasMany(x => x.Positions).WithOne().HasForeignKey(x => x.DecisionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DecisionPositionConfiguration : IEntityTypeConfiguration<DecisionPosition>
{
    public void Configure(EntityTypeBuilder<DecisionPosition> b)
    {
        b.ToTable("decision_positions");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Reason).HasMaxLength(DecisionPosition.ReasonMaxLength);
        // One position per member per decision.
        b.HasIndex(x => new { x.DecisionId, x.MemberId }).IsUnique();
        b.HasIndex(x => x.MemberId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
