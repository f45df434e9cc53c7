namespace DutyDesk.Platform.Data;

/// <summary>Times as the databases keep them: PostgreSQL stores microseconds, not .NET's 100 ns ticks.</summary>
public static class DbTime
{
    /// <summary>The time cut to whole microseconds, so a value compared in memory equals the same value read back.</summary>
    public static DateTime AsStored(DateTime time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMicrosecond));
}
