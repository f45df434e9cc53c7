using DutyDesk.Responsibility.Domain;

namespace DutyDesk.Responsibility.Tests;

public class ItemStatusRuleTests
{
    private static readonly DateTime Now = new(2026, 6, 30, 9, 30, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(ItemProgress.NotStarted, false, 1, ItemStatus.NotStarted)]
    [InlineData(ItemProgress.InProgress, false, 1, ItemStatus.InProgress)]
    [InlineData(ItemProgress.NotStarted, false, 0, ItemStatus.Overdue)]
    [InlineData(ItemProgress.InProgress, false, -1, ItemStatus.Overdue)]
    [InlineData(ItemProgress.Done, false, -1, ItemStatus.Done)]
    [InlineData(ItemProgress.InProgress, true, -1, ItemStatus.Done)]
    [InlineData(ItemProgress.NotStarted, false, null, ItemStatus.NotStarted)]
    [InlineData(ItemProgress.InProgress, false, null, ItemStatus.InProgress)]
    public void Of_ProgressTaskAndDueTime_Status(ItemProgress progress, bool taskDone, int? dueInMinutes, ItemStatus expected)
        => Assert.Equal(expected, ItemStatusRule.Of(progress, taskDone, dueInMinutes is { } m ? Now.AddMinutes(m) : null, Now));
}
