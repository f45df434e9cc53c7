using DutyDesk.Platform.Alerts;
using DutyDesk.Platform.ApiTokens;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Files;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Notifications;
using DutyDesk.Platform.Outbox;
using DutyDesk.Platform.Tasks;
using DutyDesk.Platform.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DutyDesk.Platform.Data;

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.ToTable("units");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(Unit.NameMaxLength);
        b.Property(x => x.Path).HasMaxLength(33 * 16);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.Path).IsUnique();
        b.HasIndex(x => new { x.ParentId, x.Name }).IsUnique();
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.HomeUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.HomeUnitId);
    }
}

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> b)
    {
        b.ToTable("role_assignments");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasIndex(x => new { x.UserId, x.UnitId, x.Role }).IsUnique();
        b.HasIndex(x => new { x.UnitId, x.Role });
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.ToTable("user_sessions");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.EndReason).HasMaxLength(40);
        b.Property(x => x.ClientIp).HasMaxLength(64);
        b.HasIndex(x => x.UserId);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.HasKey(x => x.Sequence);
        b.Property(x => x.Sequence).ValueGeneratedNever();
        b.Property(x => x.UserName).HasMaxLength(100);
        b.Property(x => x.ClientIp).HasMaxLength(64);
        b.Property(x => x.Action).HasMaxLength(60);
        b.Property(x => x.ObjectType).HasMaxLength(60);
        b.Property(x => x.ObjectId).HasMaxLength(100);
        b.Property(x => x.Detail).HasMaxLength(2000);
        b.Property(x => x.PreviousHash).HasMaxLength(64);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.HasIndex(x => x.At);
        b.HasIndex(x => new { x.UserId, x.At });
        b.HasIndex(x => new { x.Action, x.At });
    }
}

internal sealed class DueTaskConfiguration : IEntityTypeConfiguration<DueTask>
{
    public void Configure(EntityTypeBuilder<DueTask> b)
    {
        b.ToTable("due_tasks");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Title).HasMaxLength(DueTask.TitleMaxLength);
        b.Property(x => x.Description).HasMaxLength(4000);
        b.Property(x => x.ReminderOffsets).HasMaxLength(60);
        b.Property(x => x.CompletionNote).HasMaxLength(2000);
        b.Property(x => x.SourceModule).HasMaxLength(40);
        b.Property(x => x.SourceType).HasMaxLength(60);
        b.Property(x => x.SourceId).HasMaxLength(100);
        b.Property(x => x.Version).IsConcurrencyToken();
        // The scheduler's two questions, each one index range: reminders due, and overdue not yet escalated.
        b.HasIndex(x => new { x.State, x.NextReminderAt });
        b.HasIndex(x => new { x.State, x.EscalatedAt, x.DueAt });
        b.HasIndex(x => new { x.OwnerId, x.State, x.DueAt });
        b.HasIndex(x => new { x.UnitId, x.State, x.DueAt });
        b.HasIndex(x => new { x.SourceModule, x.SourceType, x.SourceId });
        b.HasMany(x => x.Evidence).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TaskEvidenceConfiguration : IEntityTypeConfiguration<TaskEvidence>
{
    public void Configure(EntityTypeBuilder<TaskEvidence> b)
    {
        b.ToTable("task_evidence");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasIndex(x => new { x.TaskId, x.FileId }).IsUnique();
        b.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.ToTable("stored_files");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.FileName).HasMaxLength(255);
        b.HasIndex(x => x.Sha256);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Kind).HasMaxLength(60);
        b.Property(x => x.IdempotencyKey).HasMaxLength(200);
        b.Property(x => x.Payload).HasMaxLength(16000);
        b.Property(x => x.LockedBy).HasMaxLength(100);
        b.Property(x => x.LastError).HasMaxLength(2000);
        b.HasIndex(x => x.IdempotencyKey).IsUnique();
        b.HasIndex(x => new { x.DeliveredAt, x.DeadAt, x.AvailableAt });
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Title).HasMaxLength(Notification.TitleMaxLength);
        b.Property(x => x.Body).HasMaxLength(2000);
        b.Property(x => x.Link).HasMaxLength(500);
        b.Property(x => x.IdempotencyKey).HasMaxLength(200);
        b.HasIndex(x => x.IdempotencyKey).IsUnique();
        b.HasIndex(x => new { x.UserId, x.ReadAt, x.CreatedAt });
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.ToTable("api_tokens");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(60);
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.Property(x => x.Hint).HasMaxLength(20);
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasIndex(x => x.UserId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> b)
    {
        b.ToTable("data_protection_keys");
        b.Property(x => x.Xml).HasMaxLength(8000); // a key's XML is about 1 KB; the 256 default would cut it
    }
}

internal sealed class CalendarFeedTokenConfiguration : IEntityTypeConfiguration<CalendarFeedToken>
{
    public void Configure(EntityTypeBuilder<CalendarFeedToken> b)
    {
        b.ToTable("calendar_feed_tokens");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasIndex(x => new { x.UserId, x.UnitId });
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> b)
    {
        b.ToTable("alerts");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.DedupKey).HasMaxLength(Alert.DedupKeyMaxLength);
        b.Property(x => x.Title).HasMaxLength(Alert.TitleMaxLength);
        b.Property(x => x.Body).HasMaxLength(Alert.BodyMaxLength);
        b.Property(x => x.Link).HasMaxLength(Alert.LinkMaxLength);
        b.Property(x => x.AckNote).HasMaxLength(Alert.AckNoteMaxLength);
        b.Property(x => x.SourceModule).HasMaxLength(40);
        b.Property(x => x.SourceType).HasMaxLength(60);
        b.Property(x => x.SourceId).HasMaxLength(100);
        // Ticks: one integer reads the same on both providers (SQLite has no interval type).
        b.Property(x => x.AckWithin).HasConversion<long>();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.State);
        b.HasIndex(x => new { x.UnitId, x.DedupKey }).IsUnique();
        // The escalator's one question: which alerts' time ran out.
        b.HasIndex(x => x.NextEscalationAt);
        b.HasIndex(x => new { x.UnitId, x.RaisedAt });
        b.HasIndex(x => new { x.SourceModule, x.SourceType, x.SourceId });
        b.HasMany(x => x.Recipients).WithOne().HasForeignKey(x => x.AlertId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AlertRecipientConfiguration : IEntityTypeConfiguration<AlertRecipient>
{
    public void Configure(EntityTypeBuilder<AlertRecipient> b)
    {
        b.ToTable("alert_recipients");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.AckTokenHash).HasMaxLength(64);
        b.HasIndex(x => new { x.AlertId, x.Order }).IsUnique();
        b.HasIndex(x => x.AckTokenHash).IsUnique();
        b.HasIndex(x => x.UserId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AlertChannelConfiguration : IEntityTypeConfiguration<AlertChannel>
{
    public void Configure(EntityTypeBuilder<AlertChannel> b)
    {
        b.ToTable("alert_channels");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(AlertChannel.NameMaxLength);
        b.Property(x => x.Url).HasMaxLength(AlertChannel.UrlMaxLength);
        b.Property(x => x.ProtectedSecret).HasMaxLength(2000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.UnitId, x.Name }).IsUnique();
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AlertQuietHoursConfiguration : IEntityTypeConfiguration<AlertQuietHours>
{
    public void Configure(EntityTypeBuilder<AlertQuietHours> b)
    {
        b.ToTable("alert_quiet_hours");
        b.HasKey(x => x.UserId);
        b.Property(x => x.TimeZone).HasMaxLength(60);
        b.HasOne<AppUser>().WithOne().HasForeignKey<AlertQuietHours>(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
