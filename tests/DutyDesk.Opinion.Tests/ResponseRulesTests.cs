using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Identity;
using Microsoft.Extensions.Time.Testing;

namespace DutyDesk.Opinion.Tests;

/// <summary>PRODUCT.md 4.3 as tables: the clocks by level, their shortening, who escalates, the moves of the procedure.</summary>
public sealed class ResponseRulesTests
{
    private static readonly ResponseOptions Defaults = new();

    [Theory]
    [InlineData(IncidentLevelCode.I, 1.0, "ReportToGroup 30, ReportToSuperior 60, OfficialResponse 720, OuterLimit 1440")]
    [InlineData(IncidentLevelCode.II, 1.0, "ReportToGroup 30, ReportToSuperior 120, OfficialResponse 720, OuterLimit 1440")]
    [InlineData(IncidentLevelCode.III, 1.0, "ReportToGroup 30, OfficialResponse 720, OuterLimit 1440")]
    [InlineData(IncidentLevelCode.IV, 1.0, "ReportToGroup 30, OfficialResponse 720, OuterLimit 1440")]
    [InlineData(IncidentLevelCode.V, 1.0, "ReportToGroup 30")]
    [InlineData(IncidentLevelCode.I, 0.5, "ReportToGroup 15, ReportToSuperior 30, OfficialResponse 360, OuterLimit 720")]
    [InlineData(IncidentLevelCode.II, 0.25, "ReportToGroup 10, ReportToSuperior 30, OfficialResponse 180, OuterLimit 360")]
    [InlineData(IncidentLevelCode.III, 0.0, "ReportToGroup 30, OfficialResponse 720, OuterLimit 1440")]
    [InlineData(IncidentLevelCode.III, 1.5, "ReportToGroup 30, OfficialResponse 720, OuterLimit 1440")]
    public void For_LevelAndFactor_MinutesFromDiscovery(IncidentLevelCode level, double factor, string expected)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero));
        var discovered = clock.GetUtcNow().UtcDateTime;

        var planned = Deadline.For(level, discovered, Defaults, factor);

        Assert.Equal(expected, string.Join(", ", planned.Select(p => $"{p.Kind} {(p.DueAt - discovered).TotalMinutes:0}")));
        Assert.All(planned, p => Assert.Equal(p.DueAt - discovered, p.Allowed));
    }

    [Theory]
    [InlineData(30, 0.1, 10)]
    [InlineData(8, 0.5, 8)]
    [InlineData(60, 0.5, 30)]
    [InlineData(60, double.NaN, 60)]
    public void Shorten_NeverBelowShortestNorAboveGiven(int givenMinutes, double factor, int expectedMinutes)
        => Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), Deadline.Shorten(TimeSpan.FromMinutes(givenMinutes), factor, TimeSpan.FromMinutes(10)));

    [Fact]
    public void For_ConfiguredClocks_Used()
    {
        var options = new ResponseOptions();
        options.III.ReportToGroup = TimeSpan.FromMinutes(20);
        options.III.ReportToSuperior = TimeSpan.FromHours(4);
        options.III.OuterLimit = null;
        var at = new DateTime(2026, 11, 30, 1, 0, 0, DateTimeKind.Utc);

        var planned = Deadline.For(IncidentLevelCode.III, at, options);

        Assert.Equal([(DeadlineKind.ReportToGroup, 20.0), (DeadlineKind.ReportToSuperior, 240.0), (DeadlineKind.OfficialResponse, 720.0)],
            planned.Select(p => (p.Kind, (p.DueAt - at).TotalMinutes)).ToList());
    }

    [Theory]
    [InlineData(IncidentLevelCode.I, 2.0)]
    [InlineData(IncidentLevelCode.IV, 12.0)]
    public void NextProgressReport_EveryNHoursOfTheLevel(IncidentLevelCode level, double hours)
    {
        var at = new DateTime(2026, 11, 30, 1, 0, 0, DateTimeKind.Utc);
        Assert.Equal(at.AddHours(hours), Deadline.NextProgressReport(level, at, Defaults));
        Assert.Null(Deadline.NextProgressReport(IncidentLevelCode.V, at, Defaults));
    }

    [Theory]
    [InlineData(IncidentLevelCode.I, new[] { Role.FirstResponsible }, true)]
    [InlineData(IncidentLevelCode.II, new[] { Role.LeaderInCharge }, false)]
    [InlineData(IncidentLevelCode.III, new[] { Role.LeaderInCharge }, false)]
    [InlineData(IncidentLevelCode.IV, new[] { Role.LeadingGroupOffice }, false)]
    [InlineData(IncidentLevelCode.V, new[] { Role.LeadingGroupOffice }, false)]
    public void Escalation_ByLevel(IncidentLevelCode level, Role[] roles, bool superior)
    {
        var rule = Deadline.Escalation(level);
        Assert.Equal(roles, rule.InUnit);
        Assert.Equal(superior, rule.SuperiorUnit);
    }

    [Theory]
    [InlineData(CaseStep.Discovered, IncidentLevelCode.III, "Monitor, ReportFacts")]
    [InlineData(CaseStep.Monitoring, IncidentLevelCode.III, "ReportFacts")]
    [InlineData(CaseStep.Monitoring, IncidentLevelCode.V, "ReportFacts, Calm")]
    [InlineData(CaseStep.Reported, IncidentLevelCode.I, "Consult")]
    [InlineData(CaseStep.Reported, IncidentLevelCode.IV, "Consult, ApproveStatement, Calm")]
    [InlineData(CaseStep.Consulted, IncidentLevelCode.II, "ApproveStatement")]
    [InlineData(CaseStep.Statement, IncidentLevelCode.II, "Respond")]
    [InlineData(CaseStep.Responded, IncidentLevelCode.II, "Follow, Calm")]
    [InlineData(CaseStep.Following, IncidentLevelCode.III, "Calm")]
    [InlineData(CaseStep.AfterCare, IncidentLevelCode.III, "Review")]
    [InlineData(CaseStep.Review, IncidentLevelCode.III, "Close")]
    [InlineData(CaseStep.Closed, IncidentLevelCode.III, "")]
    public void Allowed_StepAndLevel_Moves(CaseStep step, IncidentLevelCode level, string expected)
        => Assert.Equal(expected, string.Join(", ", ResponseProcedure.Allowed(step, level)));

    [Theory]
    [InlineData(CaseStep.Discovered, CaseTrigger.ReportFacts, CaseStep.Reported)]
    [InlineData(CaseStep.Consulted, CaseTrigger.ApproveStatement, CaseStep.Statement)]
    [InlineData(CaseStep.Statement, CaseTrigger.Respond, CaseStep.Responded)]
    [InlineData(CaseStep.Following, CaseTrigger.Calm, CaseStep.AfterCare)]
    [InlineData(CaseStep.Review, CaseTrigger.Close, CaseStep.Closed)]
    public void Target_AllowedMove_NextStep(CaseStep from, CaseTrigger trigger, CaseStep to)
        => Assert.Equal(to, ResponseProcedure.Target(from, IncidentLevelCode.III, trigger));

    [Theory]
    [InlineData(CaseStep.Reported, CaseTrigger.ApproveStatement)]
    [InlineData(CaseStep.Monitoring, CaseTrigger.Calm)]
    [InlineData(CaseStep.Discovered, CaseTrigger.Close)]
    [InlineData(CaseStep.Closed, CaseTrigger.Monitor)]
    public void Target_SkippingForMajorCase_Refused(CaseStep from, CaseTrigger trigger)
        => Assert.Null(ResponseProcedure.Target(from, IncidentLevelCode.II, trigger));

    [Theory]
    [InlineData(CaseTrigger.ApproveStatement, Role.FirstResponsible, true)]
    [InlineData(CaseTrigger.ApproveStatement, Role.LeadingGroupOffice, false)]
    [InlineData(CaseTrigger.ReportFacts, Role.Monitor, true)]
    [InlineData(CaseTrigger.Consult, Role.Monitor, false)]
    [InlineData(CaseTrigger.Close, Role.LeaderInCharge, true)]
    [InlineData(CaseTrigger.Close, Role.LeadingGroupOffice, false)]
    public void Performers_ByTrigger(CaseTrigger trigger, Role role, bool may)
        => Assert.Equal(may, ResponseProcedure.Performers(trigger).Contains(role));

    [Theory]
    [InlineData(CaseActionKind.CorrectionRequest, "申请更正", null, "某论坛", "https://x.cn/1", 0, "facts")]
    [InlineData(CaseActionKind.CorrectionRequest, "申请更正", "检测无致病菌", "某论坛", null, 0, "contentUrl")]
    [InlineData(CaseActionKind.CorrectionRequest, "申请更正", "检测无致病菌", "某论坛", "ftp://x.cn/1", 0, "contentUrl")]
    [InlineData(CaseActionKind.CorrectionRequest, "申请更正", "检测无致病菌", null, "https://x.cn/1", 0, "target")]
    [InlineData(CaseActionKind.CorrectionRequest, "申请更正", "检测无致病菌", "某论坛", "https://x.cn/1", 0, null)]
    [InlineData(CaseActionKind.PoliceReport, "报案", "", "城关派出所", null, 0, "facts")]
    [InlineData(CaseActionKind.PoliceReport, "报案", "帖文捏造校长受贿", "城关派出所", null, 0, null)]
    [InlineData(CaseActionKind.ReportUp, "书面报告", null, "市教育局", null, 0, "files")]
    [InlineData(CaseActionKind.ReportUp, "书面报告", null, "市教育局", null, 1, null)]
    [InlineData(CaseActionKind.Investigation, " ", null, null, null, 0, "summary")]
    [InlineData(CaseActionKind.MediaInterview, "接受采访", null, null, null, 0, "target")]
    [InlineData((CaseActionKind)99, "x", null, null, null, 0, "kind")]
    public void Check_KindNeeds_FirstMissingField(CaseActionKind kind, string? summary, string? facts, string? target, string? url, int files, string? field)
        => Assert.Equal(field, CaseActionRules.Check(kind, summary, facts, target, url, files)?.Field);
}
