using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DutyDesk.Platform.Data;

/// <summary>
/// The assemblies whose entity configurations join the one <see cref="AppDbContext"/>: the
/// Platform's own and each module's <c>Data/</c>. Carried in the context options, so the web host,
/// the migrations projects and tests build the same model from the same list.
/// </summary>
public sealed class ModuleModel : IDbContextOptionsExtension
{
    public ModuleModel(IEnumerable<Assembly> assemblies)
    {
        Assemblies = [.. assemblies.Distinct().OrderBy(a => a.FullName, StringComparer.Ordinal)];
        Info = new ExtensionInfo(this);
    }

    public IReadOnlyList<Assembly> Assemblies { get; }

    public DbContextOptionsExtensionInfo Info { get; }

    /// <summary>Part of the model cache key: two hosts with different modules never share a model.</summary>
    internal string Key => string.Join('|', Assemblies.Select(a => a.GetName().Name));

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(ModuleModel extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "Modules=" + ((ModuleModel)Extension).Key + " ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
            => debugInfo["DutyDesk:Modules"] = ((ModuleModel)Extension).Key;
    }
}

/// <summary>Keys the cached model by the module list as well as the context type.</summary>
internal sealed class ModuleModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime)
        => (context.GetType(), designTime, context.GetService<IDbContextOptions>().FindExtension<ModuleModel>()?.Key ?? "");
}

/// <summary>A module's entity configurations, registered by its <c>AddX()</c>.</summary>
public sealed record ModelAssembly(Assembly Assembly);

public static class ModuleModelRegistration
{
    /// <summary>Adds the entity configurations of <paramref name="assembly"/> to the shared AppDbContext.</summary>
    public static IServiceCollection AddModuleModel(this IServiceCollection services, Assembly assembly)
        => services.AddSingleton(new ModelAssembly(assembly));
}
