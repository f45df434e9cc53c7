using DutyDesk.Platform;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Shared;
using DutyDesk.Responsibility.Domain;
using DutyDesk.Responsibility.Features.Assessment;
using DutyDesk.Responsibility.Features.Calendar;
using DutyDesk.Responsibility.Features.Meetings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DutyDesk.Responsibility;

/// <summary>责任制: responsibility lists, letters, obligations and their calendar, meetings, assessment.</summary>
public static class ResponsibilityModule
{
    public static IServiceCollection AddResponsibility(this IServiceCollection services)
    {
        services.AddModuleModel(typeof(ResponsibilityModule).Assembly);
        services.AddSingleton(new ObligationCalendar(ObligationCatalog.Defaults));
        services.AddMeetings().AddAssessment();
        return services;
    }

    public static IEndpointRouteBuilder MapResponsibility(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/responsibility").RequireAuthorization(PlatformModule.ApiPolicy).WithTags("责任制");
        api.MapGet("/calendar/{year:int}", (int year, ObligationCalendar calendar) => ApiResults.From(calendar.ForYear(year)))
            .WithSummary("年度制度性要求日历（默认规则下的每次要求及到期时间）");
        api.MapMeetings(app).MapAssessment();
        return app;
    }
}
