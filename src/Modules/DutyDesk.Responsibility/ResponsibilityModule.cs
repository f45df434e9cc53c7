using DutyDesk.Platform;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Shared;
using DutyDesk.Responsibility.Domain;
using DutyDesk.Responsibility.Features.Assessment;
using DutyDesk.Responsibility.Features.Calendar;
using DutyDesk.Responsibility.Features.Obligations;
using DutyDesk.Responsibility.Jobs;
using DutyDesk.Responsibility.Features.Lists;
using DutyDesk.Responsibility.Features.Letters;
using DutyDesk.Responsibility.Features.Meetings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DutyDesk.Responsibility;

/// <summary>责任制: responsibility lists, letters, obligations and their calendar, meetings, assessment.</summary>
public static class ResponsibilityModule
{
    public static IServiceCollection AddResponsibility(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleModel(typeof(ResponsibilityModule).Assembly);
        AuditActions.Register(ResponsibilityAudit.Names);
        services.Configure<ResponsibilityOptions>(configuration.GetSection(ResponsibilityOptions.Section));
        services.AddSingleton(new ObligationCalendar(ObligationCatalog.Defaults));
        services.AddTransient<ObligationPlanner>();
        services.AddTransient<ManageObligations>();
        services.AddTransient<UnitCalendar>();
        services.AddPeriodicJob<ObligationPlanner>(configuration, (work, ct) => work.RunOnceAsync(ct),
            sp => TimeSpan.FromMinutes(Math.Max(1, sp.GetRequiredService<IOptions<ResponsibilityOptions>>().Value.PlanIntervalMinutes)));
        services.AddLists();
        services.AddLetters();
        services.AddMeetings().AddAssessment();
        return services;
    }

    public static IEndpointRouteBuilder MapResponsibility(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/responsibility").RequireAuthorization(PlatformModule.ApiPolicy).WithTags("责任制");
        api.MapGet("/calendar/{year:int}", (int year, ObligationCalendar calendar) => ApiResults.From(calendar.ForYear(year)))
            .WithSummary("年度制度性要求日历（默认规则下的每次要求及到期时间）");
        api.MapObligations();
        app.MapLists(api);
        app.MapLetters(api);
        api.MapMeetings(app).MapAssessment();
        return app;
    }
}
