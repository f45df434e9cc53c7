namespace DutyDesk.Opinion.Domain;

/// <summary>What grading looks at: an event's figures and whether its words touch the configured lists.</summary>
public sealed record CaseFigures(
    int Items,
    long Comments,
    long Reposts,
    long Reads,
    int Sites,
    bool MainstreamMedia,
    int NegativeItems,
    double NegativeTrend,
    int ItemsLastHour,
    bool TouchesKeyArea,
    bool SevereEmergency);

/// <summary>A proposed level and the rule that produced it, in words a duty officer can check.</summary>
public sealed record LevelProposal(IncidentLevelCode Level, string Rule);

/// <summary>
/// PRODUCT.md 4.2 as a rule: the system proposes, a person confirms. Thresholds come from
/// <see cref="GradingOptions"/>; the administrator closes the gap the defaults leave between 一般 and 较大.
/// </summary>
internal static class IncidentLevel
{
    public static string Name(IncidentLevelCode level) => level switch
    {
        IncidentLevelCode.I => "Ⅰ级 特别重大",
        IncidentLevelCode.II => "Ⅱ级 重大",
        IncidentLevelCode.III => "Ⅲ级 较大",
        IncidentLevelCode.IV => "Ⅳ级 一般",
        _ => "Ⅴ级 影响较小",
    };

    public static LevelProposal Propose(CaseFigures f, GradingOptions options)
    {
        var volume = f.Items + f.Comments + f.Reposts;
        if (f.SevereEmergency)
        {
            return new(IncidentLevelCode.I, "涉及伤亡、群体性暴力或重大安全事故等突发事件用语（特别重大事件词表）");
        }

        if (f.MainstreamMedia)
        {
            return new(IncidentLevelCode.II, "主流媒体已报道");
        }

        if (f.TouchesKeyArea && f.ItemsLastHour >= options.FastSpreadItemsPerHour)
        {
            return new(IncidentLevelCode.II, $"涉及重点领域，且一小时内新增 {f.ItemsLastHour} 条（≥ {options.FastSpreadItemsPerHour}），传播迅速");
        }

        var rising = f.NegativeItems > 0 && f.NegativeTrend > 0;
        if (f.Sites >= 2 && volume >= options.LargerFrom)
        {
            return new(IncidentLevelCode.III, $"出现在 {f.Sites} 个站点，信息、评论与转发合计 {volume}（≥ {options.LargerFrom}）");
        }

        if (f.Sites >= 2 && f.Comments >= options.DozensOfComments && rising)
        {
            return new(IncidentLevelCode.III, $"出现在 {f.Sites} 个站点，评论 {f.Comments} 条（≥ {options.DozensOfComments}），负面声音上升");
        }

        if (f.NegativeItems == 0)
        {
            return new(IncidentLevelCode.V, "没有负面信息（质疑、投诉），低于一般");
        }

        return volume <= options.GeneralUpTo
            ? new(IncidentLevelCode.IV, $"有质疑或投诉，信息、评论与转发合计 {volume}（≤ {options.GeneralUpTo}），主流媒体未报道")
            : new(IncidentLevelCode.IV, $"有质疑或投诉，合计 {volume}，介于一般（≤ {options.GeneralUpTo}）与较大（≥ {options.LargerFrom}）阈值之间，按一般提出，请人工确认");
    }
}

/// <summary>Grading thresholds and lists (DutyDesk:Opinion:Grading); the administrator adapts them.</summary>
public sealed class GradingOptions
{
    /// <summary>Ⅳ 一般 up to this many items, comments and reposts together.</summary>
    public int GeneralUpTo { get; set; } = 50;

    /// <summary>Ⅲ 较大 from this many (on several sites).</summary>
    public int LargerFrom { get; set; } = 100;

    /// <summary>"Dozens of comments" with a rising negative voice also make Ⅲ.</summary>
    public int DozensOfComments { get; set; } = 24;

    /// <summary>Items in one hour that count as spreading fast (Ⅱ with a key area).</summary>
    public int FastSpreadItemsPerHour { get; set; } = 20;

    /// <summary>Words of key areas, dates, events and figures (重点领域): 招生, 食品安全 …</summary>
    public string[] KeyAreaWords { get; set; } = ["招生", "考试", "食品安全", "食堂", "校园安全", "欺凌", "师德", "收费", "疫情"];

    /// <summary>Words of emergencies that seriously affect stability (Ⅰ).</summary>
    public string[] SevereWords { get; set; } = ["死亡", "身亡", "遇难", "伤亡", "群体性事件", "暴力冲突", "群殴", "中毒住院"];

    /// <summary>Sites of mainstream media (TV, newspapers and their sites); a sub-domain counts too.</summary>
    public string[] MainstreamDomains { get; set; } =
        ["people.com.cn", "xinhuanet.com", "news.cn", "cctv.com", "chinadaily.com.cn", "gmw.cn", "youth.cn", "chinanews.com.cn", "thepaper.cn", "china.com.cn"];

    public bool IsMainstream(string site)
        => MainstreamDomains.Any(d => site.Equals(d, StringComparison.OrdinalIgnoreCase) || site.EndsWith("." + d, StringComparison.OrdinalIgnoreCase));
}
