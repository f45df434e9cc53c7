using DutyDesk.Opinion.Features.Cases;
using DutyDesk.Opinion.Features.Duty;
using DutyDesk.Opinion.Features.Grading;
using DutyDesk.Opinion.Features.Items;
using DutyDesk.Opinion.Features.Response;
using DutyDesk.Opinion.Features.Periods;
using DutyDesk.Opinion.Features.Schemes;
using DutyDesk.Opinion.Features.Sentiment;
using DutyDesk.Opinion.Features.Search;
using DutyDesk.Opinion.Features.Sources;
using DutyDesk.Opinion.Features.Ui;
using DutyDesk.Opinion.Ingest;
using DutyDesk.Platform;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DutyDesk.Opinion;

/// <summary>舆情 monitoring: schemes, sources, the ingest pipeline, items and events with their proposed level.</summary>
public static class OpinionModule
{
    public static IServiceCollection AddOpinion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleModel(typeof(OpinionModule).Assembly);
        AuditActions.Register(OpinionAudit.Names);
        services.Configure<OpinionOptions>(configuration.GetSection(OpinionOptions.Section));
        services.AddSingleton<CompiledSchemes>();
        services.AddSingleton<DuplicateMemory>();
        services.AddTransient<IngestPipeline>();
        services.AddTransient<ManageSchemes>();
        services.AddTransient<ManageSources>();
        services.AddTransient<ReportItem>();
        services.AddTransient<ItemQueries>();
        services.AddTransient<CaseQueries>();
        services.AddSingleton<UnitSentiment>();
        services.AddTransient<RetrainSentiment>();
        services.AddGrading();
        services.AddResponse();
        services.AddDuty();
        services.AddPeriods();
        services.AddIntake(configuration);
        services.AddOpinionUi();
        services.AddSearch(configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapOpinion(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/opinion").RequireAuthorization(PlatformModule.ApiPolicy).WithTags("舆情");
        api.MapSchemes().MapSources().MapItems().MapSentimentModel();
        api.MapIntake();
        api.MapGrading();
        api.MapResponse();
        api.MapDuty().MapPeriods();
        app.MapOpinionUi();
        app.MapResponseFiles();
        return app;
    }
}
