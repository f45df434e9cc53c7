using DutyDesk.Opinion.Domain;

namespace DutyDesk.Opinion.Tests;

public sealed class CaseClusteringTests
{
    private static readonly Guid SchemeA = Guid.NewGuid();
    private static readonly Guid SchemeB = Guid.NewGuid();
    private static readonly DateTime Now = new(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Window = TimeSpan.FromHours(72);

    private static HashSet<string> W(params string[] words) => words.ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Choose_SameSchemeOverlappingWords_JoinsBestOverlap()
    {
        var canteen = new OpenCase(Guid.NewGuid(), SchemeA, W("第一中学", "食堂"), Now.AddHours(-1));
        var fees = new OpenCase(Guid.NewGuid(), SchemeA, W("第一中学", "收费"), Now.AddHours(-1));

        var chosen = CaseClustering.Choose([fees, canteen], [SchemeA], W("第一中学", "食堂"), Now, Window, 0.5);

        Assert.Equal(canteen.Id, chosen);
    }

    [Fact]
    public void Choose_TieInOverlapAndTime_OlderIdWhateverTheOrder()
    {
        var older = new OpenCase(Guid.CreateVersion7(new DateTimeOffset(Now.AddHours(-5))), SchemeA, W("第一中学", "食堂"), Now.AddHours(-1));
        var newer = new OpenCase(Guid.CreateVersion7(new DateTimeOffset(Now.AddHours(-2))), SchemeA, W("第一中学", "食堂"), Now.AddHours(-1));

        Assert.Equal(older.Id, CaseClustering.Choose([older, newer], [SchemeA], W("第一中学", "食堂"), Now, Window, 0.5));
        Assert.Equal(older.Id, CaseClustering.Choose([newer, older], [SchemeA], W("第一中学", "食堂"), Now, Window, 0.5));
    }

    [Theory]
    [InlineData(73, false)]
    [InlineData(71, true)]
    public void Choose_OutsideWindow_NewEvent(int hoursAgo, bool joins)
    {
        var open = new OpenCase(Guid.NewGuid(), SchemeA, W("第一中学", "食堂"), Now.AddHours(-hoursAgo));

        var chosen = CaseClustering.Choose([open], [SchemeA], W("第一中学", "食堂"), Now, Window, 0.5);

        Assert.Equal(joins, chosen == open.Id);
    }

    [Fact]
    public void Choose_OtherScheme_NewEvent()
    {
        var open = new OpenCase(Guid.NewGuid(), SchemeB, W("第一中学", "食堂"), Now);

        Assert.Null(CaseClustering.Choose([open], [SchemeA], W("第一中学", "食堂"), Now, Window, 0.5));
    }

    [Fact]
    public void Choose_LowOverlap_NewEvent()
    {
        var open = new OpenCase(Guid.NewGuid(), SchemeA, W("第一中学", "食堂", "异物"), Now);

        Assert.Null(CaseClustering.Choose([open], [SchemeA], W("第一中学", "收费"), Now, Window, 0.5));
    }

    [Theory]
    [InlineData(new[] { "a", "b" }, new[] { "a", "b" }, 1.0)]
    [InlineData(new[] { "a", "b" }, new[] { "a" }, 0.5)]
    [InlineData(new[] { "a" }, new[] { "b" }, 0.0)]
    [InlineData(new string[0], new[] { "b" }, 0.0)]
    public void Overlap_Sets_Jaccard(string[] a, string[] b, double expected) => Assert.Equal(expected, CaseClustering.Overlap(W(a), W(b)), 6);
}
