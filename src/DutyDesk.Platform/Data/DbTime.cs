namespace DutyDesk.Platform.Data;

/// <summary>Times as the databases keep them: PostgreSQL stores microseconds, not .NET's 100 ns ticks.</summary>
public static class DbTime
{
    /// <summary>The time cut to whole microseconds, so a value compared in memory equals the same value read back.</summary>
    public static DateTime AsStored(DateTime time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMicrosecond));

    /// <summary>
    /// A time as an API or a form hands it over, in UTC: JSON with an offset ("+08:00") arrives as local time and is
    /// converted; UTC stays; a time without any zone is left for the caller's check to refuse.
    /// </summary>
    public static DateTime? AsUtc(DateTime? time) => time is { Kind: DateTimeKind.Local } local ? local.ToUniversalTime() : time;
}
