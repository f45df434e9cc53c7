using System.Globalization;
using System.Text;

namespace DutyDesk.Text.Tests.Sentiment;

/// <summary>ChnSentiCorp from ../shared/data (relative to the folder holding DutyDesk.slnx); fails if it is missing.</summary>
internal static class SentimentTestData
{
    public static string DataDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DutyDesk.slnx")))
            {
                var data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                Assert.True(Directory.Exists(data), $"The shared test data is missing: expected it at {data}.");
                return data;
            }
        }

        Assert.Fail("DutyDesk.slnx not found above the test binaries, so ../shared/data cannot be located.");
        return "";
    }

    public static List<(string Text, bool Positive)> Read(string fileName)
    {
        var path = Path.Combine(DataDirectory(), "sentiment", fileName);
        Assert.True(File.Exists(path), $"The sentiment corpus is missing: {path}.");
        return File.ReadLines(path, Encoding.UTF8).Skip(1)
            .Select(line => line.Split('\t', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => (parts[1], int.Parse(parts[0], CultureInfo.InvariantCulture) == 1))
            .ToList();
    }
}
