namespace DutyDesk.Platform.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Bound from the "DutyDesk:Database" section (env: DutyDesk__Database__Provider …).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "DutyDesk:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Defaults to a SQLite file under the data directory.</summary>
    public string? ConnectionString { get; set; }
}
