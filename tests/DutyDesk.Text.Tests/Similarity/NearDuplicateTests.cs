using CsCheck;
using DutyDesk.Text.Similarity;

namespace DutyDesk.Text.Tests.Similarity;

public sealed class NearDuplicateTests
{
    private const string Post = "武汉市新型冠状病毒感染的肺炎疫情防控指挥部发布通告，全市所有小区实行封闭管理，居民凭证出入，请大家相互转告";
    private const string Unrelated = "今天天气很好我们去公园散步看见很多人在放风筝还有小朋友在草地上踢足球真开心啊";

    [Theory]
    [InlineData("#口罩# 今日合辑 http://t.cn/A6PqXy ！", "口罩今日合辑")]
    [InlineData("ＡＢＣ１２３😷，好", "abc123好")]
    [InlineData("see https://example.com/x?y=1中文", "see中文")]
    [InlineData(null, "")]
    public void Normalize_Post_KeepsLettersAndDigitsWithoutUrls(string? input, string expected)
        => Assert.Equal(expected, Shingles.Normalize(input));

    [Fact]
    public void Normalize_TextWithoutUrls_SameAsLettersAndDigitsOfKey()
    {
        var gen = Gen.Int[0, 15].Select(i => new[] { "a", "Z", "Ａ", "１", " ", "\u3000", "\t", "\u200B", "中", "文", "，", "😷", "#", "Ⅻ", "ß", "İ" }[i]).Array[0, 30];
        gen.Sample(parts =>
        {
            var text = string.Concat(parts);
            return Shingles.Normalize(text) == new string(TextNormalizer.Key(text).Where(char.IsLetterOrDigit).ToArray());
        });
    }

    [Theory]
    [InlineData("abab", new uint[] { ('a' << 16) | 'b', ('b' << 16) | 'a' })]
    [InlineData("a", new uint[] { 'a' })]
    [InlineData("", new uint[0])]
    public void Bigrams_Text_DistinctSortedCodes(string normalized, uint[] expected)
        => Assert.Equal(expected, Shingles.Bigrams(normalized));

    [Fact]
    public void SimHashCompute_IdenticalAfterNormalising_IdenticalFingerprint()
        => Assert.Equal(SimHash.Compute(Post), SimHash.Compute(" " + Post.Replace("，", " ", StringComparison.Ordinal) + " http://t.cn/abc"));

    [Fact]
    public void SimHashCompute_OneCharacterEdited_SmallDistance()
    {
        var edited = Post.Replace("封闭", "封锁", StringComparison.Ordinal);
        Assert.InRange(SimHash.Distance(SimHash.Compute(Post), SimHash.Compute(edited)), 1, 8);
    }

    [Fact]
    public void SimHashCompute_UnrelatedText_FarApart()
        => Assert.InRange(SimHash.Distance(SimHash.Compute(Post), SimHash.Compute(Unrelated)), 16, 64);

    [Fact]
    public void HammingIndexQuery_RandomFingerprints_SameAsLinearScan()
    {
        // Stored fingerprints are near copies of a few bases, so many fall within k of a query.
        var gen =
            from k in Gen.Int[0, 8]
            from bases in Gen.ULong.Array[1, 4]
            from items in Gen.Select(Gen.Int[0, 3], Gen.ULong, Gen.Int[0, 12]).Array[0, 60]
            from query in Gen.Select(Gen.Int[0, 3], Gen.ULong, Gen.Int[0, 12])
            select (k, bases, items, query);
        gen.Sample(t =>
        {
            ulong Near((int Base, ulong Noise, int Bits) x, ulong[] bases)
                => bases[x.Base % bases.Length] ^ (x.Noise & (x.Bits == 0 ? 0UL : ulong.MaxValue >> (64 - x.Bits)));
            var index = new HammingIndex(t.k);
            var stored = t.items.Select(x => Near(x, t.bases)).ToArray();
            for (var i = 0; i < stored.Length; i++)
            {
                index.Add(stored[i], i);
            }

            var q = Near(t.query, t.bases);
            var found = new List<int>();
            index.Query(q, found);
            var expected = Enumerable.Range(0, stored.Length).Where(i => SimHash.Distance(stored[i], q) <= t.k);
            return found.Order().SequenceEqual(expected);
        });
    }

    [Fact]
    public void HammingIndexRemove_Stored_NoLongerFound()
    {
        var index = new HammingIndex(3);
        index.Add(0xFFUL, 1);
        index.Add(0xFEUL, 2);
        Assert.True(index.Remove(0xFFUL, 1));
        Assert.False(index.Remove(0xFFUL, 1));
        var found = new List<int>();
        index.Query(0xFFUL, found);
        Assert.Equal([2], found);
        Assert.Equal(1, index.Count);
    }

