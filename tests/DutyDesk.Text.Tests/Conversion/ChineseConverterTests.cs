using System.Text;
using CsCheck;
using DutyDesk.Text.Conversion;
using DutyDesk.Text.Tests.Sentiment;

namespace DutyDesk.Text.Tests.Conversion;

public sealed class ChineseConverterTests
{
    private static readonly OpenCcOracle Oracle = OpenCcOracle.Instance;

    // Chars of the main CJK block that are no TSCharacters key: Simplified (or shared) characters.
    private static readonly string[] SimplifiedChars = Enumerable.Range(0x4E00, 0x9FFF - 0x4E00 + 1)
        .Select(c => ((char)c).ToString())
        .Where(c => !Oracle.Characters.ContainsKey(c))
        .ToArray();

    private static readonly string[] Others =
        ["a", "Z", "1", " ", "，", "。", "https://t.cn/A6x?b=1", "😷", "👍🏻", "𠀀", "\uD800", "\uDC00", "\u3000", "Ｂ", "\u200B"];

    private static readonly string[] PhraseKeys = [.. Oracle.Phrases.Keys];
    private static readonly string[] CharacterKeys = [.. Oracle.Characters.Keys];
    private static readonly string[] PhraseValues = [.. Oracle.Phrases.Values.Select(v => v[0])];

    /// <summary>Text mixing phrase keys, their outputs, character keys (BMP and beyond), Simplified chars and the rest.</summary>
    private static readonly Gen<string> GenMixed =
        (from kind in Gen.Int[0, 4]
         from piece in kind switch
         {
             0 => Pick(PhraseKeys),
             1 => Pick(CharacterKeys),
             2 => Pick(SimplifiedChars),
             3 => Pick(PhraseValues),
             _ => Pick(Others),
         }
         select piece).Array[0, 16].Select(string.Concat);

    [Theory]
    [InlineData("頭髮", "头发")]
    [InlineData("乾燥", "干燥")]
    [InlineData("乾隆", "乾隆")]
    [InlineData("乾隆皇帝下江南", "乾隆皇帝下江南")]
    [InlineData("頭髮很乾", "头发很干")]
    [InlineData("學校", "学校")]
    [InlineData("後來", "后来")]
    [InlineData("臺灣", "台湾")]
    [InlineData("我們在臺灣的學校讀書", "我们在台湾的学校读书")]
    [InlineData("一目瞭然", "一目了然")]
    [InlineData("瞭", "瞭")]
    [InlineData("什麼", "什么")]
    [InlineData("乾紅", "干红")]
    [InlineData("情有獨鍾", "情有独钟")]
    [InlineData("鍾繇", "锺繇")]
    [InlineData("看https://t.cn/A6x 😷頭髮乾燥，Visit 臺灣!", "看https://t.cn/A6x 😷头发干燥，Visit 台湾!")]
    public void ToSimplified_Traditional_OpenCcT2s(string input, string expected)
        => Assert.Equal(expected, ChineseConverter.ToSimplified(input));

    [Theory]
    [InlineData("")]
    [InlineData("皇后")]
    [InlineData("著作")]
    [InlineData("头发干燥，学校后来")]
    [InlineData("Hello, World! https://example.com/path?q=1&r=%E4 😷👍🏻")]
    [InlineData("𠀀𪚥")]
    [InlineData("a\uD800b\uDC00c")]
    [InlineData("ＡＢＣ\u3000")]
    public void ToSimplified_NothingToConvert_SameInstance(string input)
    {
        Assert.Same(input, ChineseConverter.ToSimplified(input));
        Assert.False(ChineseConverter.ChangesText(input));
    }

    [Theory]
    [InlineData("僤", "\U0002B8B8")]
    [InlineData("𠁞", "𠀾")]
    [InlineData("二噁英", "二\U0002BAC7英")]
    [InlineData("x𠁞y僤", "x𠀾y\U0002B8B8")]
    public void ToSimplified_SupplementaryKeysAndValues_ConvertedAsWholeCodePoints(string input, string expected)
        => Assert.Equal(expected, ChineseConverter.ToSimplified(input));

    [Theory]
    [InlineData("乾斷", "乾断", "干断")]
    [InlineData("薴", "苧", "苎")]
    [InlineData("於梨華", "於梨华", "于梨华")]
    public void ToSimplified_SecondPass_ChangesAgainAsOpenCcDoes(string input, string once, string twice)
    {
        Assert.Equal(once, ChineseConverter.ToSimplified(input));
        Assert.Equal(twice, ChineseConverter.ToSimplified(once));
        Assert.Equal(twice, ChineseConverter.ToSimplified(twice));
    }

    [Fact]
    public void ToSimplified_Null_Throws()
        => Assert.Throws<ArgumentNullException>(() => ChineseConverter.ToSimplified(null!));

