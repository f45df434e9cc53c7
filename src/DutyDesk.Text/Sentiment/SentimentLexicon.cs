namespace DutyDesk.Text.Sentiment;

/// <summary>A lexicon phrase found in a text: characters [Start, End) and its signed value.</summary>
internal readonly record struct LexiconHit(int Start, int End, double Value);

/// <summary>
/// A small hand-written lexicon of sentiment, negation and degree words with the rules that combine them. It
/// serves three purposes: a baseline on its own, one dense feature of the linear model, and the negation
/// scopes inside which the model's n-grams count reversed — so 不是很差 is not read as 很差.
/// </summary>
internal static class SentimentLexicon
{
    private enum Kind
    {
        Sentiment,
        Negator,
        Degree,

        // Words that contain a sentiment character but carry none (好像, 快递, 出差): matched so the character is not.
        Ignore,
    }

    private const int MaxWordLength = 5;

    // How far (in characters) a negation or degree word reaches forward to a sentiment word.
    private const int Reach = 3;

    private static readonly Dictionary<string, (Kind Kind, double Value)> Words = Build();

    private static readonly Dictionary<string, (Kind Kind, double Value)>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Words.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Scores <paramref name="text"/> (already normalised) and marks in <paramref name="flip"/> (one entry per
    /// character, filled with 1) the factor for characters inside a negated phrase: −1 for a plain negation (不好),
    /// −0.5 for a negation of a degree (不太好, 不是很差: a weak opposite), 0 for the negator that governs it.
    /// </summary>
    public static double Scan(ReadOnlySpan<char> text, Span<float> flip, List<LexiconHit>? hits)
    {
        var total = 0.0;
        var negations = 0;
        var degree = 1.0;
        var negationThenDegree = false;
        var phraseStart = -1;
        var negatorStart = -1;
        var scopeStart = -1;
        var lastModifierEnd = -1;
        var i = 0;
        while (i < text.Length)
        {
            if (phraseStart >= 0 && (i - lastModifierEnd > Reach || IsBreak(text[i])))
            {
                negations = 0;
                degree = 1.0;
                negationThenDegree = false;
                phraseStart = -1;
            }

            var (length, kind, value) = Match(text[i..]);
            if (length == 0)
            {
                i++;
                continue;
            }

            switch (kind)
            {
                case Kind.Negator:
                    if (phraseStart < 0)
                    {
                        phraseStart = i;
                    }

                    if (negations == 0)
                    {
                        negatorStart = i;
                        scopeStart = i + length;
                    }

                    negations++;

                    // 不太 / 不够 / 不怎么 carry their own degree: 不太好 is a weak negative, like 不是很好.
                    negationThenDegree |= value > 0;
                    lastModifierEnd = i + length;
                    break;
                case Kind.Degree:
                    if (phraseStart < 0)
                    {
                        phraseStart = i;
                    }

                    degree *= value;
                    negationThenDegree |= negations > 0;
                    lastModifierEnd = i + length;
                    break;
                case Kind.Sentiment:
                    var start = phraseStart >= 0 ? phraseStart : i;
                    var factor = 1.0;
                    if (negations % 2 == 1)
                    {
                        factor = negationThenDegree ? -0.5 : -1.0;
                        flip[scopeStart..(i + length)].Fill((float)factor);

                        // The negation is carried by the reversed scope; the negator's own n-grams (不, 没有) would
                        // count it a second time, so they are dropped here.
                        flip[negatorStart..scopeStart].Clear();
                    }

                    var signed = value * factor * (negationThenDegree ? 1.0 : degree);
                    total += signed;
                    hits?.Add(new LexiconHit(start, i + length, signed));
                    negations = 0;
                    degree = 1.0;
                    negationThenDegree = false;
                    phraseStart = -1;
                    break;
                default:
                    break;
            }

            i += length;
        }

        return total;
    }

    private static (int Length, Kind Kind, double Value) Match(ReadOnlySpan<char> rest)
    {
        for (var length = Math.Min(MaxWordLength, rest.Length); length > 0; length--)
        {
            if (Lookup.TryGetValue(rest[..length], out var entry))
            {
                return (length, entry.Kind, entry.Value);
            }
        }

        return (0, Kind.Ignore, 0);
    }

    private static bool IsBreak(char c) =>
        c is '，' or ',' or '。' or '.' or '！' or '!' or '？' or '?' or '；' or ';' or '~' or '、' or ' ' or '\n';

    private static Dictionary<string, (Kind, double)> Build()
    {
        var words = new Dictionary<string, (Kind, double)>(StringComparer.Ordinal);
        void Add(Kind kind, double value, string list)
        {
            foreach (var word in list.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                words[word] = (kind, value);
            }
        }

        Add(Kind.Sentiment, 1.0,
            "好 不错 满意 喜欢 推荐 优秀 漂亮 舒适 舒服 方便 干净 整洁 热情 周到 值得 实惠 划算 棒 赞 完美 精彩 感动 清晰 流畅 稳定 " +
            "好看 好用 好吃 开心 高兴 满足 合理 优惠 超值 出色 安静 宽敞 专业 耐心 贴心 及时 有效 成功 感谢 温馨 精美 喜爱 " +
            "物超所值 给力 惊喜 愉快 可爱 美观 结实 快 便宜 豪华 友好 认真 负责 细致 顺利 没问题 放心 信赖 好评 经典 实用 " +
            "健康 值 赞扬 表扬 点赞 靠谱 大方 亲切 礼貌 准时 迅速 高效 精致 完善 清楚 明亮 新");
        Add(Kind.Sentiment, -1.0,
            "差 糟糕 失望 不满 垃圾 脏 吵 慢 贵 坏 烂 破 旧 难吃 难用 难看 后悔 麻烦 问题 故障 投诉 恶劣 差劲 郁闷 无语 生气 " +
            "退货 欺骗 骗 不值 粗糙 卡 死机 噪音 异味 潮湿 简陋 冷漠 敷衍 拖延 延误 错误 缺陷 遗憾 可惜 讨厌 恶心 坑 忽悠 " +
            "蓝屏 失败 危险 隐患 困难 差评 不好 霉味 发霉 态度差 不行 无聊 浪费 吵闹 小气 拥挤 不爽 抱怨 愤怒 痛苦 悲伤 " +
            "担心 怀疑 不足 缺点 毛病 缺 漏 乱 暗 臭 难受 难过 不舒服 不方便 不干净 不值得");
        Add(Kind.Sentiment, -0.5, "一般 凑合 勉强 将就");
        Add(Kind.Negator, 0, "不 没 没有 别 未 无 非 不是 并不 并没有 从不 从来不 毫不 绝不 木有 根本不 完全不 一点也不 一点都不 一点儿也不 一点没");
        Add(Kind.Negator, 1, "不太 不够 不算 不怎么 不大");
        Add(Kind.Degree, 2.0, "非常 极其 极 最 超级 特 异常 无比 太");
        Add(Kind.Degree, 1.8, "特别 十分 超 相当 格外 尤其 实在");
        Add(Kind.Degree, 1.5, "很 真 更 挺 蛮 真是");
        Add(Kind.Degree, 1.2, "比较 较 还算 算");
        Add(Kind.Degree, 0.6, "有点 有些 稍 稍微 略 一点 有一点 些许");
        Add(Kind.Ignore, 0,
            "好像 好多 好几 只好 正好 刚好 好在 好处 快递 快捷 赶快 尽快 卡片 信用卡 网卡 显卡 声卡 房卡 出差 差不多 差价 " +
            "价值 数值 值班 新闻 重新 新华 问题是 无论 无法 非得 未来 不管 不过 不但 不仅 不久 不少 不断 不同 没想到");
        return words;
    }
}
