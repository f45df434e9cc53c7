using System.Security.Cryptography;
using System.Text;
using DutyDesk.Responsibility.Domain;

namespace DutyDesk.Responsibility.Tests;

public class SignatureCheckTests
{
    private const string Signed = "一、具体责任\n（一）每月开展一次风险排查。\n签署人：党组书记\u3000刘志强";

    public static TheoryData<string, string, SignatureState> Cases => new()
    {
        { "same text", Signed, SignatureState.Valid },
        { "one character changed", Signed.Replace("每月", "每季", StringComparison.Ordinal), SignatureState.Broken },
        { "one character added", Signed + "。", SignatureState.Broken },
        { "trailing space", Signed + " ", SignatureState.Broken },
        { "space inside a line", Signed.Replace("每月开展", "每月 开展", StringComparison.Ordinal), SignatureState.Broken },
        { "CRLF instead of LF", Signed.Replace("\n", "\r\n", StringComparison.Ordinal), SignatureState.Broken },
        { "ideographic space became ASCII space", Signed.Replace('\u3000', ' '), SignatureState.Broken },
        { "full-width parentheses became half-width", Signed.Replace('（', '(').Replace('）', ')'), SignatureState.Broken },
        { "empty text", "", SignatureState.Broken },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Verify_TextAgainstHashOfSignedText_ValidOnlyWhenIdentical(string scenario, string textNow, SignatureState expected)
    {
        var storedHash = SignatureCheck.Hash(Signed);

        Assert.True(expected == SignatureCheck.Verify(textNow, storedHash), scenario);
    }

    [Theory]
    [InlineData("caf\u00e9", "cafe\u0301")] // NFC é vs NFD e + combining acute: the same on screen, other bytes
    [InlineData("\uff21\uff22\uff23", "ABC")] // full-width Latin vs ASCII
    [InlineData("责任书", "\ufeff责任书")] // a byte-order mark carried into the text
    public void Verify_SameLookingTextInAnotherCanonicalForm_Broken(string signedText, string stored)
    {
        Assert.Equal(SignatureState.Broken, SignatureCheck.Verify(stored, SignatureCheck.Hash(signedText)));
        Assert.Equal(SignatureState.Valid, SignatureCheck.Verify(signedText, SignatureCheck.Hash(signedText)));
    }

    [Fact]
    public void Hash_Text_IsSha256OfUtf8BytesWithoutBom_InLowerHex()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Signed)));

        Assert.Equal(expected, SignatureCheck.Hash(Signed));
        Assert.Equal(64, expected.Length);
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.Unicode.GetBytes(Signed))), SignatureCheck.Hash(Signed));
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Signed)).ToArray())), SignatureCheck.Hash(Signed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Verify_NoStoredHash_Broken(string? stored)
        => Assert.Equal(SignatureState.Broken, SignatureCheck.Verify(Signed, stored));

    [Fact]
    public void Verify_StoredHashInUpperCase_Valid()
        => Assert.Equal(SignatureState.Valid, SignatureCheck.Verify(Signed, SignatureCheck.Hash(Signed).ToUpperInvariant()));

    [Fact]
    public void VerifyContent_PostOrNameDifferentFromSigned_Broken()
    {
        var content = LetterText.ForUnitAndYear(LetterTemplate.Default, "第一中学", 2026);
        var hash = SignatureCheck.Hash(LetterText.RenderFor(content, "党组书记", "刘志强"));

        Assert.Equal(SignatureState.Valid, SignatureCheck.Verify(content, "党组书记", "刘志强", hash));
        Assert.Equal(SignatureState.Broken, SignatureCheck.Verify(content, "班子成员", "刘志强", hash));
        Assert.Equal(SignatureState.Broken, SignatureCheck.Verify(content, "党组书记", "赵敏", hash));
        Assert.Equal(SignatureState.Broken, SignatureCheck.Verify(content with { Assessment = content.Assessment + "\n" }, "党组书记", "刘志强", hash));
    }

    [Theory]
    [InlineData(SignatureState.Valid, "有效")]
    [InlineData(SignatureState.Broken, "已失效（文本被改动）")]
    public void ToChinese_State_Name(SignatureState state, string name) => Assert.Equal(name, state.ToChinese());
}
