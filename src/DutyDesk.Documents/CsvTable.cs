using System.Text;

namespace DutyDesk.Documents;

/// <summary>
/// Writes RFC 4180 CSV that Excel opens correctly in a Chinese locale: UTF-8 with a byte-order
/// mark, quoted fields where needed, and cells that would start a formula neutralised.
/// </summary>
public static class CsvTable
{
    public static byte[] Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new StringBuilder();
        csv.AppendJoin(',', headers.Select(Field)).Append("\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(',', row.Select(Field)).Append("\r\n");
        }

        var preamble = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes(csv.ToString());
        var bytes = new byte[preamble.Length + body.Length];
        preamble.CopyTo(bytes, 0);
        body.CopyTo(bytes, preamble.Length);
        return bytes;
    }

    /// <summary>One field: a leading = + - @ (or tab/CR) would make a spreadsheet evaluate it, so it is prefixed with '.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var safe = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return safe.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    /// <summary>
    /// Parses RFC 4180 text: fields separated by commas, quoted fields may hold commas, line breaks and
    /// doubled quotes; CRLF or LF ends a row; a trailing line break adds no empty row.
    /// </summary>
    public static List<List<string>> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The values of the column named <paramref name="header"/> (header row first); empty when there is no such column.</summary>
    public static List<string> ReadColumn(string text, string header)
    {
        var rows = Read(text);
        var column = rows.Count == 0 ? -1 : rows[0].FindIndex(h => string.Equals(h.Trim().TrimStart('\uFEFF'), header, StringComparison.OrdinalIgnoreCase));
        return column < 0 ? [] : rows.Skip(1).Where(r => r.Count > column).Select(r => r[column]).ToList();
    }
}
