using CsCheck;
using DutyDesk.Text.Matching;

namespace DutyDesk.Text.Tests.Matching;

public sealed class KeywordAutomatonTests
{
    // A tiny alphabet makes overlaps, prefixes and suffixes of keywords common; x and 。 occur in no keyword.
    private const string KeywordChars = "ab武汉疫情";
    private const string TextChars = "ab武汉疫情x。";

    private static readonly Gen<string> GenKeyword = Gen.Char[KeywordChars].Array[1, 4].Select(c => new string(c));
    private static readonly Gen<string[]> GenKeywords = GenKeyword.Array[1, 25];
    private static readonly Gen<string> GenText = Gen.Char[TextChars].Array[0, 120].Select(c => new string(c));

    [Fact]
    public void Scan_OverlappingKeywords_ReportsEveryOccurrence()
    {
        var automaton = new KeywordAutomaton(["he", "she", "his", "hers"]);
        var hits = automaton.Scan("ushers");
        Assert.Equal([new KeywordHit(1, 1, 4), new KeywordHit(0, 2, 4), new KeywordHit(3, 2, 6)], hits);
    }

    [Fact]
    public void Scan_KeywordsNormalised_MatchesNormalisedText()
    {
        var automaton = new KeywordAutomaton(["ＷＨＯ", "武汉"]);
        Assert.Equal([0, 1], automaton.FindDistinct(TextNormalizer.Key("Who 在武汉")));
    }

    [Fact]
    public void Constructor_BlankKeyword_Throws()
        => Assert.Throws<ArgumentException>(() => new KeywordAutomaton(["武汉", " \u200B "]));

    [Theory]
    [InlineData(KeywordAutomaton.DefaultMaxDenseBytes)]
    [InlineData(0L)]
    [InlineData(4L * 256 * 30)]
    public void Scan_RandomKeywordsAndText_EqualsIndexOfOracle(long maxDenseBytes)
        => Gen.Select(GenKeywords, GenText).Sample((keywords, text) =>
        {
            var automaton = new KeywordAutomaton(keywords, maxDenseBytes);
            var actual = Sorted(automaton.Scan(text));
            var expected = Sorted(NaiveHits(keywords, text));
            Assert.Equal(expected, actual);
        }, iter: 400);

    [Theory]
    [InlineData(KeywordAutomaton.DefaultMaxDenseBytes)]
    [InlineData(4L * 1024 * 40)]
    public void Scan_WideAlphabetSpanningSeveralClassBlocks_EqualsIndexOfOracle(long maxDenseBytes)
        => Gen.Int.Sample(seed =>
        {
            // 700 distinct chars: more than two 256-class blocks of the dense table.
            var random = new Random(seed);
            char Any() => (char)('\u4E00' + random.Next(700));
            var keywords = Enumerable.Range(0, 900).Select(_ => new string([.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => Any())])).ToArray();
            var text = string.Concat(Enumerable.Range(0, 60).Select(_ => random.Next(3) == 0 ? Any().ToString() : keywords[random.Next(keywords.Length)]));
            var automaton = new KeywordAutomaton(keywords, maxDenseBytes);
            Assert.True(automaton.CharClassCount > 512);

            // The range holds Traditional chars (丟, 並, 亂 …), which the automaton folds: the oracle searches its keywords.
            var folded = Enumerable.Range(0, keywords.Length).Select(automaton.Keyword).ToArray();
            Assert.Equal(Sorted(NaiveHits(folded, text)), Sorted(automaton.Scan(text)));
        }, iter: 60);

    [Fact]
    public void FindDistinct_RandomKeywordsAndText_EqualsContainsOracle()
        => Gen.Select(GenKeywords, GenText.Array[1, 4]).Sample((keywords, texts) =>
        {
            var automaton = new KeywordAutomaton(keywords, maxDenseBytes: 4 * 256 * 10);
            var set = automaton.CreateIdSet();
            foreach (var text in texts)
            {
                automaton.FindDistinct(text, set);
                var expected = Enumerable.Range(0, keywords.Length).Where(i => text.Contains(keywords[i], StringComparison.Ordinal)).ToList();
                Assert.Equal(expected, set.Ids.Order().ToList());
                Assert.All(expected, id => Assert.True(set.Contains(id)));
            }
        }, iter: 400);

    [Fact]
    public void Scan_CjkAndAsciiKeywordsInRealisticText_FindsAll()
    {
        string[] keywords = ["新型冠状病毒", "冠状病毒", "病毒", "who", "口罩", "n95口罩"];
        var text = TextNormalizer.Key("#新型冠状病毒# WHO：戴Ｎ95口罩");
        Assert.Equal(Sorted(NaiveHits(keywords, text)), Sorted(new KeywordAutomaton(keywords).Scan(text)));
    }

    internal static List<KeywordHit> Sorted(IEnumerable<KeywordHit> hits) => [.. hits.OrderBy(h => (h.End, h.KeywordId, h.Start))];

    internal static IEnumerable<KeywordHit> NaiveHits(IReadOnlyList<string> keywords, string text)
    {
        for (var id = 0; id < keywords.Count; id++)
        {
            for (var at = text.IndexOf(keywords[id], StringComparison.Ordinal); at >= 0; at = text.IndexOf(keywords[id], at + 1, StringComparison.Ordinal))
            {
                yield return new KeywordHit(id, at, at + keywords[id].Length);
            }
        }
    }
}
