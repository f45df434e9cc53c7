using DutyDesk.Opinion.Features.Items;
using DutyDesk.Opinion.Features.Response.Review;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DutyDesk.Opinion.Features.Ui;

/// <summary>What the opinion pages need beyond the module's handlers: the screenshot and review downloads they link to.</summary>
internal static class OpinionUi
{
    public static IServiceCollection AddOpinionUi(this IServiceCollection services) => services.AddTransient<ItemScreenshots>();

    public static IEndpointRouteBuilder MapOpinionUi(this IEndpointRouteBuilder app) => ItemScreenshots.MapItemScreenshot(app).MapReviewDownload();
}
