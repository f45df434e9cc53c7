namespace DutyDesk.Text.Matching;

/// <summary>One occurrence of a keyword: its id (index in the list given to the automaton) and its span [Start, End).</summary>
public readonly record struct KeywordHit(int KeywordId, int Start, int End);

/// <summary>
/// Receives hits from <see cref="KeywordAutomaton.Scan{TSink}(ReadOnlySpan{char}, ref TSink)"/>; a struct sink is
/// specialised by the JIT, so a scan costs no delegate call and no allocation.
/// </summary>
public interface IKeywordHitSink
{
    /// <summary>Called in order of <paramref name="end"/> (exclusive end index of the occurrence).</summary>
    void OnHit(int keywordId, int end);
}
