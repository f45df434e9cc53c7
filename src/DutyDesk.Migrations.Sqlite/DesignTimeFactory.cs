using DutyDesk.Platform.Data;
using DutyDesk.Opinion;
using DutyDesk.Responsibility;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DutyDesk.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the model for SQLite without the web host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        // Every module whose entities live in the shared context; a missing one fails ModelTests.
        DatabaseSetup.Configure(builder, DatabaseProvider.Sqlite, "Data Source=design-time.db", [typeof(ResponsibilityModule).Assembly, typeof(OpinionModule).Assembly]);
        return new AppDbContext(builder.Options);
    }
}
