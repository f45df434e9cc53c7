using DutyDesk.Platform.Data;
using DutyDesk.Opinion;
using DutyDesk.Responsibility;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DutyDesk.Migrations.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the model for PostgreSQL without a server.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        // Every module whose entities live in the shared context; a missing one fails ModelTests.
        DatabaseSetup.Configure(builder, DatabaseProvider.Postgres, "Host=127.0.0.1;Database=dutydesk_design", [typeof(ResponsibilityModule).Assembly, typeof(OpinionModule).Assembly]);
        return new AppDbContext(builder.Options);
    }
}
