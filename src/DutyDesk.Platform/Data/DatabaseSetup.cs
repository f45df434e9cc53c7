using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DutyDesk.Platform.Data;

/// <summary>The only place that knows the two providers apart.</summary>
public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "DutyDesk.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "DutyDesk.Migrations.Postgres";

    public static string DefaultSqliteConnectionString(string dataDirectory)
        => new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "dutydesk.db"), DefaultTimeout = 30, Pooling = true }.ToString();

    /// <summary>Chooses the provider; <c>modules</c> are the assemblies whose entity configurations join the Platform's in the model.</summary>
    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString, IEnumerable<Assembly>? modules = null)
    {
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new ModuleModel(modules ?? []));
        builder.ReplaceService<IModelCacheKeyFactory, ModuleModelCacheKeyFactory>();
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly));
                builder.AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "未知的数据库类型");
        }
    }

    /// <summary>Serialises appends to the audit chain inside the current transaction.</summary>
    internal static Task LockAuditChainAsync(AppDbContext db, CancellationToken ct) => DbLocks.LockAsync(db, AuditChainLock, ct);

    /// <summary>The audit chain's advisory lock key (fixed since the first release: nodes of one cluster must agree).</summary>
    private const long AuditChainLock = 770077001;

    /// <summary>Stores UTC and reads it back as UTC on both providers (SQLite keeps no kind).</summary>
    internal sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    internal sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}
