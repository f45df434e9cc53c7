using DutyDesk.Opinion.Domain;

namespace DutyDesk.Opinion.Tests;

public sealed class ItemKeyTests
{
    private static readonly Guid Source = Guid.Parse("0190a000-0000-7000-8000-000000000001");

    [Theory]
    [InlineData("HTTPS://Example.COM/a/b/?utm_source=x&b=2&a=1#frag", "https://example.com/a/b?a=1&b=2")]
    [InlineData("http://example.com:80/", "http://example.com")]
    [InlineData("https://example.com:8443/x", "https://example.com:8443/x")]
    [InlineData("ftp://example.com/x", null)]
    [InlineData("not a url", null)]
    [InlineData("", null)]
    public void CanonicalUrl_Variants_Canonical(string url, string? expected) => Assert.Equal(expected, ItemKey.CanonicalUrl(url));

    [Fact]
    public void For_ExternalIdFirst_ThenUrl_ThenHash()
    {
        Assert.Equal($"id:{Source:N}:42", ItemKey.For(Source, " 42 ", "https://example.com/x", "text"));
        Assert.Equal("url:https://example.com/x", ItemKey.For(Source, null, "https://example.com/x?utm_medium=y", "text"));
        Assert.StartsWith("hash:", ItemKey.For(Source, null, null, "text"), StringComparison.Ordinal);
        Assert.Equal(ItemKey.For(Source, null, null, "same"), ItemKey.For(Guid.NewGuid(), null, null, "same"));
    }

    [Fact]
    public void For_LongIdentifiers_FitTheColumn()
    {
        var longUrl = "https://example.com/" + new string('a', 3000);

        Assert.True(ItemKey.For(Source, new string('x', 1000), null, "t").Length <= Item.KeyMaxLength);
        Assert.True(ItemKey.For(Source, null, longUrl, "t").Length <= Item.KeyMaxLength);
    }

    [Theory]
    [InlineData("https://www.weibo.com/123", "weibo.com")]
    [InlineData("https://m.weibo.cn/status/1", "weibo.cn")]
    [InlineData("https://m.com/", "m.com")]
    [InlineData("https://edu.people.com.cn/n1/", "edu.people.com.cn")]
    [InlineData(null, "")]
    public void SiteOf_PhoneAndWwwPrefixes_Dropped(string? url, string expected) => Assert.Equal(expected, ItemKey.SiteOf(url));
}
