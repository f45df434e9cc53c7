using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Opinion.Features.Items;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;

namespace DutyDesk.Integration.Tests.Opinion;

/// <summary>The screenshot of a manual report, as the item page links it: in scope only.</summary>
public sealed class ItemScreenshotTests
{
    [Theory]
    [BothProviders]
    public async Task Get_ReportWithScreenshot_ServedInScopeAndNotFoundOutside(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unitId = await host.UnitIdAsync("第一中学");
        var png = SampleFiles.Png(8, 8);
        await using var content = new MemoryStream(png);
        var reported = await host.Get<ReportItem>().ReportAsync(
            await host.ActorAsync("yz.office"),
            new ReportCommand(unitId, "https://bbs.example.cn/t/1001", "第一中学食堂饭菜变质", "家长反映第一中学食堂饭菜变质。", "家长微信群"),
            new Screenshot(content, "截图.png"));
        Assert.True(reported.IsSuccess, reported.Error?.Message);
        var itemId = reported.Value.ItemId!.Value;
        var screenshots = host.Get<ItemScreenshots>();

        var own = await screenshots.GetAsync(await host.ActorAsync("yz.office"), itemId);
        var other = await screenshots.GetAsync(await host.ActorAsync("xx.monitor"), itemId);
        var detail = await host.Get<ItemQueries>().GetAsync(await host.ActorAsync("yz.office"), itemId);

        Assert.True(own.IsSuccess, own.Error?.Message);
        Assert.Equal(("image/png", "截图.png", png.LongLength), (own.Value.ContentType, own.Value.FileName, own.Value.Size));
        Assert.Equal(ErrorKind.NotFound, other.Error?.Kind);
        Assert.Equal((unitId, own.Value.Id), (detail.Value.UnitId, detail.Value.ScreenshotFileId));
        Assert.Equal("家长微信群", detail.Value.SeenWhere);
    }

    [Theory]
    [BothProviders]
    public async Task Get_ReportWithoutScreenshot_NotFound(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var reported = await host.Get<ReportItem>().ReportAsync(
            await host.ActorAsync("yz.office"),
            new ReportCommand(await host.UnitIdAsync("第一中学"), null, "第一中学收费问题", "有人说第一中学乱收费。", "抖音评论区"),
            null);
        Assert.True(reported.IsSuccess, reported.Error?.Message);

        var screenshot = await host.Get<ItemScreenshots>().GetAsync(await host.ActorAsync("yz.office"), reported.Value.ItemId!.Value);

        Assert.Equal(ErrorKind.NotFound, screenshot.Error?.Kind);
        Assert.Contains("截图", screenshot.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Download_SignedOut_NotServed(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri(ItemScreenshots.Link(Guid.NewGuid()), UriKind.Relative));

        Assert.NotEqual(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
