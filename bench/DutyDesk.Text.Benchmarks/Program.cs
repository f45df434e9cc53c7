using System.Reflection;
using DutyDesk.Text.Benchmarks;

// Benchmarks of the text algorithms on the shared corpora, each printing figures and ratios against a
// baseline measured in the same run. Usage:
//   dotnet run -c Release --project bench/DutyDesk.Text.Benchmarks -- <name> [options]
// Without a name it lists the benchmarks.
var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(ITextBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (ITextBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();
var chosen = args.Length > 0 ? benchmarks.FirstOrDefault(b => b.Name == args[0]) : null;
if (chosen is null)
{
    Console.WriteLine("benchmarks: " + (benchmarks.Count == 0 ? "(none)" : string.Join(", ", benchmarks.Select(b => $"{b.Name} — {b.Description}"))));
    return args.Length == 0 ? 0 : 1;
}

return await chosen.RunAsync(args[1..], Corpus.FindDataDirectory());
