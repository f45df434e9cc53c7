namespace DutyDesk.Text.Tests;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("  第一中学  ", "第一中学")]
    [InlineData("第一中学\u3000党支部", "第一中学 党支部")]
    [InlineData("ＡＢＣ１２３", "ABC123")]
    [InlineData("a\u200Bb\tc", "ab c")]
    [InlineData(null, "")]
    public void Clean_Input_NormalisesWidthSpaceAndInvisibles(string? input, string expected)
        => Assert.Equal(expected, TextNormalizer.Clean(input));

    [Theory]
    [InlineData("ＡＢＣ", "abc")]
    [InlineData(" Mixed Case ", "mixed case")]
    public void Key_Input_CleanedAndLowerCase(string input, string expected)
        => Assert.Equal(expected, TextNormalizer.Key(input));

    [Theory]
    [InlineData("臺灣", "臺灣")]
    [InlineData("頭髮", "頭髮")]
    public void Key_Traditional_KeptAsWritten(string input, string expected)
        => Assert.Equal(expected, TextNormalizer.Key(input));

    [Theory]
    [InlineData("ＡＢＣ　臺灣", "abc 台湾")]
    [InlineData(" 頭髮​乾燥 ", "头发干燥")]
    [InlineData("乾隆", "乾隆")]
    [InlineData("皇后 WHO", "皇后 who")]
    [InlineData(null, "")]
    public void Fold_Input_KeyThenSimplified(string? input, string expected)
        => Assert.Equal(expected, TextNormalizer.Fold(input));
}
