using DutyDesk.Opinion.Domain;

namespace DutyDesk.Opinion.Tests;

public sealed class IncidentLevelTests
{
    private static readonly GradingOptions Defaults = new();

    private static CaseFigures Figures(
        int items = 1, long comments = 0, long reposts = 0, int sites = 1, bool mainstream = false, int negative = 1, double trend = 0,
        int lastHour = 0, bool keyArea = false, bool severe = false)
        => new(items, comments, reposts, 0, sites, mainstream, negative, trend, lastHour, keyArea, severe);

    public static TheoryData<string, CaseFigures, IncidentLevelCode> Cases => new()
    {
        { "severe emergency words", Figures(severe: true, mainstream: true), IncidentLevelCode.I },
        { "mainstream media reported", Figures(mainstream: true), IncidentLevelCode.II },
        { "key area spreading fast", Figures(items: 25, keyArea: true, lastHour: 20), IncidentLevelCode.II },
        { "key area, slow", Figures(items: 25, keyArea: true, lastHour: 19), IncidentLevelCode.IV },
        { "several sites, 100 together", Figures(items: 40, comments: 50, reposts: 10, sites: 2), IncidentLevelCode.III },
        { "one site, 100 together", Figures(items: 40, comments: 50, reposts: 10, sites: 1), IncidentLevelCode.IV },
        { "dozens of comments, negative rising", Figures(items: 5, comments: 24, sites: 3, trend: 0.2), IncidentLevelCode.III },
        { "dozens of comments, negative falling", Figures(items: 5, comments: 24, sites: 3, trend: -0.2), IncidentLevelCode.IV },
        { "a complaint with few onlookers", Figures(items: 3, comments: 10), IncidentLevelCode.IV },
        { "the gap 51-99 proposes 一般", Figures(items: 30, comments: 40, sites: 1), IncidentLevelCode.IV },
        { "nothing negative", Figures(items: 3, comments: 10, negative: 0), IncidentLevelCode.V },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Propose_DefaultThresholds_Level(string scenario, CaseFigures figures, IncidentLevelCode expected)
        => Assert.True(IncidentLevel.Propose(figures, Defaults).Level == expected, scenario);

    [Fact]
    public void Propose_GapVolume_RuleSaysItNeedsConfirmation()
    {
        var proposal = IncidentLevel.Propose(Figures(items: 30, comments: 40), Defaults);

        Assert.Contains("请人工确认", proposal.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Propose_AdministratorClosesGap_LargerFromLowered()
    {
        var options = new GradingOptions { GeneralUpTo = 60, LargerFrom = 61 };

        Assert.Equal(IncidentLevelCode.III, IncidentLevel.Propose(Figures(items: 30, comments: 31, sites: 2), options).Level);
        Assert.Equal(IncidentLevelCode.IV, IncidentLevel.Propose(Figures(items: 30, comments: 30, sites: 2), options).Level);
    }

    [Theory]
    [InlineData("people.com.cn", true)]
    [InlineData("edu.people.com.cn", true)]
    [InlineData("notpeople.com.cn", false)]
    [InlineData("weibo.com", false)]
    public void IsMainstream_SubDomains_Count(string site, bool expected) => Assert.Equal(expected, Defaults.IsMainstream(site));
}
