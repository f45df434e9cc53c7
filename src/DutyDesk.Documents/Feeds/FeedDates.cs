using System.Globalization;
using System.Text.RegularExpressions;

namespace DutyDesk.Documents.Feeds;

/// <summary>
/// Dates as feeds write them: RFC 822 and its sloppy variants (no weekday, two-digit years, missing seconds,
/// named zones, Java's Date.toString), ISO 8601 / RFC 3339 / W3C-DTF, and Chinese sites' "2024-05-01 12:00:00",
/// "2024/5/1 12:00" and "2024年5月1日 12时00分". A time without a zone takes the given default offset.
/// </summary>
public static partial class FeedDates
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private static readonly Dictionary<string, int> ZoneHours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["WET"] = 0,
        ["EST"] = -5, ["EDT"] = -4, ["CST"] = -6, ["CDT"] = -5, ["MST"] = -7, ["MDT"] = -6, ["PST"] = -8, ["PDT"] = -7,
        ["AST"] = -4, ["ADT"] = -3, ["AKST"] = -9, ["AKDT"] = -8, ["HST"] = -10,
        ["CET"] = 1, ["CEST"] = 2, ["MET"] = 1, ["MEST"] = 2, ["EET"] = 2, ["EEST"] = 3, ["BST"] = 1, ["MSK"] = 3,
        ["IST"] = 0, ["SGT"] = 8, ["HKT"] = 8, ["BJT"] = 8, ["CCT"] = 8, ["AWST"] = 8, ["JST"] = 9, ["KST"] = 9, ["AEST"] = 10, ["AEDT"] = 11,
    };

    /// <summary>The instant a feed date names, or null when it cannot be read.</summary>
    public static DateTimeOffset? Parse(string? value, TimeSpan defaultOffset)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 100)
        {
            return null;
        }

        var text = value.Trim();
        return Iso(text, defaultOffset) ?? Rfc822(text, defaultOffset);
    }

    private static DateTimeOffset? Iso(string text, TimeSpan defaultOffset)
    {
        var m = IsoPattern().Match(text);
        if (!m.Success)
        {
            return null;
        }

        var month = m.Groups["mo"].Success ? Int(m.Groups["mo"].Value) : 1;
        var day = m.Groups["d"].Success ? Int(m.Groups["d"].Value) : 1;
        var hour = m.Groups["h"].Success ? Int(m.Groups["h"].Value) : 0;
        var minute = m.Groups["mi"].Success ? Int(m.Groups["mi"].Value) : 0;
        var second = m.Groups["s"].Success ? Int(m.Groups["s"].Value) : 0;
        var fraction = m.Groups["f"].Success ? double.Parse("0." + m.Groups["f"].Value, CultureInfo.InvariantCulture) : 0;
        var offset = m.Groups["z"].Success ? Zone(m.Groups["z"].Value, javaStyle: false) : defaultOffset;
        return offset is null ? null : Build(Int(m.Groups["y"].Value), month, day, hour, minute, second, fraction, offset.Value);
    }

    private static DateTimeOffset? Rfc822(string text, TimeSpan defaultOffset)
    {
        int? month = null, hour = null, minute = null, second = null;
        var numbers = new List<string>();
        TimeSpan? offset = null;
        var pm = false;
        var am = false;
        var zoneBeforeYear = false;
        string? zoneName = null;
        text = ZonePrefix().Replace(text, " ");
        foreach (var raw in Tokens().Matches(text).Select(t => t.Value))
        {
            var token = raw.TrimEnd('.');
            if (token.Contains(':', StringComparison.Ordinal))
            {
                var time = TimePattern().Match(token);
                if (!time.Success || hour is not null)
                {
                    return null;
                }

                hour = Int(time.Groups["h"].Value);
                minute = Int(time.Groups["mi"].Value);
                second = time.Groups["s"].Success ? Int(time.Groups["s"].Value) : 0;
                if (time.Groups["z"].Success && (offset = Zone(time.Groups["z"].Value, javaStyle: false)) is null)
                {
                    return null;
                }
            }
            else if (token.Length > 1 && token[0] is '+' or '-' && hour is not null)
            {
                if ((offset = Zone(token, javaStyle: false)) is null)
                {
                    return null;
                }
            }
            else if (token.All(char.IsAsciiDigit))
            {
                numbers.Add(token);
                zoneBeforeYear = zoneBeforeYear || (zoneName is not null && token.Length == 4);
            }
            else if (token.All(char.IsAsciiLetter))
            {
                if (token.Length >= 3 && Array.IndexOf(Months, token[..3].ToLowerInvariant()) is var index and >= 0 && month is null && !IsWeekday(token))
                {
                    month = index + 1;
                }
                else if (token.Equals("PM", StringComparison.OrdinalIgnoreCase))
                {
                    pm = true;
                }
                else if (token.Equals("AM", StringComparison.OrdinalIgnoreCase))
                {
                    am = true;
                }
                else if (ZoneHours.ContainsKey(token) || (token.Length == 1 && hour is not null))
                {
                    zoneName = token;
                }
                else if (!IsWeekday(token))
                {
                    return null;
                }
            }
            else
            {
                return null;
            }
        }

        if (month is null || numbers.Count != 2)
        {
            return null;
        }

        var (dayText, yearText) = numbers[0].Length <= 2 && numbers[1].Length != 3 ? (numbers[0], numbers[1]) : (numbers[1], numbers[0]);
        if (dayText.Length > 2)
        {
            return null;
        }

        var year = Int(yearText);
        year = yearText.Length switch { <= 2 => year < 50 ? 2000 + year : 1900 + year, 4 => year, _ => -1 };
        if (zoneName is not null)
        {
            // Java's Date.toString ("Wed May 01 12:00:00 CST 2024") comes from servers whose "CST" is China Standard Time.
            offset = Zone(zoneName, javaStyle: zoneBeforeYear);
        }

        var h = hour ?? 0;
        h = pm && h < 12 ? h + 12 : am && h == 12 ? 0 : h;
        return year < 0 || offset is null && zoneName is not null ? null : Build(year, month.Value, Int(dayText), h, minute ?? 0, second ?? 0, 0, offset ?? defaultOffset);
    }

    private static bool IsWeekday(string token)
        => token.Length >= 3 && token[..3].ToLowerInvariant() is "mon" or "tue" or "wed" or "thu" or "fri" or "sat" or "sun";

    private static TimeSpan? Zone(string zone, bool javaStyle)
    {
        if (zone[0] is '+' or '-')
        {
            var digits = zone[1..].Replace(":", "", StringComparison.Ordinal);
            if (digits.Length is not (2 or 4) || !digits.All(char.IsAsciiDigit))
            {
                return null;
            }

            var value = new TimeSpan(Int(digits[..2]), digits.Length == 4 ? Int(digits[2..]) : 0, 0);
            return value > TimeSpan.FromHours(14) ? null : zone[0] == '-' ? -value : value;
        }

        if (javaStyle && zone.Equals("CST", StringComparison.OrdinalIgnoreCase))
        {
            return TimeSpan.FromHours(8);
        }

        // Single military letters other than Z were defined with the wrong sign in RFC 822; RFC 2822 says read them as UTC.
        return ZoneHours.TryGetValue(zone, out var hours) ? TimeSpan.FromHours(hours) : zone.Length == 1 ? TimeSpan.Zero : null;
    }

    private static DateTimeOffset? Build(int year, int month, int day, int hour, int minute, int second, double fraction, TimeSpan offset)
    {
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 24 || minute > 59 || second > 60)
        {
            return null;
        }

        // 24:00 is the end of the day and :60 a leap second; both are written by real feeds.
        var local = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified)
            .AddHours(hour).AddMinutes(minute).AddSeconds(Math.Min(second, 59)).AddTicks((long)(fraction * TimeSpan.TicksPerSecond));
        try
        {
            return new DateTimeOffset(local, offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static int Int(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(
        """^(?<y>\d{4})(?:[-/.年](?<mo>\d{1,2})(?:[-/.月](?<d>\d{1,2})日?)?|(?<mo>\d{2})(?<d>\d{2}))?(?:(?:T\s*|\s+|(?<=日))(?<h>\d{1,2})[:时点](?<mi>\d{1,2})(?:[:分](?<s>\d{1,2})(?:[.,](?<f>\d{1,7})\d*)?秒?)?分?)?\s*(?<z>Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT|UT)?$""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex IsoPattern();

    [GeneratedRegex("""^(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:\.\d+)?)?(?<z>Z|[+-]\d{2}:?\d{2})?$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex TimePattern();

    /// <summary>"GMT+0800" and "UTC-05:00" name the offset twice; the number is what counts.</summary>
    [GeneratedRegex("""(?:GMT|UTC)(?=[+-]\d)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ZonePrefix();

    [GeneratedRegex("""[^\s,\-/]+|(?<=\s)[+-]\d{2}:?\d{2}""", RegexOptions.CultureInvariant)]
    private static partial Regex Tokens();
}
