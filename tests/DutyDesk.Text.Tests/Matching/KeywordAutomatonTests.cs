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

    [Theory]
    [InlineData(KeywordAutomaton.DefaultMaxDenseBytes)]
    [InlineData(0L)]
    public void Scan_LongTextsAcrossSeveralBlocks_EqualsOracleInOrderOfEnd(long maxDenseBytes)
        => Gen.Int.Sample(seed =>
        {
            // Texts of up to 3,000 chars are walked in several blocks of two lanes; keywords of up to 12 chars make
            // the lanes' overlap matter, and a tiny alphabet puts keywords across every lane boundary.
            var random = new Random(seed);
            char Any() => KeywordChars[random.Next(KeywordChars.Length)];
            var keywords = Enumerable.Range(0, random.Next(1, 30)).Select(_ => new string([.. Enumerable.Range(0, random.Next(1, 13)).Select(_ => Any())])).ToArray();
            var text = new string([.. Enumerable.Range(0, random.Next(0, 3000)).Select(_ => random.Next(8) == 0 ? 'x' : Any())]);
            var hits = new KeywordAutomaton(keywords, maxDenseBytes).Scan(text);
            Assert.Equal(Sorted(NaiveHits(keywords, text)), Sorted(hits));
            Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.End <= p.Second.End), "hits out of order of end");
        }, iter: 60);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(38)]
    [InlineData(1023)]
    [InlineData(1024)]
    [InlineData(1025)]
    [InlineData(2049)]
    public void Scan_KeywordAtEveryPosition_FindsItAtBothTextEnds(int length)
    {
        // A keyword at the very start and the very end, and one every 7 chars, for texts just below and above the
        // lengths where the walk switches between one lane, two lanes and several blocks.
        var text = new string([.. Enumerable.Range(0, length).Select(i => i % 7 == 0 ? '武' : i % 7 == 1 ? '汉' : 'x')]);
        if (length > 0)
        {
            text = "汉" + text[1..];
        }

        if (length > 2)
        {
            text = text[..^2] + "武汉";
        }

        string[] keywords = ["武汉", "汉", "x武", "xx"];
        var automaton = new KeywordAutomaton(keywords);
        Assert.Equal(Sorted(NaiveHits(keywords, text)), Sorted(automaton.Scan(text)));
        Assert.Equal(Enumerable.Range(0, keywords.Length).Where(i => text.Contains(keywords[i], StringComparison.Ordinal)), automaton.FindDistinct(text));
    }

    [Fact]
    public void Scan_KeywordsThatAreSuffixesOfOthers_ReportsEachAtTheSameEnd()
    {
        var automaton = new KeywordAutomaton(["新型冠状病毒", "冠状病毒", "病毒", "毒"]);
        var text = TextNormalizer.Key(string.Concat(Enumerable.Repeat("据报道新型冠状病毒感染", 20)));
        var hits = automaton.Scan(text);
        Assert.Equal(80, hits.Count);
        Assert.Equal(Sorted(NaiveHits([.. Enumerable.Range(0, 4).Select(automaton.Keyword)], text)), Sorted(hits));
    }

    [Fact]
    public void Scan_SurrogatePairs_MatchedAsTwoCodeUnits()
    {
        // 𠮷 (U+20BB7) and 𠮶 (U+20BB6) share their high surrogate: only the whole pair may match.
        string[] keywords = ["𠮷野家", "野家", "𩸽"];
        var text = string.Concat(Enumerable.Repeat("在𠮷野家吃饭，𠮶野家不是它，𩸽很好吃。", 12));
        var automaton = new KeywordAutomaton(keywords);
        var hits = automaton.Scan(text);
        Assert.Equal(Sorted(NaiveHits(keywords, text)), Sorted(hits));
        Assert.Equal(12, hits.Count(h => h.KeywordId == 0));
    }

    [Fact]
    public void Scan_KeywordLongerThanALane_FindsIt()
    {
        // A keyword longer than a quarter lane makes the walk take the plain path.
        var longWord = string.Concat(Enumerable.Repeat("武汉疫情", 50));
        string[] keywords = [longWord, "疫情"];
        var text = "开头" + longWord + "结尾" + longWord[..^1];
        var automaton = new KeywordAutomaton(keywords);
        Assert.Equal(Sorted(NaiveHits(keywords, text)), Sorted(automaton.Scan(text)));
    }

    [Fact]
    public void Scan_SinkScansAgainOnTheSameThread_BothScansComplete()
    {
        var automaton = new KeywordAutomaton(["武汉", "疫情"]);
        var text = string.Concat(Enumerable.Repeat("武汉的疫情", 100));
        var sink = new NestedSink(automaton, text);
        automaton.Scan(text, ref sink);
        Assert.Equal(200, sink.Outer);
        Assert.Equal(200 * 200, sink.Inner);
    }

    private struct NestedSink(KeywordAutomaton automaton, string text) : IKeywordHitSink
    {
        public int Outer;
        public int Inner;

        public void OnHit(int keywordId, int end)
        {
            Outer++;
            Inner += automaton.Scan(text).Count;
        }
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
