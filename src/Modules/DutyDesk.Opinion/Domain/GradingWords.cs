using DutyDesk.Text;

namespace DutyDesk.Opinion.Domain;

/// <summary>
/// A grading's lists in the form items are matched in (words folded once): which of an event's flags an item's
/// folded text and site raise. Ingest sets the flags item by item; a changed grading sets them again from the items.
/// </summary>
internal sealed class GradingWords(GradingOptions grading)
{
    private readonly string[] keyArea = Fold(grading.KeyAreaWords);
    private readonly string[] severe = Fold(grading.SevereWords);

    public bool TouchesKeyArea(string folded) => keyArea.Any(w => folded.Contains(w, StringComparison.Ordinal));

    public bool IsSevere(string folded) => severe.Any(w => folded.Contains(w, StringComparison.Ordinal));

    public bool IsMainstream(string site) => site.Length > 0 && grading.IsMainstream(site);

    private static string[] Fold(IEnumerable<string> words) => words.Select(TextNormalizer.Fold).Where(w => w.Length > 0).ToArray();
}
