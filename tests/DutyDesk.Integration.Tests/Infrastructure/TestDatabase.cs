using DutyDesk.Platform.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DutyDesk.Integration.Tests.Infrastructure;

/// <summary>
/// A database of its own for one test, plus a fresh data directory: a SQLite file in a temp
/// folder, or a uniquely named PostgreSQL database that is dropped afterwards.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "DUTYDESK_TEST_POSTGRES";

    private readonly string? postgresServer;
    private readonly string? postgresName;

    private TestDatabase(DatabaseProvider provider, string dataDirectory, string connectionString, string? postgresServer, string? postgresName)
    {
        Provider = provider;
        DataDirectory = dataDirectory;
        ConnectionString = connectionString;
        this.postgresServer = postgresServer;
        this.postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }

    public string DataDirectory { get; }

    public string ConnectionString { get; }

    /// <summary>The connection string of the test PostgreSQL server; fails (never skips) when it is not configured.</summary>
    public static string PostgresServer()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{PostgresVariable} is not set, so the PostgreSQL cases cannot run. Start the test server with "
                + "`eval \"$(scripts/start-postgres.sh)\"` from the repository root and run the tests again.");
        }

        return server;
    }

    public static TestDatabase Create(DatabaseProvider provider)
    {
        var server = provider == DatabaseProvider.Postgres ? PostgresServer() : null;
        var directory = Path.Combine(Path.GetTempPath(), "dutydesk-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        if (provider == DatabaseProvider.Sqlite)
        {
            return new TestDatabase(provider, directory, DatabaseSetup.DefaultSqliteConnectionString(directory), null, null);
        }

        // The database itself is created by the app's migrations on first start.
        var name = "ddtest_" + Guid.NewGuid().ToString("N");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new TestDatabase(provider, directory, connectionString, server, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
        }
        else
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
            var admin = new NpgsqlConnectionStringBuilder(postgresServer) { Database = "postgres", Pooling = false }.ConnectionString;
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled handle; the temp folder is cleaned by the OS.
        }
    }
}