    [Theory]
    [InlineData(NearDuplicateMethod.MinHash)]
    [InlineData(NearDuplicateMethod.SimHash)]
    public void NearDuplicateIndexAdd_Repost_JoinsFirstPostsGroup(NearDuplicateMethod method)
    {
        var index = new NearDuplicateIndex(new NearDuplicateOptions { Method = method });
        Assert.False(index.Add(10, Post).IsDuplicate);
        Assert.False(index.Add(11, Unrelated).IsDuplicate);
        var repost = index.Add(12, Post.Replace("，", "! ", StringComparison.Ordinal) + " http://t.cn/xyz");
        var again = index.Add(13, Post);
        Assert.Equal(new NearDuplicateMatch(10, 10, 1.0), repost);
        Assert.Equal(10, again.GroupId);
        Assert.False(index.Add(14, "！！！").IsDuplicate);
    }

    [Theory]
    [InlineData(NearDuplicateMethod.MinHash)]
    [InlineData(NearDuplicateMethod.SimHash)]
    public void NearDuplicateIndexAdd_SketchedOnEveryCore_SameMatchesAsFromText(NearDuplicateMethod method)
    {
        var posts = WeiboCorpus.ReadAll(WeiboCorpus.DataDirectory()).Take(4000).ToArray();
        var options = new NearDuplicateOptions { Method = method, Capacity = 3000 };
        var fromText = new NearDuplicateIndex(options);
        var expected = posts.Select((p, i) => fromText.Add(i, p)).ToArray();
        var sketches = new NearDuplicateSketch[posts.Length];
        Parallel.For(0, posts.Length, i => sketches[i] = new NearDuplicateSketcher(options with { Capacity = 1 }).Sketch(posts[i]));

        var fromSketches = new NearDuplicateIndex(options);
        var actual = sketches.Select((s, i) => fromSketches.Add(i, s)).ToArray();

        Assert.Equal(expected, actual);
        Assert.Contains(actual, m => m.IsDuplicate);
    }

    [Fact]
    public void NearDuplicateIndexAdd_SketchOfOtherBands_Refused()
    {
        var index = new NearDuplicateIndex(new NearDuplicateOptions { Bands = 10 });
        var sketch = new NearDuplicateSketcher(new NearDuplicateOptions { Bands = 12 }).Sketch(Post);
        Assert.Throws<ArgumentException>(() => index.Add(1, sketch));
    }

    [Fact]
    public void NearDuplicateIndexAdd_RepostWithPrefix_FoundWithItsSimilarity()
    {
        var index = new NearDuplicateIndex();
        index.Add(1, Post);
        var match = index.Add(2, "转发：" + Post);
        Assert.Equal(1, match.GroupId);
        Assert.InRange(match.Similarity, 0.9, 0.99);
    }

    [Theory]
    [InlineData(false, null, true, 1L)]
    [InlineData(true, null, false, 3L)]
    [InlineData(false, 0.75, true, 3L)]
    [InlineData(false, 0.7, true, 1L)]
    public void NearDuplicateIndexAdd_ChainOfEdits_GroupedAsConfigured(bool firstPostsOnly, double? minToFirst, bool expectedDuplicate, long expectedGroup)
    {
        var (a, b, c) = ChainOfEdits();
        var index = new NearDuplicateIndex(new NearDuplicateOptions { MatchFirstPostsOnly = firstPostsOnly, MinSimilarityToFirstPost = minToFirst });
        index.Add(1, new string(a));
        Assert.Equal(1, index.Add(2, new string(b)).GroupId);
        var match = index.Add(3, new string(c));
        Assert.Equal(expectedDuplicate, match.IsDuplicate);
        Assert.Equal(expectedGroup, match.GroupId);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(4)]
    public void NearDuplicateIndexAdd_MatchesInTwoGroups_JoinsTheGroupMostMatchesBelongTo(int matchesCompared)
    {
        var (a, b, c) = ChainOfEdits();
        var index = new NearDuplicateIndex(new NearDuplicateOptions { MatchesCompared = matchesCompared });
        index.Add(1, new string(a));
        Assert.Equal(2, index.Add(2, new string(c)).GroupId);
        Assert.Equal(2, index.Add(3, new string(c) + "！").GroupId);
        Assert.Equal(2, index.Add(4, "【" + new string(c) + "】").GroupId);

        // b is a near duplicate of a (one post, group 1) and of c (three posts, group 2).
        var match = index.Add(5, new string(b));
        Assert.Equal(2, match.GroupId);
        Assert.True(match.Similarity >= 0.8);
    }

