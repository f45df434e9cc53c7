using DutyDesk.Platform.Alerts;
using DutyDesk.Platform.ApiTokens;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Files;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Notifications;
using DutyDesk.Platform.Outbox;
using DutyDesk.Platform.Tasks;
using DutyDesk.Platform.Units;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace DutyDesk.Platform.Data;

/// <summary>The one DbContext of DutyDesk; modules apply their configurations to it.</summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityUserContext<AppUser, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();

    public DbSet<UserSession> Sessions => Set<UserSession>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DueTask> DueTasks => Set<DueTask>();

    public DbSet<TaskEvidence> TaskEvidence => Set<TaskEvidence>();

    public DbSet<StoredFile> Files => Set<StoredFile>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<CalendarFeedToken> CalendarFeedTokens => Set<CalendarFeedToken>();

    public DbSet<Alert> Alerts => Set<Alert>();

    public DbSet<AlertRecipient> AlertRecipients => Set<AlertRecipient>();

    public DbSet<AlertChannel> AlertChannels => Set<AlertChannel>();

    public DbSet<AlertQuietHours> AlertQuietHours => Set<AlertQuietHours>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every string has a max length; longer ones say so in their configuration.
        configurationBuilder.Properties<string>().HaveMaxLength(256);
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<DateTime>().HaveConversion<DatabaseSetup.UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<DatabaseSetup.NullableUtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        foreach (var module in this.GetService<IDbContextOptions>().FindExtension<ModuleModel>()?.Assemblies ?? [])
        {
            builder.ApplyConfigurationsFromAssembly(module);
        }
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampVersions();
        var audit = ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        return audit.Count == 0
            ? base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken)
            : SaveWithAuditChainAsync(audit, acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Synchronous saves (Data Protection's key store uses them) may not touch the audit chain.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added))
        {
            throw new NotSupportedException("审计记录必须用 SaveChangesAsync 写入：追加审计链需要加锁。");
        }

        StampVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    private async Task<int> SaveWithAuditChainAsync(List<AuditEntry> entries, bool accept, CancellationToken ct)
    {
        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
        try
        {
            await DatabaseSetup.LockAuditChainAsync(this, ct);
            var last = await AuditEntries.AsNoTracking()
                .OrderByDescending(a => a.Sequence)
                .Select(a => new { a.Sequence, a.Hash })
                .FirstOrDefaultAsync(ct);
            var sequence = last?.Sequence ?? 0;
            var previous = last?.Hash ?? AuditEntry.GenesisHash;
            foreach (var entry in entries)
            {
                entry.Sequence = ++sequence;
                // Hash the time as it will be read back.
                entry.At = DbTime.AsStored(entry.At);
                entry.PreviousHash = previous;
                entry.Hash = entry.ComputeHash();
                previous = entry.Hash;
            }

            var written = await base.SaveChangesAsync(accept, ct);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(ct);
            }

            return written;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    private void StampVersions()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified
                && entry.Metadata.FindProperty("Version") is { IsConcurrencyToken: true })
            {
                entry.Property("Version").CurrentValue = Guid.NewGuid();
            }
        }
    }
}
