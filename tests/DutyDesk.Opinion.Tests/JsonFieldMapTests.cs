using System.Text.Json;
using DutyDesk.Opinion.Domain;

namespace DutyDesk.Opinion.Tests;

public sealed class JsonFieldMapTests
{
    [Theory]
    [InlineData(null, "items")]
    [InlineData("{\"title\":\"t\"}", "items")]
    [InlineData("{\"items\":\"list\"}", "title")]
    [InlineData("{\"items\":", "JSON")]
    public void Parse_Incomplete_ChineseErrorOnSettings(string? settings, string mentioned)
    {
        var result = JsonFieldMap.Parse(settings);

        Assert.False(result.IsSuccess);
        Assert.Equal("settings", result.Error!.Field);
        Assert.Contains(mentioned, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_NestedListAndFields_Items()
    {
        var map = JsonFieldMap.Parse("{\"items\":\"data.list\",\"id\":\"id\",\"title\":\"t\",\"text\":\"body.content\",\"url\":\"link\",\"published\":\"time\",\"comments\":\"c\"}").Value;
        using var doc = JsonDocument.Parse("""
            {"data":{"list":[
              {"id":7,"t":"标题一","body":{"content":"正文一"},"link":"https://example.com/1","time":"2026-11-30 10:00","c":"12"},
              {"id":"x8","t":"标题二","time":1764468000}
            ]}}
            """);

        var items = map.Extract(doc.RootElement).Value;

        Assert.Equal(2, items.Count);
        Assert.Equal(("7", "标题一", "正文一", "https://example.com/1", 12L), (items[0].ExternalId, items[0].Title, items[0].Text, items[0].Url, items[0].Comments));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero), items[0].PublishedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764468000), items[1].PublishedAt);
        Assert.Null(items[1].Text);
    }

    [Fact]
    public void Extract_ItemsPathNotAnArray_ErrorNamesPath()
    {
        var map = JsonFieldMap.Parse("{\"items\":\"data\",\"title\":\"t\"}").Value;
        using var doc = JsonDocument.Parse("{\"data\":{\"a\":1}}");

        var result = map.Extract(doc.RootElement);

        Assert.False(result.IsSuccess);
        Assert.Contains("data", result.Error!.Message, StringComparison.Ordinal);
    }
}
