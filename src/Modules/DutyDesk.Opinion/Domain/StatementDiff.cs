namespace DutyDesk.Opinion.Domain;

public enum DiffKind
{
    Same,
    Deleted,
    Inserted,
}

/// <summary>A run of characters that both texts share, or that only the older (deleted) or newer (inserted) has.</summary>
public sealed record DiffSpan(DiffKind Kind, string Text);

/// <summary>
/// A character-level diff, which suits Chinese (no spaces between words): the common beginning and end are taken
/// off, and what differs in between is aligned by its longest common subsequence of characters. Past
/// <see cref="MaxCells"/> cells the middle is shown as replaced outright, so a full rewrite of a long text cannot
/// tie up the server.
/// </summary>
internal static class StatementDiff
{
    public const int MaxCells = 4_000_000;

    public static IReadOnlyList<DiffSpan> Between(string older, string newer)
    {
        var prefix = 0;
        var most = Math.Min(older.Length, newer.Length);
        while (prefix < most && older[prefix] == newer[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < most - prefix && older[older.Length - 1 - suffix] == newer[newer.Length - 1 - suffix])
        {
            suffix++;
        }

        var spans = new List<DiffSpan>();
        Add(spans, DiffKind.Same, older[..prefix]);
        var a = older.Substring(prefix, older.Length - prefix - suffix);
        var b = newer.Substring(prefix, newer.Length - prefix - suffix);
        if ((long)a.Length * b.Length > MaxCells)
        {
            Add(spans, DiffKind.Deleted, a);
            Add(spans, DiffKind.Inserted, b);
        }
        else
        {
            Align(spans, a, b);
        }

        Add(spans, DiffKind.Same, older[(older.Length - suffix)..]);
        return spans;
    }

    /// <summary>The older text rebuilt from the spans (same and deleted), for checking a diff.</summary>
    public static string Older(IEnumerable<DiffSpan> spans) => string.Concat(spans.Where(s => s.Kind != DiffKind.Inserted).Select(s => s.Text));

    /// <summary>The newer text rebuilt from the spans (same and inserted).</summary>
    public static string Newer(IEnumerable<DiffSpan> spans) => string.Concat(spans.Where(s => s.Kind != DiffKind.Deleted).Select(s => s.Text));

    private static void Align(List<DiffSpan> spans, string a, string b)
    {
        // lcs[i, j]: the longest common subsequence of a[i..] and b[j..]; texts are at most 20,000 characters, so ushort holds it.
        var width = b.Length + 1;
        var lcs = new ushort[(a.Length + 1) * width];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[(i * width) + j] = a[i] == b[j]
                    ? (ushort)(lcs[((i + 1) * width) + j + 1] + 1)
                    : Math.Max(lcs[((i + 1) * width) + j], lcs[(i * width) + j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                Add(spans, DiffKind.Same, a[x].ToString());
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[((x + 1) * width) + y] >= lcs[(x * width) + y + 1]))
            {
                // On a tie the deletion goes first, so a replaced word reads "old, then new".
                Add(spans, DiffKind.Deleted, a[x].ToString());
                x++;
            }
            else
            {
                Add(spans, DiffKind.Inserted, b[y].ToString());
                y++;
            }
        }
    }

    /// <summary>Appends text, merging it into the last span when that is of the same kind.</summary>
    private static void Add(List<DiffSpan> spans, DiffKind kind, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (spans.Count > 0 && spans[^1].Kind == kind)
        {
            spans[^1] = spans[^1] with { Text = spans[^1].Text + text };
        }
        else
        {
            spans.Add(new DiffSpan(kind, text));
        }
    }
}
