using System.Globalization;
using System.Text;

namespace DutyDesk.Text.Matching;

/// <summary>A rule expression that cannot be parsed; <see cref="Position"/> is the 1-based char where it goes wrong.</summary>
public sealed class RuleSyntaxException : FormatException
{
    public RuleSyntaxException()
    {
    }

    public RuleSyntaxException(string message)
        : base(message)
    {
    }

    public RuleSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RuleSyntaxException(int position, string message)
        : base(message) => Position = position;

    /// <summary>1-based char position in the expression (its length + 1 when something is missing at the end).</summary>
    public int Position { get; }
}

/// <summary>
/// Parses advanced rule expressions: words, "quoted phrases", parentheses, NOT &gt; AND &gt; OR (also 非 / 与 / 或),
/// and <c>a NEAR/n b</c> between two words (n from 1 to <see cref="MaxNearDistance"/> chars). Operators are
/// case-insensitive; quote a word to search for "and" itself. Full-width parentheses and curly quotes are accepted.
/// </summary>
public static class RuleParser
{
    /// <summary>Largest distance NEAR/n accepts.</summary>
    public const int MaxNearDistance = 1000;

    /// <summary>Parses <paramref name="expression"/>.</summary>
    /// <exception cref="RuleSyntaxException">With a Chinese message that names the 1-based char position.</exception>
    public static MatchRule Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var tokens = Tokenize(expression);
        if (tokens.Count == 0)
        {
            throw new RuleSyntaxException(1, "表达式为空。");
        }

        var parser = new Parser(tokens, expression.Length);
        var root = parser.ParseOr();
        if (parser.Peek is { } extra)
        {
            throw Parser.Unexpected(extra);
        }

