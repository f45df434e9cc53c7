using System.Reflection;
using DutyDesk.Platform.Data;
using Xunit.Sdk;

namespace DutyDesk.Integration.Tests.Infrastructure;

/// <summary>Runs a theory once on SQLite and once on PostgreSQL.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BothProvidersAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod)
    {
        yield return [DatabaseProvider.Sqlite];
        yield return [DatabaseProvider.Postgres];
    }
}
