using DutyDesk.Responsibility.Domain;

namespace DutyDesk.Responsibility.Tests;

public class LetterVersionTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 2, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Manager = Guid.NewGuid();
    private static readonly LetterContent Text = new("标题", "抬头", "甲", "乙", "丙", "结尾");

    [Fact]
    public void ReviseDraft_Draft_ChangesText()
    {
        var version = LetterVersion.FirstDraft(Guid.NewGuid(), Text, Now, Manager);

        version.ReviseDraft(Text with { Responsibilities = "甲二" }, Now, Manager);

        Assert.Equal("甲二", version.Responsibilities);
    }

    [Fact]
    public void ReviseDraft_Issued_ThrowsAndTextUnchanged()
    {
        var version = LetterVersion.FirstDraft(Guid.NewGuid(), Text, Now, Manager);
        version.Issue(Now, Manager);

        Assert.Throws<InvalidOperationException>(() => version.ReviseDraft(Text with { Responsibilities = "改" }, Now, Manager));
        Assert.Equal(Text, version.Content);
    }

    [Fact]
    public void NextDraft_Issued_CopiesTextAsNextNumberDraft()
    {
        var first = LetterVersion.FirstDraft(Guid.NewGuid(), Text, Now, Manager);
        first.Issue(Now, Manager);

        var second = first.NextDraft(Now, Manager);

        Assert.Equal((2, LetterVersionState.Draft, first.LetterId, Text), (second.Number, second.State, second.LetterId, second.Content));
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(LetterVersionState.Issued, first.State);
    }

    [Fact]
    public void StateChanges_OnlyForward()
    {
        var version = LetterVersion.FirstDraft(Guid.NewGuid(), Text, Now, Manager);
        Assert.Throws<InvalidOperationException>(() => version.MarkSuperseded(Now));
        Assert.Throws<InvalidOperationException>(() => version.NextDraft(Now, Manager));

        version.Issue(Now, Manager);
        Assert.Throws<InvalidOperationException>(() => version.Issue(Now, Manager));

        version.MarkSuperseded(Now);
        Assert.Equal(LetterVersionState.Superseded, version.State);
        Assert.Throws<InvalidOperationException>(() => version.ReviseDraft(Text, Now, Manager));
        Assert.Throws<InvalidOperationException>(() => version.Issue(Now, Manager));
    }
}
