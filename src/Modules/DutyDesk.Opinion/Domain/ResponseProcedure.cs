using DutyDesk.Platform.Identity;
using Stateless;

namespace DutyDesk.Opinion.Domain;

/// <summary>The moves of the procedure; each is one timeline entry.</summary>
public enum CaseTrigger
{
    /// <summary>监测: watching starts (and goes on through the whole case).</summary>
    Monitor,

    /// <summary>快报: the facts are reported to the leading group.</summary>
    ReportFacts,

    /// <summary>会商: a response meeting decided the measures.</summary>
    Consult,

    /// <summary>通稿: the leading group approved a statement.</summary>
    ApproveStatement,

    /// <summary>回复: the first response was published through the unit's own channels.</summary>
    Respond,

    /// <summary>跟踪: reactions are watched and questions answered.</summary>
    Follow,

    /// <summary>平息: the case has calmed; after-care monitoring begins.</summary>
    Calm,

    /// <summary>总结评估 begins.</summary>
    Review,

    /// <summary>结案: the review is done.</summary>
    Close,
}

/// <summary>
/// PRODUCT.md 4.3 as a state machine (Stateless): which move is allowed from which step, for which levels, and who
/// may make it. Facts may be reported straight from discovery; Ⅳ/Ⅴ cases may go to the statement without a
/// consultation and may calm without a public response ("the office handles it"); Ⅰ–Ⅲ go the whole way.
/// </summary>
internal static class ResponseProcedure
{
    private static readonly Role[] LeadingGroup = [Role.FirstResponsible, Role.LeaderInCharge];
    private static readonly Role[] Handlers = [Role.FirstResponsible, Role.LeaderInCharge, Role.LeadingGroupOffice];
    private static readonly Role[] Watchers = [.. Handlers, Role.Monitor];

    /// <summary>Who may make each move, by role in the case's unit.</summary>
    public static IReadOnlyList<Role> Performers(CaseTrigger trigger) => trigger switch
    {
        CaseTrigger.Monitor or CaseTrigger.ReportFacts or CaseTrigger.Follow => Watchers,
        CaseTrigger.ApproveStatement or CaseTrigger.Review or CaseTrigger.Close => LeadingGroup,
        _ => Handlers,
    };

    /// <summary>Who may open a case, confirm or change its level, and record actions.</summary>
    public static IReadOnlyList<Role> CaseWorkers => Watchers;

    /// <summary>Who may confirm or change a level.</summary>
    public static IReadOnlyList<Role> LevelSetters => Handlers;

    public static StateMachine<CaseStep, CaseTrigger> For(Func<CaseStep> read, Action<CaseStep> write, IncidentLevelCode level)
    {
        var minor = level >= IncidentLevelCode.IV;
        var machine = new StateMachine<CaseStep, CaseTrigger>(read, write);
        machine.Configure(CaseStep.Discovered)
            .Permit(CaseTrigger.Monitor, CaseStep.Monitoring)
            .Permit(CaseTrigger.ReportFacts, CaseStep.Reported);
        machine.Configure(CaseStep.Monitoring)
            .Permit(CaseTrigger.ReportFacts, CaseStep.Reported)
            .PermitIf(CaseTrigger.Calm, CaseStep.AfterCare, () => minor, "Ⅳ、Ⅴ级事件可不公开回应");
        machine.Configure(CaseStep.Reported)
            .Permit(CaseTrigger.Consult, CaseStep.Consulted)
            .PermitIf(CaseTrigger.ApproveStatement, CaseStep.Statement, () => minor, "Ⅳ、Ⅴ级事件可不会商")
            .PermitIf(CaseTrigger.Calm, CaseStep.AfterCare, () => minor, "Ⅳ、Ⅴ级事件可不公开回应");
        machine.Configure(CaseStep.Consulted)
            .Permit(CaseTrigger.ApproveStatement, CaseStep.Statement)
            .PermitIf(CaseTrigger.Calm, CaseStep.AfterCare, () => minor, "Ⅳ、Ⅴ级事件可不公开回应");
        machine.Configure(CaseStep.Statement)
            .Permit(CaseTrigger.Respond, CaseStep.Responded);
        machine.Configure(CaseStep.Responded)
            .Permit(CaseTrigger.Follow, CaseStep.Following)
            .Permit(CaseTrigger.Calm, CaseStep.AfterCare);
        machine.Configure(CaseStep.Following)
            .Permit(CaseTrigger.Calm, CaseStep.AfterCare);
        machine.Configure(CaseStep.AfterCare)
            .Permit(CaseTrigger.Review, CaseStep.Review);
        machine.Configure(CaseStep.Review)
            .Permit(CaseTrigger.Close, CaseStep.Closed);
        return machine;
    }

    /// <summary>The moves allowed from <paramref name="step"/> for a case of <paramref name="level"/>, in procedure order.</summary>
    public static IReadOnlyList<CaseTrigger> Allowed(CaseStep step, IncidentLevelCode level)
    {
        var current = step;
        var machine = For(() => current, s => current = s, level);
        return [.. Enum.GetValues<CaseTrigger>().Where(t => machine.CanFire(t))];
    }

    /// <summary>The step a move leads to, or null when the procedure does not allow it from here.</summary>
    public static CaseStep? Target(CaseStep step, IncidentLevelCode level, CaseTrigger trigger)
    {
        var current = step;
        var machine = For(() => current, s => current = s, level);
        if (!machine.CanFire(trigger))
        {
            return null;
        }

        machine.Fire(trigger);
        return current;
    }

    public static string Name(CaseStep step) => step switch
    {
        CaseStep.Discovered => "发现",
        CaseStep.Monitoring => "监测",
        CaseStep.Reported => "快报",
        CaseStep.Consulted => "会商",
        CaseStep.Statement => "通稿",
        CaseStep.Responded => "回复",
        CaseStep.Following => "跟踪",
        CaseStep.AfterCare => "善后",
        CaseStep.Review => "总结评估",
        _ => "已结案",
    };

    public static string Name(CaseTrigger trigger) => trigger switch
    {
        CaseTrigger.Monitor => "开始监测",
        CaseTrigger.ReportFacts => "报送快报",
        CaseTrigger.Consult => "会商研判",
        CaseTrigger.ApproveStatement => "审定通稿",
        CaseTrigger.Respond => "发布回应",
        CaseTrigger.Follow => "转入跟踪",
        CaseTrigger.Calm => "确认平息",
        CaseTrigger.Review => "开始总结评估",
        _ => "结案",
    };

    public static string Name(CaseOrigin origin) => origin switch
    {
        CaseOrigin.Monitoring => "监测发现",
        CaseOrigin.Report => "信息员报送",
        CaseOrigin.Superior => "上级交办",
        _ => "其他途径",
    };

    public static string PerformersText(CaseTrigger trigger) => string.Join("、", Performers(trigger).Select(r => r.ToChinese()));
}
