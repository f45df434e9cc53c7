using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Features.Calendar;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Tasks;
using DutyDesk.Responsibility.Domain;
using DutyDesk.Responsibility.Features.Lists;
using DutyDesk.Responsibility.Features.Meetings;
using DutyDesk.Responsibility.Features.Obligations;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests;

/// <summary>Holes found in the security review of the responsibility module, each proven here before it was closed.</summary>
public sealed class ResponsibilityReviewTests
{
    [Theory]
    [BothProviders]
    public async Task CreateObligation_TextThatGrowsWhenNormalised_ValidationNamingTheFieldAndNothingSaved(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var unit = await host.UnitIdAsync("第一中学");
        var office = await host.ActorAsync("yz.office");
        var manage = host.Get<ManageObligations>();
        // NFKC spells U+FDFA out as eighteen characters and ㍿ as four: within the limit as typed, far beyond it as stored.
        var longTitle = new string('\uFDFA', Obligation.TitleMaxLength);
        var longEvidence = new string('㍿', 100);

        var title = await manage.CreateAsync(office, new ObligationCommand(unit, longTitle, Frequency.Quarterly, 1, DayOfWeek.Monday, 5, false, "签到表", null, null));
        var evidence = await manage.CreateAsync(office, new ObligationCommand(unit, "舆情队伍培训", Frequency.Quarterly, 1, DayOfWeek.Monday, 5, false, longEvidence, null, null));

        Assert.Equal(("title", ErrorKind.Validation), (title.Error?.Field, title.Error?.Kind));
        Assert.Contains("“要求名称”", title.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(("evidence", ErrorKind.Validation), (evidence.Error?.Field, evidence.Error?.Kind));
        Assert.Contains("“佐证材料”", evidence.Error!.Message, StringComparison.Ordinal);
        await using var db = await host.DbAsync();
        Assert.False(await db.Set<Obligation>().AnyAsync());
    }
}
