namespace DutyDesk.Text.Matching;

/// <summary>A node of a rule: words and phrases combined with AND, OR, NOT and NEAR.</summary>
public abstract record RuleNode;

/// <summary>True when the normalised word (or quoted phrase) occurs.</summary>
public sealed record WordNode(string Word) : RuleNode;

/// <summary>Both sides match.</summary>
public sealed record AndNode(RuleNode Left, RuleNode Right) : RuleNode;

/// <summary>Either side matches.</summary>
public sealed record OrNode(RuleNode Left, RuleNode Right) : RuleNode;

/// <summary>The operand does not match.</summary>
public sealed record NotNode(RuleNode Operand) : RuleNode;

/// <summary>
/// Some occurrence of <paramref name="Left"/> and some other occurrence of <paramref name="Right"/> are at most
/// <paramref name="Distance"/> chars apart: the chars strictly between the end of the earlier and the start of the later
/// (overlapping occurrences count as 0 apart).
/// </summary>
public sealed record NearNode(string Left, string Right, int Distance) : RuleNode;

/// <summary>
/// A monitoring scheme's rule: either the group form (主体词 / 地域词 / 事件词 / 排除词) or a boolean expression
/// parsed by <see cref="RuleParser"/>. Words are normalised with <see cref="TextNormalizer.Fold"/>.
/// </summary>
public sealed class MatchRule
{
    internal MatchRule(RuleNode root)
    {
        Root = root;
        var words = new List<string>();
        var positive = new List<string>();
        Collect(root, negated: false, words, positive);
        Words = words.Distinct(StringComparer.Ordinal).ToArray();
        PositiveWords = positive.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The expression tree.</summary>
    public RuleNode Root { get; }

    /// <summary>Every distinct normalised word the rule mentions.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>The words outside any NOT: the ones worth highlighting when the rule matches.</summary>
    public IReadOnlyList<string> PositiveWords { get; }

    /// <summary>
    /// Group form: matches when any subject word occurs, and a region word if <paramref name="regions"/> has any, and
    /// an event word if <paramref name="events"/> has any, and no exclusion word. Blank words are ignored.
    /// </summary>
    /// <exception cref="ArgumentException">No subject word is left after normalisation.</exception>
    public static MatchRule FromGroups(IEnumerable<string> subjects, IEnumerable<string>? regions = null, IEnumerable<string>? events = null, IEnumerable<string>? exclusions = null)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var subject = AnyOf(subjects) ?? throw new ArgumentException("主体词至少需要一个。", nameof(subjects));
        RuleNode root = subject;
        if (AnyOf(regions ?? []) is { } region)
        {
            root = new AndNode(root, region);
        }

        if (AnyOf(events ?? []) is { } evt)
        {
            root = new AndNode(root, evt);
        }

        if (AnyOf(exclusions ?? []) is { } excluded)
        {
            root = new AndNode(root, new NotNode(excluded));
        }

        return new MatchRule(root);
    }

    /// <summary>Parses an advanced expression; see <see cref="RuleParser.Parse"/>.</summary>
    public static MatchRule Parse(string expression) => RuleParser.Parse(expression);

    private static RuleNode? AnyOf(IEnumerable<string> words)
    {
        RuleNode? node = null;
        foreach (var word in words.Select(TextNormalizer.Fold).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal))
        {
            node = node is null ? new WordNode(word) : new OrNode(node, new WordNode(word));
        }

        return node;
    }

    private static void Collect(RuleNode node, bool negated, List<string> words, List<string> positive)
    {
        switch (node)
        {
            case WordNode w:
                Add(w.Word);
                break;
            case NearNode n:
                Add(n.Left);
                Add(n.Right);
                break;
            case AndNode a:
                Collect(a.Left, negated, words, positive);
                Collect(a.Right, negated, words, positive);
                break;
            case OrNode o:
                Collect(o.Left, negated, words, positive);
                Collect(o.Right, negated, words, positive);
                break;
            case NotNode n:
                Collect(n.Operand, !negated, words, positive);
                break;
            default:
                throw new ArgumentException("未知的规则节点。", nameof(node));
        }

        void Add(string word)
        {
            words.Add(word);
            if (!negated)
            {
                positive.Add(word);
            }
        }
    }
}
