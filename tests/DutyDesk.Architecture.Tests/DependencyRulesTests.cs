using System.Reflection;
using System.Text.RegularExpressions;

namespace DutyDesk.Architecture.Tests;

/// <summary>The layering of DESIGN.md, checked on the compiled assemblies and the source tree.</summary>
public partial class DependencyRulesTests
{
    private static readonly string Root = FindRoot();

    private static IEnumerable<string> OurReferences(string assemblyName)
        => Assembly.Load(assemblyName).GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("DutyDesk.", StringComparison.Ordinal));

    [Theory]
    [InlineData("DutyDesk.Text")]
    [InlineData("DutyDesk.Documents")]
    public void PureLibraries_ReferenceNothingOfOurs(string assembly)
        => Assert.Empty(OurReferences(assembly));

    [Fact]
    public void Platform_ReferencesOnlyTextAndDocuments()
        => Assert.All(OurReferences("DutyDesk.Platform"), name => Assert.Contains(name, new[] { "DutyDesk.Text", "DutyDesk.Documents" }));

    [Theory]
    [InlineData("DutyDesk.Responsibility")]
    [InlineData("DutyDesk.Opinion")]
    public void Modules_ReferenceOnlyPlatformAndPureLibraries(string module)
        => Assert.All(OurReferences(module), name => Assert.Contains(name, new[] { "DutyDesk.Platform", "DutyDesk.Text", "DutyDesk.Documents" }));

    [Fact]
    public void Sources_DoNotUseBannedClockOrBlockingCalls()
    {
        var offenders = SourceFiles()
            .Where(f => BannedCall().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Root, f))
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void Components_DoNotHoldADbContext()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.razor*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => InjectedContext().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Root, f))
            .ToList();

        Assert.Empty(offenders);
    }

    private static IEnumerable<string> SourceFiles()
        => Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DutyDesk.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("DutyDesk.slnx not found above the test binaries");
    }

    [GeneratedRegex(@"DateTime(Offset)?\.(Now|UtcNow)\b|\.Wait\(\)|\bEnsure(Created)(Async)?\(")]
    private static partial Regex BannedCall();

    // A component may use IDbContextFactory in a short-lived block, but never inject the context itself.
    [GeneratedRegex(@"@inject\s+[\w.]*AppDbContext\b|\[Inject\][^;]*\bAppDbContext\b")]
    private static partial Regex InjectedContext();
}
