using DutyDesk.Text.Segmentation;

namespace DutyDesk.Text.Tests.Segmentation;

public sealed class SearchSegmenterTests
{
    [Theory]
    [InlineData("学校食堂饭菜有异物", "食堂")]
    [InlineData("学校食堂饭菜有异物", "异物")]
    [InlineData("中华人民共和国教育部", "共和国")]
    [InlineData("ＡＢＣ中学", "abc")]
    public void Words_LongerPhrase_ContainsInnerWord(string text, string word)
        => Assert.Contains(word, SearchSegmenter.Words(text));

    [Theory]
    [InlineData("家长很愤怒！！", "家长 很 愤怒")]
    [InlineData("  \t\n ", "")]
    [InlineData(null, "")]
    [InlineData("\" AND ( * NEAR", "and near")]
    [InlineData("c++ 3.5元 e-mail", "c 3 5 元 e mail")]
    [InlineData("😀👍", "")]
    public void Segment_PunctuationSymbolsAndSpace_Dropped(string? text, string expected)
        => Assert.Equal(expected, SearchSegmenter.Segment(text));

    [Fact]
    public void Words_AnyInput_OnlyLettersAndDigits()
    {
        var words = SearchSegmenter.Words("【通报】#某中学# 食堂“异物”事件：家长质疑，校方回应(附视频)…… http://t.cn/A6x?b=1&c=\"2\"").ToList();

        Assert.NotEmpty(words);
        Assert.All(words, w => Assert.True(w.Length > 0 && w.All(char.IsLetterOrDigit), w));
        Assert.Contains("食堂", words);
    }

    [Fact]
    public void QueryTerms_RepeatedWords_DistinctInOrder()
        => Assert.Equal(["食堂", "异物"], SearchSegmenter.QueryTerms("食堂 异物 食堂"));

    [Fact]
    public void Segment_ManyThreads_SameAsOneThread()
    {
        var texts = Enumerable.Range(0, 400)
            .Select(i => $"第{i}中学食堂饭菜有异物，家长在微博上质疑学校管理，教育局回应称已成立调查组{i % 7}号")
            .ToArray();
        var expected = texts.Select(SearchSegmenter.Segment).ToArray();

        var actual = new string[texts.Length];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => actual[i] = SearchSegmenter.Segment(texts[i]));

        Assert.Equal(expected, actual);
    }
}