        return new MatchRule(root);
    }

    /// <summary>Parses without throwing; <paramref name="error"/> holds the message and position on failure.</summary>
    public static bool TryParse(string expression, out MatchRule? rule, out RuleSyntaxException? error)
    {
        try
        {
            rule = Parse(expression);
            error = null;
            return true;
        }
        catch (RuleSyntaxException e)
        {
            rule = null;
            error = e;
            return false;
        }
    }

    private enum Kind
    {
        Word,
        LeftParen,
        RightParen,
        And,
        Or,
        Not,
        Near,
    }

    private readonly record struct Token(Kind Kind, int Position, string Text, int Distance = 0);

    private static List<Token> Tokenize(string s)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            var position = i + 1;
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or '（')
            {
                tokens.Add(new Token(Kind.LeftParen, position, c.ToString()));
                i++;
            }
            else if (c is ')' or '）')
            {
                tokens.Add(new Token(Kind.RightParen, position, c.ToString()));
                i++;
            }
            else if (c is '"' or '“' or '”')
            {
                var close = s.IndexOfAny(['"', '“', '”'], i + 1);
                if (close < 0)
                {
                    throw new RuleSyntaxException(position, $"第 {position} 个字符处的引号没有闭合。");
                }

                var phrase = TextNormalizer.Fold(s[(i + 1)..close]);
                if (phrase.Length == 0)
                {
                    throw new RuleSyntaxException(position, $"第 {position} 个字符处的引号内没有内容。");
                }

                tokens.Add(new Token(Kind.Word, position, phrase));
                i = close + 1;
            }
            else if (c is '&' or '|' or '!' or '[' or ']' or '{' or '}')
            {
                throw new RuleSyntaxException(position, $"第 {position} 个字符处无法识别“{c}”，请使用 AND、OR、NOT（或 与、或、非），要搜索这个符号请加引号。");
            }
            else
            {
                var start = i;
                while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] is not ('(' or ')' or '（' or '）' or '"' or '“' or '”' or '&' or '|' or '!' or '[' or ']' or '{' or '}'))
                {
                    i++;
                }

                tokens.Add(Word(s[start..i], position));
            }
        }

        return tokens;
    }

    private static Token Word(string word, int position)
    {
        var upper = word.ToUpperInvariant();
        switch (upper)
        {
            case "AND" or "与":
                return new Token(Kind.And, position, word);
            case "OR" or "或":
                return new Token(Kind.Or, position, word);
            case "NOT" or "非":
                return new Token(Kind.Not, position, word);
            case "NEAR":
                throw new RuleSyntaxException(position, $"第 {position} 个字符处的 NEAR 缺少距离，应写作 NEAR/n（n 为 1–{MaxNearDistance} 个字符）。");
        }

        if (upper.StartsWith("NEAR/", StringComparison.Ordinal))
        {
            var digits = word[5..];
            if (digits.Length == 0)
            {
                throw new RuleSyntaxException(position, $"第 {position} 个字符处的 NEAR/ 后缺少距离，应写作 NEAR/n（n 为 1–{MaxNearDistance} 个字符）。");
            }

            if (!digits.All(char.IsAsciiDigit))
            {
                throw new RuleSyntaxException(position + 5, $"第 {position + 5} 个字符处的 NEAR 距离“{digits}”不是整数，应写作 NEAR/n（n 为 1–{MaxNearDistance} 个字符）。");
            }

            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > MaxNearDistance)
            {
                throw new RuleSyntaxException(position + 5, $"第 {position + 5} 个字符处的 NEAR 距离 {digits} 超出范围 1–{MaxNearDistance}。");
            }

            return new Token(Kind.Near, position, word, n);
        }

        var key = TextNormalizer.Fold(word);
        if (key.Length == 0)
        {
            throw new RuleSyntaxException(position, $"第 {position} 个字符处的词规范化后为空。");
        }

        return new Token(Kind.Word, position, key);
    }

    private sealed class Parser(List<Token> tokens, int length)
    {
        private int next;

        public Token? Peek => next < tokens.Count ? tokens[next] : null;

        public RuleNode ParseOr()
        {
            var left = ParseAnd();
            while (Peek is { Kind: Kind.Or } op)
            {
                next++;
                RequireOperand(op);
                left = new OrNode(left, ParseAnd());
            }

            return left;
        }

        public static RuleSyntaxException Unexpected(Token token) => token.Kind switch
        {
            Kind.RightParen => new RuleSyntaxException(token.Position, $"第 {token.Position} 个字符处的右括号没有对应的左括号。"),
            Kind.Near => new RuleSyntaxException(token.Position, $"第 {token.Position} 个字符处的 NEAR/n 两侧只能是词或引号短语。"),
            Kind.Not => new RuleSyntaxException(token.Position, $"第 {token.Position} 个字符处缺少运算符，要排除请写作 AND NOT。"),
            _ => new RuleSyntaxException(token.Position, $"第 {token.Position} 个字符处缺少运算符（AND、OR 或 NEAR/n）。"),
        };

        private RuleNode ParseAnd()
        {
            var left = ParseUnary();
            while (Peek is { Kind: Kind.And } op)
            {
                next++;
                RequireOperand(op);
                left = new AndNode(left, ParseUnary());
            }

            return left;
        }

        private RuleNode ParseUnary()
        {
            if (Peek is { Kind: Kind.Not } op)
            {
                next++;
                RequireOperand(op);
                return new NotNode(ParseUnary());
            }

            return ParsePrimary();
        }

        private RuleNode ParsePrimary()
        {
            var token = Peek ?? throw new RuleSyntaxException(length + 1, $"第 {length + 1} 个字符处表达式意外结束。");
            next++;
            switch (token.Kind)
            {
                case Kind.Word:
                    if (Peek is { Kind: Kind.Near } near)
                    {
                        next++;
                        if (Peek is not { Kind: Kind.Word } right)
                        {
                            var at = Peek?.Position ?? length + 1;
                            throw new RuleSyntaxException(at, $"第 {at} 个字符处缺少 {near.Text} 右侧的词（NEAR/n 两侧只能是词或引号短语）。");
                        }

                        next++;
                        return new NearNode(token.Text, right.Text, near.Distance);
                    }

                    return new WordNode(token.Text);
                case Kind.LeftParen:
                    if (Peek is { Kind: Kind.RightParen } empty)
                    {
                        throw new RuleSyntaxException(empty.Position, $"第 {empty.Position} 个字符处的括号内缺少表达式。");
                    }

                    var inner = ParseOr();
                    if (Peek is null)
                    {
                        throw new RuleSyntaxException(length + 1, $"第 {length + 1} 个字符处缺少右括号（与第 {token.Position} 个字符处的左括号配对）。");
                    }

                    if (Peek is not { Kind: Kind.RightParen })
                    {
                        throw Unexpected(Peek.Value);
                    }

                    next++;
                    return inner;
                case Kind.And or Kind.Or:
                    throw new RuleSyntaxException(token.Position, $"第 {token.Position} 个字符处的 {token.Text} 前缺少词或括号表达式。");
                case Kind.Near:
                    throw new RuleSyntaxException(token.Position, $"第 {token.Position} 个字符处的 {token.Text} 左侧缺少词（NEAR/n 两侧只能是词或引号短语）。");
                default:
                    throw new RuleSyntaxException(token.Position, $"第 {token.Position} 个字符处的右括号前缺少表达式。");
            }
        }

        private void RequireOperand(Token op)
        {
            if (Peek is null or { Kind: Kind.And or Kind.Or or Kind.RightParen or Kind.Near })
            {
                throw new RuleSyntaxException(op.Position, $"第 {op.Position} 个字符处的 {op.Text} 后缺少词或括号表达式。");
            }
        }
    }
}
