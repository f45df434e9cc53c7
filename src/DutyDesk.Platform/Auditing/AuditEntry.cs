using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DutyDesk.Platform.Auditing;

/// <summary>
/// One row of the append-only audit log. Rows form a hash chain: each row's hash covers its own
/// fields and the previous row's hash, so an edited or deleted row breaks every hash after it.
/// </summary>
public sealed class AuditEntry
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Position in the chain, assigned under a lock when the row is written (1, 2, 3 …).</summary>
    public long Sequence { get; set; }

    public DateTime At { get; set; }

    public Guid? UserId { get; set; }

    public string? UserName { get; set; }

    public string? ClientIp { get; set; }

    public required string Action { get; set; }

    public string? ObjectType { get; set; }

    public string? ObjectId { get; set; }

    public Guid? UnitId { get; set; }

    public AuditOutcome Outcome { get; set; }

    public string? Detail { get; set; }

    public string PreviousHash { get; set; } = GenesisHash;

    public string Hash { get; set; } = "";

    /// <summary>The hash this row must carry given its fields and the previous row's hash.</summary>
    public string ComputeHash()
    {
        // Fields are length-prefixed so that moving text from one field to the next changes the hash.
        var builder = new StringBuilder();
        void Add(string? value) => builder.Append(value?.Length.ToString(CultureInfo.InvariantCulture) ?? "-").Append(':').Append(value).Append('|');
        Add(Sequence.ToString(CultureInfo.InvariantCulture));
        Add(At.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
        Add(UserId?.ToString("N"));
        Add(UserName);
        Add(ClientIp);
        Add(Action);
        Add(ObjectType);
        Add(ObjectId);
        Add(UnitId?.ToString("N"));
        Add(Outcome.ToString());
        Add(Detail);
        Add(PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }
}

public enum AuditOutcome
{
    Success,
    Failure,
    Denied,
}
