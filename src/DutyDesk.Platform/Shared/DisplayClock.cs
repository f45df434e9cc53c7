using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace DutyDesk.Platform.Shared;

/// <summary>Shows stored UTC times in the office's zone (Asia/Shanghai unless configured otherwise).</summary>
public sealed class DisplayClock(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    public static DisplayClock FromConfiguration(IConfiguration configuration)
        => new(TimeZoneInfo.FindSystemTimeZoneById(configuration["DutyDesk:TimeZone"] ?? "Asia/Shanghai"));

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public DateTime ToUtc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    public string Format(DateTime utc) => ToLocal(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public string Format(DateTime? utc) => utc is { } value ? Format(value) : "—";
}
