using System.Security.Cryptography;
using System.Text;

namespace DutyDesk.Responsibility.Domain;

public enum SignatureState
{
    Valid,
    Broken,
}

/// <summary>
/// Whether a signature still covers the text: the stored text is rendered for the signer again
/// (<see cref="LetterText.RenderFor"/>) and its SHA-256 compared with the hash taken when they signed.
/// </summary>
public static class SignatureCheck
{
    /// <summary>SHA-256 of the UTF-8 bytes (no byte-order mark) of exactly this text, as 64 lower-case hex digits.</summary>
    public static string Hash(string signedText)
    {
        ArgumentNullException.ThrowIfNull(signedText);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(signedText)));
    }

    public static SignatureState Verify(string renderedText, string? storedSha256)
        => !string.IsNullOrEmpty(storedSha256) && string.Equals(Hash(renderedText), storedSha256, StringComparison.OrdinalIgnoreCase)
            ? SignatureState.Valid
            : SignatureState.Broken;

    public static SignatureState Verify(LetterContent content, string post, string signerName, string? storedSha256)
        => Verify(LetterText.RenderFor(content, post, signerName), storedSha256);

    public static string ToChinese(this SignatureState state) => state switch
    {
        SignatureState.Valid => "有效",
        SignatureState.Broken => "已失效（文本被改动）",
        _ => state.ToString(),
    };
}
