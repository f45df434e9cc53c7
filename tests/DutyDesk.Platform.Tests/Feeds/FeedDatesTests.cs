using DutyDesk.Documents.Feeds;

namespace DutyDesk.Platform.Tests.Feeds;

public sealed class FeedDatesTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Theory]
    // RFC 822 / 1123 and the ways feeds get it wrong
    [InlineData("Wed, 01 May 2024 12:00:00 GMT", "2024-05-01T12:00:00+00:00")]
    [InlineData("Wed, 01 May 2024 12:00:00 +0800", "2024-05-01T12:00:00+08:00")]
    [InlineData("Wed, 1 May 2024 12:00:00 -0500", "2024-05-01T12:00:00-05:00")]
    [InlineData("01 May 2024 12:00 EDT", "2024-05-01T12:00:00-04:00")]
    [InlineData("Wed, 01 May 24 12:00:00 Z", "2024-05-01T12:00:00+00:00")]
    [InlineData("wednesday, 01 may 2024 12:00:00 ut", "2024-05-01T12:00:00+00:00")]
    [InlineData("Wed, 01 May 2024 12:00:00", "2024-05-01T12:00:00+08:00")]
    [InlineData("Wed, 01-May-2024 12:00:00 GMT", "2024-05-01T12:00:00+00:00")]
    [InlineData("Wed, 01 May 2024 12:00:00 GMT+0800", "2024-05-01T12:00:00+08:00")]
    [InlineData("Wed, 01 May 2024 12:00:00 CST", "2024-05-01T12:00:00-06:00")]
    [InlineData("Wed May 01 12:00:00 CST 2024", "2024-05-01T12:00:00+08:00")]
    [InlineData("May 1, 2024 3:05 PM", "2024-05-01T15:05:00+08:00")]
    [InlineData("Thu, 29 Feb 2024 24:00:00 GMT", "2024-03-01T00:00:00+00:00")]
    // ISO 8601 / RFC 3339 / W3C-DTF
    [InlineData("2024-05-01T12:00:00Z", "2024-05-01T12:00:00+00:00")]
    [InlineData("2024-05-01T12:00:00.123+08:00", "2024-05-01T12:00:00.123+08:00")]
    [InlineData("2024-05-01T12:00+0100", "2024-05-01T12:00:00+01:00")]
    [InlineData("2024-05-01", "2024-05-01T00:00:00+08:00")]
    [InlineData("2024-05", "2024-05-01T00:00:00+08:00")]
    [InlineData("20240501T120000Z", null)]
    [InlineData("20240501T12:00:00Z", "2024-05-01T12:00:00+00:00")]
    // Chinese sites
    [InlineData("2024-05-01 12:00:00", "2024-05-01T12:00:00+08:00")]
    [InlineData("2024/5/1 9:05", "2024-05-01T09:05:00+08:00")]
    [InlineData("2024年5月1日 12:30", "2024-05-01T12:30:00+08:00")]
    [InlineData("2024年05月01日12时30分", "2024-05-01T12:30:00+08:00")]
    [InlineData("2024.05.01 12:00:00", "2024-05-01T12:00:00+08:00")]
    // Not dates
    [InlineData("", null)]
    [InlineData("yesterday", null)]
    [InlineData("Wed, 31 Feb 2024 12:00:00 GMT", null)]
    [InlineData("2024-13-01", null)]
    [InlineData("Κυρ, 29 Ιούλ 2004 12:53:00 GMT", null)]
    [InlineData("Wed, 01 May 2024 12:00:00 +9900", null)]
    public void Parse_FeedDate_InstantOrNull(string value, string? expected)
    {
        var parsed = FeedDates.Parse(value, Beijing);

        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parsed);
        if (parsed is not null && expected is not null)
        {
            Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, parsed.Value.Offset);
        }
    }

    [Fact]
    public void Parse_NoZone_TakesTheGivenDefaultOffset()
        => Assert.Equal(TimeSpan.Zero, FeedDates.Parse("2024-05-01 12:00:00", TimeSpan.Zero)!.Value.Offset);
}
