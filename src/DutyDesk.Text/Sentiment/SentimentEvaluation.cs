namespace DutyDesk.Text.Sentiment;

/// <summary>
/// Figures of a scorer on labelled texts. Two-class rule: a score ≥ 0 counts as positive, below 0 as negative, so a
/// neutral result counts on the side of its sign; <see cref="Neutral"/> says how many were neutral.
/// </summary>
public sealed record SentimentEvaluation(int TruePositive, int FalseNegative, int TrueNegative, int FalsePositive, int Neutral, int NeutralPositive, int NeutralNegative)
{
    public int Count => TruePositive + FalseNegative + TrueNegative + FalsePositive;

    public double Accuracy => Count == 0 ? 0 : (double)(TruePositive + TrueNegative) / Count;

    public double PositivePrecision => Ratio(TruePositive, TruePositive + FalsePositive);

    public double PositiveRecall => Ratio(TruePositive, TruePositive + FalseNegative);

    public double NegativePrecision => Ratio(TrueNegative, TrueNegative + FalseNegative);

    public double NegativeRecall => Ratio(TrueNegative, TrueNegative + FalsePositive);

    /// <summary>Scores every example with <paramref name="score"/>; |score| below <paramref name="neutralThreshold"/> is neutral.</summary>
    public static SentimentEvaluation Run(IEnumerable<(string Text, bool Positive)> examples, Func<string, double> score, double neutralThreshold)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(score);
        int tp = 0, fn = 0, tn = 0, fp = 0, neutral = 0, neutralPositive = 0, neutralNegative = 0;
        foreach (var (text, positive) in examples)
        {
            var s = score(text);
            if (Math.Abs(s) < neutralThreshold)
            {
                neutral++;
                _ = positive ? neutralPositive++ : neutralNegative++;
            }

            var predictedPositive = s >= 0;
            _ = (positive, predictedPositive) switch
            {
                (true, true) => tp++,
                (true, false) => fn++,
                (false, false) => tn++,
                (false, true) => fp++,
            };
        }

        return new SentimentEvaluation(tp, fn, tn, fp, neutral, neutralPositive, neutralNegative);
    }

    private static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;
}
