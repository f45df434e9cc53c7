namespace DutyDesk.Text.Benchmarks;

/// <summary>One benchmark, found by reflection; it prints its own figures and ratios.</summary>
internal interface ITextBenchmark
{
    string Name { get; }

    string Description { get; }

    /// <summary>Runs with the remaining arguments; <paramref name="dataDirectory"/> is ../shared/data. Returns the exit code.</summary>
    Task<int> RunAsync(string[] args, string dataDirectory);
}

/// <summary>Locates the shared, read-only test data (../shared/data from the repository root).</summary>
internal static class Corpus
{
    public static string FindDataDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DutyDesk.slnx")))
            {
                var data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                return Directory.Exists(data) ? data : throw new DirectoryNotFoundException($"The shared test data is missing: {data}");
            }
        }

        throw new DirectoryNotFoundException("DutyDesk.slnx not found above the benchmark binaries.");
    }
}
