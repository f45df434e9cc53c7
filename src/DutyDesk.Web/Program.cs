using DutyDesk.Platform;
using DutyDesk.Platform.Data;
using DutyDesk.Web;
using DutyDesk.Web.Cli;
using DutyDesk.Web.Components;

if (CommandLine.IsVerb(args))
{
    return await CommandLine.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddDutyDeskWeb(builder.Configuration);

var app = builder.Build();
await app.Services.GetRequiredService<Seeder>().MigrateAndSeedAsync();
app.UseDutyDeskWeb();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