    [Theory]
    [InlineData(NearDuplicateMethod.MinHash)]
    [InlineData(NearDuplicateMethod.SimHash)]
    public void NearDuplicateIndexAdd_PastCapacity_ForgetsOldest(NearDuplicateMethod method)
    {
        var index = new NearDuplicateIndex(new NearDuplicateOptions { Capacity = 2, Method = method });
        index.Add(1, Post);
        index.Add(2, Unrelated);
        index.Add(3, "完全不同的第三条微博内容在这里");
        Assert.Equal(2, index.Count);
        Assert.Equal(2, index.Add(4, Unrelated).GroupId);
        Assert.False(index.Add(5, Post).IsDuplicate);
    }

    [Fact]
    public void NearDuplicateIndexAdd_RandomEdits_MatchesOnlyAtThreshold()
    {
        // Whatever the index reports must meet the threshold exactly; the fingerprint only narrows the search.
        var gen = Gen.Select(Gen.Int[0, Post.Length - 1], Gen.Char['一', '龥'], Gen.Int[1, 6]);
        gen.Sample(t =>
        {
            var (at, c, count) = t;
            var chars = Post.ToCharArray();
            for (var i = 0; i < count; i++)
            {
                chars[(at + (i * 7)) % chars.Length] = c;
            }

            var edited = new string(chars);
            var index = new NearDuplicateIndex();
            index.Add(1, Post);
            var match = index.Add(2, edited);
            var jaccard = Shingles.Jaccard(Shingles.Bigrams(Shingles.Normalize(Post)), Shingles.Bigrams(Shingles.Normalize(edited)));
            return match.IsDuplicate ? jaccard >= 0.8 && match.Similarity == jaccard : jaccard < 0.8 || match.IsDuplicate;
        });
    }

    private static (char[] A, char[] B, char[] C) ChainOfEdits()
    {
        // a → b → c: each a near duplicate of the one before (J 0.86, 0.81), but c is only 0.73 like a.
        var a = Enumerable.Range(0, 40).Select(i => (char)('一' + (i * 3))).ToArray();
        var b = (char[])a.Clone();
        var c = (char[])a.Clone();
        for (var i = 37; i < 40; i++)
        {
            b[i] = c[i] = (char)('丁' + (i * 5));
        }

        for (var i = 34; i < 37; i++)
        {
            c[i] = (char)('乙' + (i * 5));
        }

        double J(char[] x, char[] y) => Shingles.Jaccard(Shingles.Bigrams(new string(x)), Shingles.Bigrams(new string(y)));
        Assert.True(J(a, b) >= 0.8 && J(b, c) >= 0.8 && J(a, c) is < 0.75 and >= 0.7, $"{J(a, b)} {J(b, c)} {J(a, c)}");
        return (a, b, c);
    }

    [Fact]
    public void OraclePairs_RandomSets_SameAsNaive()
    {
        var gen = Gen.UInt[1, 12].Array[0, 15].Select(a => a.Distinct().Order().ToArray()).Array[0, 40];
        gen.Sample(sets =>
            NearDuplicateOracle.Pairs(sets, 0.8).Order().SequenceEqual(NearDuplicateOracle.NaivePairs(sets, 0.8).Order())
            && NearDuplicateOracle.Pairs(sets, 0.5).Order().SequenceEqual(NearDuplicateOracle.NaivePairs(sets, 0.5).Order()));
    }

    [Fact]
    public void ReadTextColumn_QuotedMultiLine_OneFieldPerRow()
        => Assert.Equal(["a,b", "line1\nline2 \"q\"", "plain"], WeiboCorpus.ReadTextColumn("text\n\"a,b\"\n\"line1\nline2 \"\"q\"\"\"\r\nplain\n"));

    [Fact]
    public void NearDuplicateIndex_WeiboSubset_MeetsPrecisionAndRecall()
    {
        var posts = WeiboCorpus.ReadAll(WeiboCorpus.DataDirectory());
        Assert.True(posts.Count > 30_000, $"expected both Weibo days, read {posts.Count} posts");

        // A bounded subset keeps the test short; the benchmark scores the whole corpus.
        var subset = posts.Take(6_000).ToList();
        var sets = subset.Select(p => Shingles.Bigrams(Shingles.Normalize(p))).ToList();
        var oracle = NearDuplicateOracle.Pairs(sets, 0.8);
        var index = new NearDuplicateIndex();
        var matches = subset.Select((p, i) => index.Add(i, p)).ToList();
        var scores = NearDuplicateScores.Score(matches, oracle);

        Assert.True(oracle.Count > 100, $"the subset should hold near duplicates, oracle found {oracle.Count} pairs");
        // Per post, precision is 1 by construction (every match is checked exactly); recall is what the LSH earns.
        Assert.True(scores.PostPrecision >= 0.99, scores.ToString());
        Assert.True(scores.PostRecall >= 0.98, scores.ToString());

        // Per pair within groups, chains of edits put posts below the threshold in one group (0.73 on the full corpus).
        Assert.True(scores.PairRecall >= 0.90, scores.ToString());
        Assert.True(scores.PairPrecision >= 0.70, scores.ToString());
    }
}
