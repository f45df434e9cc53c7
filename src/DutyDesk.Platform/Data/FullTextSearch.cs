using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Platform.Data;

/// <summary>
/// A full-text index over a table whose text column holds words already cut and joined by spaces (Chinese has no
/// spaces, so the engines' own parsers cannot find its words). <c>Table</c> is keyed by the Guid <c>KeyColumn</c>.
/// </summary>
public sealed partial record FullTextIndex(string Table, string KeyColumn, string TextColumn)
{
    /// <summary>SQLite: the FTS5 table that mirrors <c>Table</c> (kept in step by triggers).</summary>
    public string SqliteTable => Checked(Table) + "_fts";

    /// <summary>PostgreSQL: the generated tsvector column beside the text, with a GIN index.</summary>
    public string PostgresColumn => Checked(TextColumn) + "Vector";

    internal static string Checked(string identifier)
        => Identifier().IsMatch(identifier) ? identifier : throw new ArgumentException($"not a plain SQL identifier: {identifier}", nameof(identifier));

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}

/// <summary>
/// The two providers' full-text machinery in one place: what a migration creates, and how a search finds the keys
/// whose text contains every term. SQLite uses an FTS5 table (unicode61 tokenizer: a run of letters and digits is one
/// token, CJK included); PostgreSQL a <c>to_tsvector('simple', …)</c> column (no stemming, no stop words) with a GIN index.
/// </summary>
/// <remarks>
/// The SQLite FTS5 table stores its own copy of the text and the key (an UNINDEXED column) rather than pointing at the
/// base table's rowid: a table keyed by a Guid has no INTEGER PRIMARY KEY, and VACUUM may renumber such rowids.
/// Triggers keep it in step with the base table, so writers only ever write the base table.
/// </remarks>
public static class FullTextSearch
{
    public const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";
    public const string PostgresProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>Statements that create the index for the migration's provider (<c>migrationBuilder.ActiveProvider</c>).</summary>
    public static IReadOnlyList<string> CreateSql(string? activeProvider, FullTextIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var (table, key, text) = (FullTextIndex.Checked(index.Table), FullTextIndex.Checked(index.KeyColumn), FullTextIndex.Checked(index.TextColumn));
        return activeProvider switch
        {
            SqliteProvider =>
            [
                $"""CREATE VIRTUAL TABLE "{index.SqliteTable}" USING fts5("{text}", "{key}" UNINDEXED, tokenize = 'unicode61');""",
                $"""
                 CREATE TRIGGER "{index.SqliteTable}_insert" AFTER INSERT ON "{table}" BEGIN
                     INSERT INTO "{index.SqliteTable}" ("{text}", "{key}") VALUES (new."{text}", new."{key}");
                 END;
                 """,
                $"""
                 CREATE TRIGGER "{index.SqliteTable}_delete" AFTER DELETE ON "{table}" BEGIN
                     DELETE FROM "{index.SqliteTable}" WHERE "{key}" = old."{key}";
                 END;
                 """,
                $"""
                 CREATE TRIGGER "{index.SqliteTable}_update" AFTER UPDATE OF "{text}" ON "{table}" BEGIN
                     DELETE FROM "{index.SqliteTable}" WHERE "{key}" = old."{key}";
                     INSERT INTO "{index.SqliteTable}" ("{text}", "{key}") VALUES (new."{text}", new."{key}");
                 END;
                 """,
            ],
            PostgresProvider =>
            [
                $"""ALTER TABLE "{table}" ADD COLUMN "{index.PostgresColumn}" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "{text}")) STORED;""",
                $"""CREATE INDEX "IX_{table}_{index.PostgresColumn}" ON "{table}" USING GIN ("{index.PostgresColumn}");""",
            ],
            _ => throw new ArgumentOutOfRangeException(nameof(activeProvider), activeProvider, "未知的数据库类型"),
        };
    }

    /// <summary>Statements that drop what <see cref="CreateSql"/> created (a migration's Down).</summary>
    public static IReadOnlyList<string> DropSql(string? activeProvider, FullTextIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return activeProvider switch
        {
            SqliteProvider =>
            [
                $"""DROP TRIGGER IF EXISTS "{index.SqliteTable}_insert";""",
                $"""DROP TRIGGER IF EXISTS "{index.SqliteTable}_delete";""",
                $"""DROP TRIGGER IF EXISTS "{index.SqliteTable}_update";""",
                $"""DROP TABLE IF EXISTS "{index.SqliteTable}";""",
            ],
            PostgresProvider => [$"""ALTER TABLE "{FullTextIndex.Checked(index.Table)}" DROP COLUMN IF EXISTS "{index.PostgresColumn}";"""],
            _ => throw new ArgumentOutOfRangeException(nameof(activeProvider), activeProvider, "未知的数据库类型"),
        };
    }

    /// <summary>
    /// The keys whose text contains every one of <paramref name="terms"/> (whole words, as the index cut them), as a
    /// query to compose with others (<c>keys.Contains(x.Id)</c>). The terms travel as a parameter, quoted for FTS5, so
    /// nothing a person types can become query syntax. No terms: no keys.
    /// </summary>
    public static IQueryable<Guid> MatchingKeys(AppDbContext db, FullTextIndex index, IReadOnlyCollection<string> terms)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(terms);
        var (table, key) = (FullTextIndex.Checked(index.Table), FullTextIndex.Checked(index.KeyColumn));
        var words = terms.Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        // Identifiers are checked plain names from code; what a person typed only ever travels as parameter {0}.
        if (db.Database.IsNpgsql())
        {
            // plainto_tsquery ignores operators and punctuation and ANDs the words it finds; no words: matches nothing.
            var postgres = $$"""SELECT "{{key}}" AS "Value" FROM "{{table}}" WHERE "{{index.PostgresColumn}}" @@ plainto_tsquery('simple'::regconfig, {0})""";
            return db.Database.SqlQueryRaw<Guid>(postgres, string.Join(' ', words));
        }

        // FTS5 rejects an empty MATCH expression, so no words ask for nothing.
        var sqlite = words.Count == 0
            ? $$"""SELECT "{{key}}" AS "Value" FROM "{{index.SqliteTable}}" WHERE 0 AND {0} IS NOT NULL"""
            : $$"""SELECT "{{key}}" AS "Value" FROM "{{index.SqliteTable}}" WHERE "{{index.SqliteTable}}" MATCH {0}""";
        return db.Database.SqlQueryRaw<Guid>(sqlite, SqliteMatch(words));
    }

    /// <summary>Each term as an FTS5 string (double quotes doubled), ANDed: a string is always a term, never syntax.</summary>
    public static string SqliteMatch(IEnumerable<string> terms)
        => string.Join(" AND ", terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
}
