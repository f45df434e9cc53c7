using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Opinion;
using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Features.Cases;
using DutyDesk.Opinion.Features.Grading;
using DutyDesk.Opinion.Ingest;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using Microsoft.EntityFrameworkCore;
using static DutyDesk.Integration.Tests.Opinion.OpinionTestData;

namespace DutyDesk.Integration.Tests.Opinion;

/// <summary>The administrator's grading thresholds and lists per unit: saved, inherited, refused, and used for events at once.</summary>
public sealed class GradingTests
{
    private const string Complaint = "第一中学食堂的饭菜里吃出了异物，家长很愤怒，学校到现在也没有任何回应，太让人失望了";

    [Theory]
    [BothProviders]
    public async Task Save_ThenGet_OwnValuesTidiedAndAudited(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unit = await host.UnitIdAsync("第一中学");
        var office = await host.ActorAsync("yz.office");
        var handler = host.Get<ManageGrading>();
        var before = await handler.GetAsync(office, unit);

        var saved = await handler.SaveAsync(office, unit, Input(60, 61, keyArea: [" 校车 ", "招生", "", "校车", "招生"], domains: ["People.com.cn", "people.com.cn", "xinhuanet.com"]), null);
        var read = await handler.GetAsync(office, unit);

        Assert.Equal((GradingSource.Default, "系统默认", (Guid?)null), (before.Value.Source, before.Value.SourceText, before.Value.Version));
        Assert.True(saved.IsSuccess, saved.Error?.Message);
        Assert.Equal((GradingSource.Own, "本单位", "孙磊"), (read.Value.Source, read.Value.SourceText, read.Value.UpdatedBy));
        Assert.Equal((60, 61, 24, 20), (read.Value.GeneralUpTo, read.Value.LargerFrom, read.Value.DozensOfComments, read.Value.FastSpreadItemsPerHour));
        Assert.Equal(["校车", "招生"], read.Value.KeyAreaWords);
        Assert.Equal(["people.com.cn", "xinhuanet.com"], read.Value.MainstreamDomains);
        Assert.NotNull(read.Value.Version);
        Assert.Null(read.Value.Gap);
        Assert.True(read.Value.CanEdit);
        await using var db = await host.DbAsync();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == OpinionAudit.GradingSave);
        Assert.Contains("一般（Ⅳ级）上限 50 → 60", audit.Detail, StringComparison.Ordinal);
        Assert.Contains("较大（Ⅲ级）起点 100 → 61", audit.Detail, StringComparison.Ordinal);
        Assert.Contains("重点领域词 增加 校车 删除 考试", audit.Detail, StringComparison.Ordinal);
        Assert.Equal(unit, audit.UnitId);
    }

    [Theory]
    [BothProviders]
    public async Task Get_ParentSaved_ChildrenInheritUntilOwnRowAndAgainAfterReset(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var bureau = await host.UnitIdAsync("市教育局");
        var school = await host.UnitIdAsync("第一中学");
        var department = await host.UnitIdAsync("一中德育处");
        var handler = host.Get<ManageGrading>();
        var office = await host.ActorAsync("yz.office");
        Assert.True((await handler.SaveAsync(await host.ActorAsync("jyj.office"), bureau, Input(40, 80), null)).IsSuccess);

        var inherited = await handler.GetAsync(office, school);
        var deep = await handler.GetAsync(office, department);
        var own = await handler.SaveAsync(office, school, Input(30, 31), null);
        var deepAfterOwn = await handler.GetAsync(office, department);
        var reset = await handler.ResetAsync(office, school, own.Value.Grading.Version);
        var resetAgain = await handler.ResetAsync(office, school, null);

        Assert.Equal((GradingSource.Inherited, "上级单位「市教育局」", 40, 80), (inherited.Value.Source, inherited.Value.SourceText, inherited.Value.GeneralUpTo, inherited.Value.LargerFrom));
        Assert.Equal("一般与较大之间留有 41–79 的空档，介于其间的事件按一般提出并提示人工确认。", inherited.Value.Gap);
        Assert.Null(inherited.Value.Version);
        Assert.Equal((GradingSource.Inherited, 40), (deep.Value.Source, deep.Value.GeneralUpTo));
        Assert.Equal(("上级单位「第一中学」", 30), (deepAfterOwn.Value.SourceText, deepAfterOwn.Value.GeneralUpTo));
        Assert.True(reset.IsSuccess, reset.Error?.Message);
        Assert.Equal((GradingSource.Inherited, "上级单位「市教育局」", 40), (reset.Value.Grading.Source, reset.Value.Grading.SourceText, reset.Value.Grading.GeneralUpTo));
        Assert.Equal(ErrorKind.Validation, resetAgain.Error?.Kind);
        await using var db = await host.DbAsync();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == OpinionAudit.GradingReset);
        Assert.Contains("改用上级单位「市教育局」的设置", audit.Detail, StringComparison.Ordinal);
        Assert.Contains("一般（Ⅳ级）上限 30 → 40", audit.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Save_InvalidInput_NamesFieldAndChangesNothing(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unit = await host.UnitIdAsync("第一中学");
        var office = await host.ActorAsync("yz.office");
        var handler = host.Get<ManageGrading>();
        (GradingInput Input, string Field, string Message)[] cases =
        [
            (Input(0, 100), "generalUpTo", "“一般（Ⅳ级）上限”须为不小于 1 的整数"),
            (Input(100, 100), "largerFrom", "“较大（Ⅲ级）起点”（100）须大于“一般（Ⅳ级）上限”（100）"),
            (Input(50, 100) with { DozensOfComments = -1 }, "dozensOfComments", "“数十条评论”须为不小于 1 的整数"),
            (Input(50, 100, keyArea: ["招生", new string('字', 51)]), "keyAreaWords", "“重点领域词”第 2 行"),
            (Input(50, 100, severe: [.. Enumerable.Range(0, 501).Select(i => $"词{i}")]), "severeWords", "“特别重大事件词”有 501 个，最多 500 个"),
            (Input(50, 100, domains: ["people.com.cn", "", "http://x"]), "mainstreamDomains", "“主流媒体域名”第 3 行 “http://x” 不是域名"),
            (Input(50, 100, domains: ["news.cn/politics"]), "mainstreamDomains", "第 1 行"),
        ];

        foreach (var (input, field, message) in cases)
        {
            var result = await handler.SaveAsync(office, unit, input, null);
            Assert.Equal(field, result.Error?.Field);
            Assert.Contains(message, result.Error!.Message, StringComparison.Ordinal);
        }

        await using var db = await host.DbAsync();
        Assert.False(await db.Set<GradingSettings>().AnyAsync());
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == OpinionAudit.GradingSave));
    }

    [Theory]
    [BothProviders]
    public async Task Save_NotConfigurer_DeniedAndAuditedOutOfScopeNotFound(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unit = await host.UnitIdAsync("第一中学");
        var handler = host.Get<ManageGrading>();
        var reviewer = await host.ActorAsync("yz.reviewer");

        var read = await handler.GetAsync(reviewer, unit);
        var denied = await handler.SaveAsync(reviewer, unit, Input(10, 20), null);
        var foreign = await handler.SaveAsync(await host.ActorAsync("xx.monitor"), unit, Input(10, 20), null);
        var foreignRead = await handler.GetAsync(await host.ActorAsync("xx.monitor"), unit);
        var resetDenied = await handler.ResetAsync(reviewer, unit, null);

        Assert.True(read.IsSuccess);
        Assert.False(read.Value.CanEdit);
        Assert.Equal(ErrorKind.Forbidden, denied.Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, resetDenied.Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, foreign.Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, foreignRead.Error?.Kind);
        await using var db = await host.DbAsync();
        Assert.False(await db.Set<GradingSettings>().AnyAsync());
        var refusals = await db.AuditEntries.Where(a => a.Action == AuditActions.AccessDenied && a.UserName == "yz.reviewer").Select(a => a.Detail).ToListAsync();
        Assert.Equal(2, refusals.Count);
        Assert.Contains("修改舆情分级标准", refusals);
        Assert.Contains("恢复继承的舆情分级标准", refusals);
    }

    [Theory]
    [BothProviders]
    public async Task Save_StaleVersion_ConflictAndFirstSaveKept(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unit = await host.UnitIdAsync("第一中学");
        var office = await host.ActorAsync("yz.office");
        var handler = host.Get<ManageGrading>();
        var first = await handler.SaveAsync(office, unit, Input(60, 61), null);

        var noVersion = await handler.SaveAsync(office, unit, Input(70, 71), null);
        var second = await handler.SaveAsync(office, unit, Input(80, 81), first.Value.Grading.Version);
        var stale = await handler.SaveAsync(office, unit, Input(90, 91), first.Value.Grading.Version);
        var staleReset = await handler.ResetAsync(office, unit, first.Value.Grading.Version);

        Assert.Equal(ErrorKind.Conflict, noVersion.Error?.Kind);
        Assert.True(second.IsSuccess);
        Assert.Equal("分级标准已被他人修改，请刷新后重试。", stale.Error?.Message);
        Assert.Equal(ErrorKind.Conflict, staleReset.Error?.Kind);
        Assert.Equal(80, (await handler.GetAsync(office, unit)).Value.GeneralUpTo);
    }

    [Theory]
    [BothProviders]
    public async Task Save_LowerThreshold_ExistingEventRegraded(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await ComplaintOnTwoSitesAsync(host);
        var unit = await host.UnitIdAsync("第一中学");
        var office = await host.ActorAsync("yz.office");
        var cases = host.Get<CaseQueries>();
        var before = Assert.Single((await cases.ListAsync(office, unit)).Value);

        var saved = await host.Get<ManageGrading>().SaveAsync(office, unit, Input(10, 20), null);

        var after = Assert.Single((await cases.ListAsync(office, unit)).Value);
        Assert.Equal(IncidentLevelCode.IV, before.ProposedLevel);
        Assert.Equal((1, 1), (saved.Value.Regraded, saved.Value.LevelChanged));
        Assert.Equal(IncidentLevelCode.III, after.ProposedLevel);
        Assert.Contains("（≥ 20）", after.ProposedRule, StringComparison.Ordinal);
        await using var db = await host.DbAsync();
        Assert.Contains("1 个事件，1 个的建议级别改变", (await db.AuditEntries.SingleAsync(a => a.Action == OpinionAudit.GradingSave)).Detail, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task Save_ParentChanged_SubordinateEventsRegradedUnlessSubordinateHasOwn(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        await ComplaintOnTwoSitesAsync(host);
        var handler = host.Get<ManageGrading>();
        var bureau = await host.UnitIdAsync("市教育局");
        var school = await host.UnitIdAsync("第一中学");
        var head = await host.ActorAsync("jyj.office");
        Assert.True((await handler.SaveAsync(await host.ActorAsync("yz.office"), school, Input(50, 100), null)).IsSuccess);

        var shadowed = await handler.SaveAsync(head, bureau, Input(10, 20), null);
        var reset = await handler.ResetAsync(await host.ActorAsync("yz.office"), school, (await handler.GetAsync(head, school)).Value.Version);

        Assert.Equal(0, shadowed.Value.Regraded);
        Assert.Equal((1, 1), (reset.Value.Regraded, reset.Value.LevelChanged));
        Assert.Equal(IncidentLevelCode.III, Assert.Single((await host.Get<CaseQueries>().ListAsync(head, school)).Value).ProposedLevel);
    }

    [Theory]
    [BothProviders]
    public async Task Save_KeyAreaWordAdded_ExistingEventBecomesKeyArea(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var source = await SourceAsync(host);
        await SchemeAsync(host, "一中", "第一中学", events: "校车\n操场");
        await host.Get<IngestPipeline>().IngestAsync(source, [Post("第一中学校车严重超载，家长投诉学校不管不问，太危险了", id: "1")]);
        var unit = await host.UnitIdAsync("第一中学");
        var office = await host.ActorAsync("yz.office");
        var before = Assert.Single((await host.Get<CaseQueries>().ListAsync(office, unit)).Value);

        await host.Get<ManageGrading>().SaveAsync(office, unit, Input(50, 100, keyArea: ["校车"]) with { FastSpreadItemsPerHour = 1 }, null);

        await using var db = await host.DbAsync();
        var after = await db.Set<OpinionCase>().SingleAsync();
        Assert.NotEqual(IncidentLevelCode.II, before.ProposedLevel);
        Assert.True(after.KeyArea);
        Assert.Equal(IncidentLevelCode.II, after.ProposedLevel);
    }

    [Theory]
    [BothProviders]
    public async Task Ingest_AfterSave_UsesUnitKeyAreaWords(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var source = await SourceAsync(host);
        await SchemeAsync(host, "一中", "第一中学", events: "校车\n操场");
        var unit = await host.UnitIdAsync("第一中学");
        var office = await host.ActorAsync("yz.office");
        var pipeline = host.Get<IngestPipeline>();
        await pipeline.IngestAsync(source, [Post("第一中学校车严重超载，家长投诉学校不管不问，太危险了", id: "1")]);
        Assert.True((await host.Get<ManageGrading>().SaveAsync(office, unit, Input(50, 100, keyArea: ["操场"]) with { FastSpreadItemsPerHour = 1 }, null)).IsSuccess);

        await pipeline.IngestAsync(source, [Post("第一中学操场塑胶跑道气味刺鼻，孩子头晕，家长投诉没人管", id: "2")]);

        await using var db = await host.DbAsync();
        var cases = await db.Set<OpinionCase>().OrderBy(c => c.FirstSeenAt).ThenBy(c => c.Title).ToListAsync();
        var bus = Assert.Single(cases, c => c.Title.Contains("校车", StringComparison.Ordinal));
        var field = Assert.Single(cases, c => c.Title.Contains("操场", StringComparison.Ordinal));
        Assert.False(bus.KeyArea);
        Assert.True(field.KeyArea);
        Assert.Equal(IncidentLevelCode.II, field.ProposedLevel);
        Assert.Contains("涉及重点领域", field.ProposedRule, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task GradingApi_PutGetDelete_RoundTripAndProblemDetails(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unit = await host.UnitIdAsync("第一中学");
        using var api = await ApiClient.ForUserAsync(host, "yz.office");
        var url = $"/api/v1/opinion/grading/{unit}";
        GradingBody Body(Guid? version, params string[] domains) => new(60, 61, 24, 20, ["招生"], ["伤亡"], domains, version);

        using var invalid = await api.PutAsJsonAsync(url, Body(null, "https://news.cn/"));
        using var put = await api.PutAsJsonAsync(url, Body(null, "news.cn"));
        using var get = await api.GetAsync(url);
        using var getJson = JsonDocument.Parse(await get.Content.ReadAsStringAsync());
        var version = getJson.RootElement.GetProperty("version").GetGuid();
        using var stale = await api.PutAsJsonAsync(url, Body(Guid.NewGuid(), "news.cn"));
        using var delete = await api.DeleteAsync($"{url}?version={version}");
        using var afterJson = JsonDocument.Parse(await (await api.GetAsync(url)).Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        using (var problem = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()))
        {
            Assert.Contains("不是域名", problem.RootElement.GetProperty("errors").GetProperty("mainstreamDomains")[0].GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("Own", getJson.RootElement.GetProperty("source").GetString());
        Assert.Equal("news.cn", getJson.RootElement.GetProperty("mainstreamDomains")[0].GetString());
        Assert.Equal(60, getJson.RootElement.GetProperty("generalUpTo").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal("Default", afterJson.RootElement.GetProperty("source").GetString());
        Assert.Equal(50, afterJson.RootElement.GetProperty("generalUpTo").GetInt32());
    }

    private static GradingInput Input(int generalUpTo, int largerFrom, string[]? keyArea = null, string[]? severe = null, string[]? domains = null)
    {
        var defaults = new GradingOptions();
        return new GradingInput(generalUpTo, largerFrom, defaults.DozensOfComments, defaults.FastSpreadItemsPerHour,
            keyArea ?? defaults.KeyAreaWords, severe ?? defaults.SevereWords, domains ?? defaults.MainstreamDomains);
    }

    /// <summary>第一中学's canteen complaint on two sites with ten comments each: one event, Ⅳ under the defaults.</summary>
    private static async Task ComplaintOnTwoSitesAsync(TestHost host)
    {
        var source = await SourceAsync(host);
        await SchemeAsync(host, "一中食品安全", "第一中学", events: "食堂");
        await host.Get<IngestPipeline>().IngestAsync(source,
        [
            Post(Complaint, id: "1", site: "weibo.com", comments: 10),
            Post(Complaint + "！！转发扩散", id: "2", site: "tieba.baidu.com", comments: 10),
        ]);
    }
}
