using DutyDesk.Opinion.Domain;
using AntDesign;
using DutyDesk.Text.Sentiment;

namespace DutyDesk.Opinion.Features.Ui;

/// <summary>How levels and sentiments look on every opinion page: the same words and colours everywhere.</summary>
public static class OpinionLabels
{
    public static readonly IReadOnlyList<IncidentLevelCode> Levels = Enum.GetValues<IncidentLevelCode>();

    public static readonly IReadOnlyList<SentimentLabel> Sentiments = [SentimentLabel.Negative, SentimentLabel.Neutral, SentimentLabel.Positive];

    public static string Numeral(IncidentLevelCode level) => level switch
    {
        IncidentLevelCode.I => "Ⅰ",
        IncidentLevelCode.II => "Ⅱ",
        IncidentLevelCode.III => "Ⅲ",
        IncidentLevelCode.IV => "Ⅳ",
        _ => "Ⅴ",
    };

    public static string LevelName(IncidentLevelCode level) => IncidentLevel.Name(level);

    /// <summary>Ⅰ red down to Ⅴ grey.</summary>
    public static TagColor LevelColor(IncidentLevelCode level) => level switch
    {
        IncidentLevelCode.I => TagColor.Red,
        IncidentLevelCode.II => TagColor.Volcano,
        IncidentLevelCode.III => TagColor.Orange,
        IncidentLevelCode.IV => TagColor.Gold,
        _ => TagColor.Default,
    };

    public static string SentimentName(SentimentLabel label) => label switch
    {
        SentimentLabel.Negative => "负面",
        SentimentLabel.Positive => "正面",
        _ => "中性",
    };

    public static TagColor SentimentColor(SentimentLabel label) => label switch
    {
        SentimentLabel.Negative => TagColor.Red,
        SentimentLabel.Positive => TagColor.Green,
        _ => TagColor.Default,
    };

    public static string Percent(double share) => share.ToString("P0", System.Globalization.CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal);

    /// <summary>The trend of the negative share as an arrow and the change in percentage points.</summary>
    public static string Trend(double trend) => trend switch
    {
        > 0.0005 => "↑ " + Points(trend),
        < -0.0005 => "↓ " + Points(-trend),
        _ => "→ 持平",
    };

    private static string Points(double value) => (value * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " 个百分点";
}
