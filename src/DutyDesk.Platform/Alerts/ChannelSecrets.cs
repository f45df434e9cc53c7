using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace DutyDesk.Platform.Alerts;

/// <summary>Protects channel secrets at rest with ASP.NET Data Protection (its keys live in the database).</summary>
public sealed class ChannelSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("DutyDesk.Alerts.ChannelSecret.v1");

    public string Protect(string secret) => protector.Protect(secret);

    /// <summary>Null when the stored value cannot be read back (the keys were lost): the channel must be given its secret again.</summary>
    public string? Unprotect(string? protectedSecret)
    {
        if (protectedSecret is null)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
