using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DutyDesk.Platform.Data;

/// <summary>
/// Inserts many rows of one entity type in the context's current transaction, untracked, the way each database
/// takes them fastest: PostgreSQL by binary <c>COPY</c>, SQLite by one prepared <c>INSERT</c> run once per row.
/// For append-only rows written in bulk (collected posts and their matches), where change tracking and EF's
/// per-row statements cost several times the database's own work.
/// </summary>
/// <remarks>
/// Table, columns and value conversions come from the EF model, so the rows are stored exactly as
/// <c>SaveChanges</c> would store them (enums as strings, Guids and times as each provider keeps them). Nothing
/// <see cref="AppDbContext"/> does on save happens here — no version stamps — so entities with a concurrency token
/// are refused. The commands bypass EF's command interceptors; they run inside the caller's transaction, so a crash
/// part-way leaves nothing. A failure (a key violation too) surfaces as <see cref="DbUpdateException"/>, as from
/// <c>SaveChanges</c>. SQLite binds parameters by name in a linear search, so many rows per statement get slower,
/// not faster; a prepared single-row statement avoids both that and re-parsing.
/// </remarks>
public static class BulkInsert
{
    public static async Task InsertAllAsync<T>(this AppDbContext db, IReadOnlyList<T> rows, CancellationToken ct = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity of the model");
        if (entity.GetProperties().Any(p => p.IsConcurrencyToken))
        {
            throw new InvalidOperationException($"{typeof(T).Name} has a concurrency token; insert it through SaveChanges");
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("bulk inserts run inside the caller's transaction");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Select(p => new Column(p, p.GetColumnName(table)!, p.GetRelationalTypeMapping())).ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        var into = $"{sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))})";
        try
        {
            if (transaction.Connection is NpgsqlConnection postgres)
            {
                await CopyAsync(postgres, into, columns, rows, ct);
            }
            else
            {
                await InsertEachAsync(transaction, into, columns, rows, sql, ct);
            }
        }
        catch (DbException e)
        {
            throw new DbUpdateException($"inserting {rows.Count} rows into {table.Name} failed: {e.Message}", e);
        }
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string into, Column[] columns, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {into} FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var column in columns)
            {
                if (column.ProviderValue(row) is { } value)
                {
                    await importer.WriteAsync(value, column.Mapping.StoreTypeNameBase, ct);
                }
                else
                {
                    await importer.WriteNullAsync(ct);
                }
            }
        }

        await importer.CompleteAsync(ct);
    }

    private static async Task InsertEachAsync<T>(DbTransaction transaction, string into, Column[] columns, IReadOnlyList<T> rows, ISqlGenerationHelper sql, CancellationToken ct)
        where T : class
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {into} VALUES ({string.Join(", ", columns.Select((_, i) => sql.GenerateParameterNamePlaceholder("p" + i)))})";
        var parameters = columns.Select((c, i) => c.Mapping.CreateParameter(command, "p" + i, null, c.Property.IsNullable)).ToArray();
        command.Parameters.AddRange(parameters);
        await command.PrepareAsync(ct);
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Length; i++)
            {
                // The mapping configures the parameter (type, size) once; per row only the value changes.
                parameters[i].Value = columns[i].ProviderValue(row) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping)
    {
        private readonly IClrPropertyGetter getter = Property.GetGetter();

        public object? ProviderValue(object row)
        {
            var value = getter.GetClrValueUsingContainingEntity(row);
            return value is null ? null : Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        }
    }
}
