using System.Security.Cryptography;

namespace DutyDesk.Platform.Identity;

/// <summary>One-time passwords handed to new users; they must change them at first sign-in.</summary>
public static class OneTimePassword
{
    // No 0/O, 1/l/I: these are read out over the phone and typed by hand.
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Digits = "23456789";

    private const string Symbols = "#%+=@";

    /// <summary>A password that satisfies the configured policy however it is set (length, symbols).</summary>
    public static string Generate(SecurityOptions? policy = null)
    {
        var length = Math.Max(14, policy?.PasswordMinLength ?? 0);
        var symbol = policy?.PasswordRequireSymbol == true;
        var all = Upper + Lower + Digits + (symbol ? Symbols : "");
        var chars = new char[length];
        chars[0] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        chars[1] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        chars[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        chars[3] = symbol ? Symbols[RandomNumberGenerator.GetInt32(Symbols.Length)] : all[RandomNumberGenerator.GetInt32(all.Length)];
        for (var i = 4; i < length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
