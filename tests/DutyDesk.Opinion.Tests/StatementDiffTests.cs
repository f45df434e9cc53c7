using DutyDesk.Opinion.Domain;

namespace DutyDesk.Opinion.Tests;

public sealed class StatementDiffTests
{
    [Theory]
    [InlineData("学校已封存留样。", "学校已封存留样。", "=学校已封存留样。")]
    [InlineData("", "新稿", "+新稿")]
    [InlineData("旧稿", "", "-旧稿")]
    [InlineData("午餐中发现异物", "晚餐中发现异物", "-午|+晚|=餐中发现异物")]
    [InlineData("学校已封存留样。", "学校已封存全部留样。", "=学校已封存|+全部|=留样。")]
    [InlineData("学校已封存全部留样，正在调查。", "学校已封存留样。", "=学校已封存|-全部|=留样|-，正在调查|=。")]
    [InlineData("甲乙丙丁", "丁丙乙甲", "-甲乙丙|=丁|+丙乙甲")]
    public void Between_ChineseTexts_CharacterSpans(string older, string newer, string expected)
    {
        var spans = StatementDiff.Between(older, newer);

        Assert.Equal(expected, string.Join("|", spans.Select(s => (s.Kind switch { DiffKind.Same => "=", DiffKind.Deleted => "-", _ => "+" }) + s.Text)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void Between_RandomEdits_SpansRebuildBothTextsAndNeverRepeatAKind(int seed)
    {
        var random = new Random(seed);
        const string alphabet = "学校食堂异物调查通报。，";
        var older = new string(Enumerable.Range(0, 300).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
        var chars = older.ToList();
        for (var i = 0; i < 20; i++)
        {
            var at = random.Next(chars.Count);
            if (random.Next(2) == 0)
            {
                chars.RemoveAt(at);
            }
            else
            {
                chars.Insert(at, alphabet[random.Next(alphabet.Length)]);
            }
        }

        var newer = new string([.. chars]);
        var spans = StatementDiff.Between(older, newer);

        Assert.Equal(older, StatementDiff.Older(spans));
        Assert.Equal(newer, StatementDiff.Newer(spans));
        Assert.All(spans.Zip(spans.Skip(1)), pair => Assert.NotEqual(pair.First.Kind, pair.Second.Kind));
        Assert.True(spans.Where(s => s.Kind != DiffKind.Same).Sum(s => s.Text.Length) <= 20);
    }

    [Fact]
    public void Between_RewriteBeyondTheCellLimit_ShownAsReplaced()
    {
        var older = new string('甲', 2_500) + "中";
        var newer = "中" + new string('乙', 2_500);

        var spans = StatementDiff.Between(older, newer);

        Assert.Equal([DiffKind.Deleted, DiffKind.Inserted], spans.Select(s => s.Kind).ToList());
        Assert.Equal((older, newer), (StatementDiff.Older(spans), StatementDiff.Newer(spans)));
    }
}
