namespace DutyDesk.Text.Sentiment;

/// <summary>The polarity of a text.</summary>
public enum SentimentLabel
{
    Negative = -1,
    Neutral = 0,
    Positive = 1,
}

/// <summary>Where a reason comes from.</summary>
public enum SentimentFeatureKind
{
    /// <summary>A character 1–3-gram of the linear model, as written.</summary>
    NGram,

    /// <summary>A character n-gram inside a negated phrase, whose weight counts reversed (不好: 好 counts against).</summary>
    NegatedNGram,

    /// <summary>A lexicon phrase: a sentiment word with its negation and degree words (不是很差).</summary>
    Lexicon,
}

/// <summary>One word or feature that moved the score, with how far (positive pushes towards positive).</summary>
public sealed record SentimentFeature(string Text, double Contribution, SentimentFeatureKind Kind);

/// <summary>
/// The outcome of <see cref="SentimentAnalyzer.Analyze"/>: a label, a score in (−1, 1) (2·P(positive) − 1) and the
/// features that decided it, largest influence first.
/// </summary>
public sealed record SentimentResult(SentimentLabel Label, double Score, IReadOnlyList<SentimentFeature> Reasons);
