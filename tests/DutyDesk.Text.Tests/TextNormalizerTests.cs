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
}
