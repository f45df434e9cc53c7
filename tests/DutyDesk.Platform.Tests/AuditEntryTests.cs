using DutyDesk.Platform.Auditing;

namespace DutyDesk.Platform.Tests;

public class AuditEntryTests
{
    private static AuditEntry Sample() => new()
    {
        Sequence = 7,
        At = new DateTime(2026, 11, 30, 1, 2, 3, DateTimeKind.Utc),
        UserId = Guid.Parse("0197a9b4-0000-7000-8000-000000000001"),
        UserName = "admin",
        ClientIp = "127.0.0.1",
        Action = AuditActions.UnitCreate,
        ObjectType = "Unit",
        ObjectId = "x",
        Outcome = AuditOutcome.Success,
        Detail = "市教育局 / 第三中学",
        PreviousHash = new string('a', 64),
    };

    [Fact]
    public void ComputeHash_SameFields_SameHash()
        => Assert.Equal(Sample().ComputeHash(), Sample().ComputeHash());

    public static TheoryData<string> Mutations => new() { "sequence", "at", "user", "detail", "outcome", "previous", "shift" };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void ComputeHash_AnyFieldChanged_HashChanges(string field)
    {
        var original = Sample();
        var changed = Sample();
        switch (field)
        {
            case "sequence": changed.Sequence++; break;
            case "at": changed.At = changed.At.AddTicks(1); break;
            case "user": changed.UserName = "admin2"; break;
            case "detail": changed.Detail += "。"; break;
            case "outcome": changed.Outcome = AuditOutcome.Failure; break;
            case "previous": changed.PreviousHash = new string('b', 64); break;
            case "shift":
                // Moving text between adjacent fields must not keep the hash (fields are length-prefixed).
                changed.ObjectType = "Unitx";
                changed.ObjectId = "";
                original.ObjectId = "x";
                break;
        }

        Assert.NotEqual(original.ComputeHash(), changed.ComputeHash());
    }
}