    [Fact]
    public void ToSimplified_EveryTableKey_EqualsNaiveOracle()
    {
        foreach (var key in CharacterKeys.Concat(PhraseKeys))
        {
            Assert.Equal(Oracle.Convert(key), ChineseConverter.ToSimplified(key));
        }
    }

    [Fact]
    public void ToSimplified_RandomMix_EqualsNaiveOracle()
        => GenMixed.Sample(text => Assert.Equal(Oracle.Convert(text), ChineseConverter.ToSimplified(text)), iter: 3_000);

    [Fact]
    public void ToSimplified_SimplifiedAndOtherCharsOnly_IdentitySameInstance()
        => Gen.OneOf(Pick(SimplifiedChars), Pick(Others)).Array[0, 40].Select(string.Concat)
            .Sample(text => ReferenceEquals(text, ChineseConverter.ToSimplified(text)) && !ChineseConverter.ChangesText(text), iter: 3_000);

    [Fact]
    public void ToSimplified_RandomMix_KeepsCodePointsOneForOne()
        => GenMixed.Sample(text =>
        {
            var output = ChineseConverter.ToSimplified(text);
            Assert.Equal(CodePoints(text), CodePoints(output));
            Assert.InRange(output.Length, 0, text.Length * 2);
        }, iter: 2_000);

    [Fact]
    public void ToSimplified_OutputHoldingNoPhraseKeyNorConvertibleChar_Idempotent()
    {
        // OpenCC's tables are not closed under their own output: a phrase's output can hold a phrase key or a char that
        // converts (乾斷 → 乾断 keeps 乾, 么麼 → 幺麽 keeps 麽), and of the character outputs 苧 (from 薴) converts
        // again. Outside those, a second pass changes nothing.
        var convertibleOutputs = Oracle.Characters.Values.Select(v => v[0]).Where(v => Oracle.IsChangingKey(Rune.GetRuneAt(v, 0))).Distinct().ToArray();
        Assert.Equal(["苧"], convertibleOutputs);
        GenMixed.Select(ChineseConverter.ToSimplified)
            .Where(once => !once.EnumerateRunes().Any(Oracle.IsChangingKey) && !PhraseKeys.Any(p => once.Contains(p, StringComparison.Ordinal)))
            .Sample(once => Assert.Same(once, ChineseConverter.ToSimplified(once)), iter: 2_000);
    }

    [Fact]
    public void ToSimplified_AnyText_SecondPassIsAFixedPoint()
        => GenMixed.Sample(text =>
        {
            var twice = ChineseConverter.ToSimplified(ChineseConverter.ToSimplified(text));
            Assert.Same(twice, ChineseConverter.ToSimplified(twice));
        }, iter: 2_000);

    [Fact]
    public void TryToSimplified_AnyDestinationLength_AgreesOrReportsTooShort()
        => Gen.Select(GenMixed, Gen.Int[0, 40]).Sample((text, room) =>
        {
            var expected = ChineseConverter.ToSimplified(text);
            var destination = new char[room];
            var ok = ChineseConverter.TryToSimplified(text, destination, out var written);
            Assert.Equal(expected.Length <= room, ok);
            Assert.Equal(ok ? expected : "", new string(destination, 0, written));
        }, iter: 2_000);

    [Fact]
    public void ToSimplified_ChnSentiCorpDev_LeavesNoConvertibleTraditionalChar()
    {
        var texts = SentimentTestData.Read("chnsenticorp-dev.tsv").Select(t => t.Text).ToList();
        var before = texts.Sum(CountChangingKeys);
        var after = texts.Select(ChineseConverter.ToSimplified).Sum(CountChangingKeys);

        // The dev set has 15 reviews in Traditional Chinese (443 such chars); only phrases OpenCC keeps (乾隆) may remain.
        Assert.True(before >= 300, $"expected the dev set's Traditional reviews, found {before} convertible chars");
        Assert.True(after <= before / 100, $"{after} of {before} convertible Traditional chars left after conversion");
    }

    [Fact]
    public void ToSimplified_ConcurrentFirstUse_SameResults()
    {
        string[] inputs = ["頭髮乾燥", "臺灣", "乾隆", "皇后", "學校後來"];
        var expected = inputs.Select(Oracle.Convert).ToArray();
        Parallel.For(0, 64, i => Assert.Equal(expected[i % inputs.Length], ChineseConverter.ToSimplified(inputs[i % inputs.Length])));
    }

    private static Gen<string> Pick(string[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    private static int CountChangingKeys(string text) => text.EnumerateRunes().Count(Oracle.IsChangingKey);

    // A lone surrogate counts as one code point: rune enumeration reports it once, as U+FFFD.
    private static int CodePoints(string text) => text.EnumerateRunes().Count();
}
