using DutyDesk.Responsibility;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DutyDesk.Documents;
using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Responsibility.Data;
using DutyDesk.Responsibility.Domain;
using DutyDesk.Responsibility.Features.Letters;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests;

/// <summary>目标管理责任书: versions, electronic signatures by password, tamper detection, Word export and scope.</summary>
public sealed class LettersTests
{
    private const int Year = 2026;

    [Theory]
    [BothProviders]
    public async Task Sign_IssuedVersionRightPassword_SignatureValidAndAudited(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var letterId = await CreateLetterAsync(host);
        await IssueAsync(host, letterId, 1);

        var signed = await SignAsync(host, "yz.secretary", letterId, 1);

        Assert.True(signed.IsSuccess, signed.Error?.Message);
        var letter = await GetAsync(host, "yz.office", letterId);
        var secretary = letter.Shown.Signatures.Single(s => s.Name == "刘志强");
        Assert.Equal((SignerStatus.Valid, "党组书记", "已签"), (secretary.Status, secretary.Post, secretary.StatusName));
        Assert.All(letter.Shown.Signatures.Where(s => s.Name != "刘志强"), s => Assert.Equal(SignerStatus.Pending, s.Status));
        var expected = SignatureCheck.Hash(LetterText.RenderFor(letter.Shown.Content, "党组书记", "刘志强"));
        Assert.Equal(expected, secretary.Sha256);
        Assert.Equal(signed.Value.Sha256, expected);
        await using var db = await host.DbAsync();
        var row = await db.Set<LetterSignature>().SingleAsync();
        Assert.Equal((await host.UserIdAsync("yz.secretary"), letter.Shown.Id, "党组书记", host.Clock.GetUtcNow().UtcDateTime.Ticks / 10 * 10),
            (row.SignerId, row.VersionId, row.Post, row.SignedAt.Ticks / 10 * 10));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == ResponsibilityAudit.LetterSign && a.Outcome == AuditOutcome.Success && a.ObjectId == letterId.ToString()));
    }

    [Theory]
    [BothProviders]
    public async Task Sign_WrongPassword_RefusedAuditedAsFailedSignatureAndCountsTowardsLockout(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var letterId = await CreateLetterAsync(host);
        await IssueAsync(host, letterId, 1);

        var refused = await SignAsync(host, "yz.secretary", letterId, 1, password: "Wrong-password-1");

        Assert.Equal(ErrorKind.Validation, refused.Error?.Kind);
        Assert.Equal(("password", "密码不正确"), (refused.Error!.Field, refused.Error.Message));
        await using var db = await host.DbAsync();
        Assert.False(await db.Set<LetterSignature>().AnyAsync());
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == ResponsibilityAudit.LetterSign);
        Assert.Equal(AuditOutcome.Failure, audit.Outcome);
        Assert.Contains("密码不正确", audit.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Wrong-password-1", audit.Detail, StringComparison.Ordinal);
        Assert.Equal(1, await db.Users.Where(u => u.UserName == "yz.secretary").Select(u => u.AccessFailedCount).SingleAsync());
    }

    [Theory]
    [BothProviders]
    public async Task Sign_WrongPasswordUntilLockout_RightPasswordThenRefusedToo(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var letterId = await CreateLetterAsync(host);
        await IssueAsync(host, letterId, 1);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            Assert.Equal("password", (await SignAsync(host, "yz.secretary", letterId, 1, password: "Wrong-password-1")).Error?.Field);
        }

        var refused = await SignAsync(host, "yz.secretary", letterId, 1);

        Assert.Equal("password", refused.Error?.Field);
        Assert.Contains("锁定", refused.Error!.Message, StringComparison.Ordinal);
        await using var db = await host.DbAsync();
        Assert.False(await db.Set<LetterSignature>().AnyAsync());
        Assert.Equal(6, await db.AuditEntries.CountAsync(a => a.Action == ResponsibilityAudit.LetterSign && a.Outcome == AuditOutcome.Failure));
    }

    [Theory]
    [BothProviders]
    public async Task Sign_PersonNotListed_ForbiddenAndAuditedAsDenied(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var letterId = await CreateLetterAsync(host);
        await IssueAsync(host, letterId, 1);

        // 吴刚 is of 第一中学 and reads the letter, but it is not issued to him.
        Assert.True((await host.Get<LetterQueries>().GetAsync(await host.ActorAsync("yz.reviewer"), letterId)).IsSuccess);
        var refused = await SignAsync(host, "yz.reviewer", letterId, 1);

        Assert.Equal(ErrorKind.Forbidden, refused.Error?.Kind);
        await using var db = await host.DbAsync();
        Assert.False(await db.Set<LetterSignature>().AnyAsync());
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.AccessDenied && a.ObjectId == letterId.ToString()));
    }

    [Theory]
    [BothProviders]
    public async Task Sign_Draft_Refused(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var letterId = await CreateLetterAsync(host);

        var refused = await SignAsync(host, "yz.secretary", letterId, 1);

        Assert.Equal(("number", ErrorKind.Validation), (refused.Error?.Field, refused.Error?.Kind));
        Assert.Contains("草稿", refused.Error!.Message, StringComparison.Ordinal);
        await using var db = await host.DbAsync();
        Assert.False(await db.Set<LetterSignature>().AnyAsync());
    }

    [Theory]
    [BothProviders]
    public async Task Sign_SecondTime_ConflictAndOneSignature(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var letterId = await CreateLetterAsync(host);
        await IssueAsync(host, letterId, 1);
        Assert.True((await SignAsync(host, "yz.leader", letterId, 1)).IsSuccess);

        var again = await SignAsync(host, "yz.leader", letterId, 1);

        Assert.Equal(ErrorKind.Conflict, again.Error?.Kind);
        await using var db = await host.DbAsync();
        Assert.Equal(1, await db.Set<LetterSignature>().CountAsync());
    }

    [Theory]
    [BothProviders]
    public async Task Sign_DepartmentHeadWhoCannotSeeTheSchool_ReadsAndSigns(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var letterId = await CreateLetterAsync(host);
        await IssueAsync(host, letterId, 1);
        var moral = await host.ActorAsync("yz.moral");
        Assert.False(moral.CanSee(await host.UnitIdAsync("第一中学")));

        Assert.Contains(await host.Get<LetterQueries>().ListAsync(moral, new LetterFilter()), l => l.Id == letterId);
        var signed = await SignAsync(host, "yz.moral", letterId, 1);

        Assert.True(signed.IsSuccess, signed.Error?.Message);
        var letter = await GetAsync(host, "yz.moral", letterId);
        Assert.Equal(SignerStatus.Valid, letter.MySignature);
        Assert.False(letter.CanManage);
    }

    [Theory]
    [BothProviders]
    public async Task EditDraft_IssuedVersion_RefusedAndTextUnchanged(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var letterId = await CreateLetterAsync(host);
        await IssueAsync(host, letterId, 1);
        var before = await GetAsync(host, "yz.office", letterId);

        var refused = await host.Get<EditLetterDraft>().HandleAsync(await host.ActorAsync("yz.office"),
            new EditLetterDraftCommand(letterId, 1, before.Shown.Content with { Responsibilities = "改过的责任" }, before.Shown.Version));

        Assert.Equal(("number", ErrorKind.Validation), (refused.Error?.Field, refused.Error?.Kind));
        Assert.Equal(before.Shown.Content, (await GetAsync(host, "yz.office", letterId)).Shown.Content);
    }

    [Theory]
    [BothProviders]
    public async Task SaveChanges_IssuedVersionTextChangedPastTheEntity_ThrowsAndNothingWritten(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var letterId = await CreateLetterAsync(host);
        await IssueAsync(host, letterId, 1);

        await using (var db = await host.Get<IDbContextFactory<AppDbContext>>().CreateGuardedAsync(CancellationToken.None))
        {
            var version = await db.Set<LetterVersion>().SingleAsync(v => v.LetterId == letterId);
            db.Entry(version).Property(v => v.Assessment).CurrentValue = "考核期另行通知。";

            var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("不可修改", thrown.Message, StringComparison.Ordinal);
        }

        await using var check = await host.DbAsync();
        Assert.Contains("1月1日", await check.Set<LetterVersion>().Where(v => v.LetterId == letterId).Select(v => v.Assessment).SingleAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task EditDraft_StaleVersion_ConflictAndFirstEditKept(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var letterId = await CreateLetterAsync(host);
        var read = await GetAsync(host, "yz.office", letterId);
        var edit = host.Get<EditLetterDraft>();
        var office = await host.ActorAsync("yz.office");
        Assert.True((await edit.HandleAsync(office, new EditLetterDraftCommand(letterId, 1, read.Shown.Content with { Closing = "第一次修改。" }, read.Shown.Version))).IsSuccess);

        var stale = await edit.HandleAsync(await host.ActorAsync("yz.secretary"),
            new EditLetterDraftCommand(letterId, 1, read.Shown.Content with { Closing = "第二次修改。" }, read.Shown.Version));

        Assert.Equal(ErrorKind.Conflict, stale.Error?.Kind);
        Assert.Equal("第一次修改。", (await GetAsync(host, "yz.office", letterId)).Shown.Content.Closing);
    }

    [Theory]
    [BothProviders]
    public async Task Issue_SignersChangedAfterTheIssuerLoadedTheDraft_ConflictAndStillDraft(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var letterId = await CreateLetterAsync(host);
        var seen = await GetAsync(host, "yz.office", letterId);
        var changed = await host.Get<ChangeLetterSigners>().HandleAsync(await host.ActorAsync("yz.secretary"),
            new ChangeLetterSignersCommand(letterId, [new SignerInput(await host.UserIdAsync("yz.leader"), "班子成员")], seen.Version));

        var issued = await host.Get<IssueLetterVersion>().HandleAsync(await host.ActorAsync("yz.office"), new IssueLetterVersionCommand(letterId, 1, seen.Shown.Version));

        Assert.True(changed.IsSuccess, changed.Error?.Message);
        Assert.Equal(ErrorKind.Conflict, issued.Error?.Kind);
        var after = await GetAsync(host, "yz.office", letterId);
        Assert.Null(after.CurrentNumber);
        Assert.Single(after.Signers);
    }

    [Theory]
    [BothProviders]
    public async Task Supersede_SignedVersion_NewDraftAndOldKeepsSignaturesUntilNewIssuedThenSuperseded(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var letterId = await CreateLetterAsync(host);
        await IssueAsync(host, letterId, 1);
        Assert.True((await SignAsync(host, "yz.secretary", letterId, 1)).IsSuccess);
        var office = await host.ActorAsync("yz.office");

        var revised = await host.Get<SupersedeLetter>().HandleAsync(office, new SupersedeLetterCommand(letterId, (await GetAsync(host, "yz.office", letterId)).Version));

        Assert.Equal(2, revised.Value);
        var during = await GetAsync(host, "yz.office", letterId);
        Assert.Equal(1, during.CurrentNumber);
        var draft = (await GetAsync(host, "yz.office", letterId, 2)).Shown;
        Assert.Equal((LetterVersionState.Draft, during.Shown.Content), (draft.State, draft.Content));
        Assert.True((await host.Get<EditLetterDraft>().HandleAsync(office,
            new EditLetterDraftCommand(letterId, 2, draft.Content with { Closing = "本责任书第二版自签署之日起生效。" }, draft.Version))).IsSuccess);

        await IssueAsync(host, letterId, 2);

        var old = (await GetAsync(host, "yz.office", letterId, 1)).Shown;
        Assert.Equal(LetterVersionState.Superseded, old.State);
        Assert.Equal("已被替代", old.StateName);
        Assert.Equal(SignerStatus.Valid, old.Signatures.Single(s => s.Name == "刘志强").Status);
        Assert.All(old.Signatures.Where(s => s.Name != "刘志强"), s => Assert.Equal(SignerStatus.NotSigned, s.Status));
        var now = await GetAsync(host, "yz.office", letterId);
        Assert.Equal((2, LetterVersionState.Issued), (now.CurrentNumber, now.Shown.State));
        Assert.All(now.Shown.Signatures, s => Assert.Equal(SignerStatus.Pending, s.Status));
        Assert.Equal(SignerStatus.Pending, (await GetAsync(host, "yz.secretary", letterId)).MySignature);
        Assert.Equal("number", (await SignAsync(host, "yz.leader", letterId, 1)).Error?.Field);
        Assert.True((await SignAsync(host, "yz.secretary", letterId, 2)).IsSuccess);
    }

    [Theory]
    [BothProviders]
    public async Task GetLetter_VersionTextChangedInDatabaseAfterSigning_SignatureBrokenOtherLetterStillValid(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var tampered = await CreateLetterAsync(host, title: "被改动的责任书");
        var untouched = await CreateLetterAsync(host, title: "未改动的责任书");
        foreach (var id in new[] { tampered, untouched })
        {
            await IssueAsync(host, id, 1);
            Assert.True((await SignAsync(host, "yz.secretary", id, 1)).IsSuccess);
            Assert.True((await SignAsync(host, "yz.leader", id, 1)).IsSuccess);
        }

        await using (var db = await host.DbAsync())
        {
            // One trailing space in part three, written past the application as a tamperer would.
            var changed = await db.Database.ExecuteSqlRawAsync("UPDATE letter_versions SET \"Assessment\" = \"Assessment\" || ' ' WHERE \"Title\" = {0}", "被改动的责任书");
            Assert.Equal(1, changed);
        }

        var broken = await GetAsync(host, "yz.office", tampered);
        Assert.All(broken.Shown.Signatures.Where(s => s.SignedAt is not null), s =>
        {
            Assert.Equal(SignerStatus.Broken, s.Status);
            Assert.Equal("签名无效", s.StatusName);
        });
        Assert.Equal(2, broken.Versions.Single().BrokenCount);
        var valid = await GetAsync(host, "yz.office", untouched);
        Assert.Equal(2, valid.Shown.Signatures.Count(s => s.Status == SignerStatus.Valid));
        var list = await host.Get<LetterQueries>().ListAsync(await host.ActorAsync("yz.office"), new LetterFilter(await host.UnitIdAsync("第一中学"), Year));
        Assert.Equal((0, 2), list.Where(l => l.Id == tampered).Select(l => (l.SignedCount, l.BrokenCount)).Single());
        Assert.Equal((2, 0), list.Where(l => l.Id == untouched).Select(l => (l.SignedCount, l.BrokenCount)).Single());
    }

    [Theory]
    [BothProviders]
    public async Task LetterPage_SignatureBrokenByTampering_RendersRedTagAndCookieDownloadWorks(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var letterId = await CreateLetterAsync(host);
        await IssueAsync(host, letterId, 1);
        Assert.True((await SignAsync(host, "yz.secretary", letterId, 1)).IsSuccess);
        await using (var db = await host.DbAsync())
        {
            await db.Set<LetterVersion>().Where(v => v.LetterId == letterId)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.Responsibilities, v => v.Responsibilities.Replace("每月", "每季")));
            await db.Users.Where(u => u.UserName == "yz.office").ExecuteUpdateAsync(s => s.SetProperty(u => u.MustChangePassword, false));
        }

        using var browser = host.CreateClient();
        using var signIn = await LoginForm.SubmitAsync(browser, "yz.office", host.Credentials.PasswordOf("yz.office"));
        using var page = await browser.GetAsync($"/responsibility/letters/{letterId}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await LoginForm.TextAsync(page);
        Assert.Contains("签名无效：签署后文本被改动", html, StringComparison.Ordinal);
        Assert.Contains("id=\"export-word\"", html, StringComparison.Ordinal);
        using var download = await browser.GetAsync($"/responsibility/letters/{letterId}/export.docx?number=1");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var lines = WordDocument.ReadText(await download.Content.ReadAsStreamAsync());
        Assert.Contains(lines, l => l.StartsWith("刘志强\t党组书记\t", StringComparison.Ordinal) && l.EndsWith("\t签名无效：签署后文本被改动", StringComparison.Ordinal));
    }

    [Theory]
    [BothProviders]
    public async Task GetLetter_SignaturePostChangedByExecuteUpdate_OnlyThatSignatureBroken(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var letterId = await CreateLetterAsync(host);
        await IssueAsync(host, letterId, 1);
        Assert.True((await SignAsync(host, "yz.secretary", letterId, 1)).IsSuccess);
        Assert.True((await SignAsync(host, "yz.leader", letterId, 1)).IsSuccess);
        var leader = await host.UserIdAsync("yz.leader");

        await using (var db = await host.DbAsync())
        {
            Assert.Equal(1, await db.Set<LetterSignature>().Where(s => s.SignerId == leader).ExecuteUpdateAsync(s => s.SetProperty(x => x.Post, "党组书记")));
        }

        var letter = await GetAsync(host, "yz.office", letterId);
        Assert.Equal(SignerStatus.Broken, letter.Shown.Signatures.Single(s => s.Name == "赵敏").Status);
        Assert.Equal(SignerStatus.Valid, letter.Shown.Signatures.Single(s => s.Name == "刘志强").Status);
    }

    [Theory]
    [BothProviders]
    public async Task Export_SignedLetter_WordDocumentWithPartsAndSignatureTableAndAudited(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var letterId = await CreateLetterAsync(host);
        await IssueAsync(host, letterId, 1);
        var signed = await SignAsync(host, "yz.secretary", letterId, 1);

        var file = await host.Get<ExportLetter>().HandleAsync(await host.ActorAsync("yz.office"), letterId);

        Assert.True(file.IsSuccess, file.Error?.Message);
        Assert.EndsWith("（第1版）.docx", file.Value.FileName, StringComparison.Ordinal);
        using var stream = new MemoryStream(file.Value.Content);
        var lines = WordDocument.ReadText(stream);
        var text = string.Join('\n', lines);
        Assert.Equal($"第一中学{Year}年度意识形态工作目标管理责任书", lines[0]);
        foreach (var expected in new[] { "一、具体责任", "二、责任追究", "三、考核评价", AccountabilityCatalog.DutyAreas[2], AccountabilityCatalog.Circumstances[12].Text, "一票否决", "签署情况" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.Contains(string.Join('\t', ExportLetter.SignatureHeaders), lines);
        var row = Assert.Single(lines, l => l.StartsWith("刘志强\t", StringComparison.Ordinal));
        var local = TimeZoneInfo.ConvertTimeFromUtc(signed.Value.SignedAt, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Assert.Equal($"刘志强\t党组书记\t{local:yyyy-MM-dd HH:mm}\t{signed.Value.Sha256[..16]}\t已签", row);
        Assert.Contains(lines, l => l.StartsWith("赵敏\t班子成员\t—\t—\t待签", StringComparison.Ordinal));
        await using var db = await host.DbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == ResponsibilityAudit.LetterExport && a.ObjectId == letterId.ToString()));
    }

    [Theory]
    [BothProviders]
    public async Task Create_SignerOfTheOtherSchool_ValidationAndNothingCreated(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);

        var refused = await host.Get<CreateLetter>().HandleAsync(await host.ActorAsync("yz.office"), new CreateLetterCommand(
            await host.UnitIdAsync("第一中学"), Year, null,
            [new SignerInput(await host.UserIdAsync("yz.secretary"), "党组书记"), new SignerInput(await host.UserIdAsync("xx.teach"), "部室负责人")]));

        Assert.Equal(("signers", ErrorKind.Validation), (refused.Error?.Field, refused.Error?.Kind));
        await using var db = await host.DbAsync();
        Assert.False(await db.Set<ResponsibilityLetter>().AnyAsync());
    }

    [Theory]
    [BothProviders]
    public async Task Create_NotAManager_Forbidden(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);

        var refused = await host.Get<CreateLetter>().HandleAsync(await host.ActorAsync("yz.reviewer"), new CreateLetterCommand(
            await host.UnitIdAsync("第一中学"), Year, null, [new SignerInput(await host.UserIdAsync("yz.secretary"), "党组书记")]));

        Assert.Equal(ErrorKind.Forbidden, refused.Error?.Kind);
    }

    [Theory]
    [BothProviders]
    public async Task Create_FromEditedTemplate_UsesTheUnitsWordingWithUnitAndYearFilled(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var office = await host.ActorAsync("yz.office");
        var unitId = await host.UnitIdAsync("第一中学");
        var templates = host.Get<LetterTemplates>();
        var template = (await templates.GetAsync(office, unitId)).Value;
        Assert.True(template.IsDefault);
        var updated = await templates.UpdateAsync(office, new UpdateLetterTemplateCommand(unitId,
            template.Content with { Closing = "{单位}{年度}年责任书，一式两份。\r\n第二行" }, template.Version));
        Assert.True(updated.IsSuccess, updated.Error?.Message);
        Assert.Equal(ErrorKind.Conflict, (await templates.UpdateAsync(office, new UpdateLetterTemplateCommand(unitId, template.Content, null))).Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await templates.UpdateAsync(await host.ActorAsync("yz.reviewer"), new UpdateLetterTemplateCommand(unitId, template.Content, updated.Value.Version))).Error?.Kind);

        var letterId = await CreateLetterAsync(host);

        Assert.Equal($"第一中学{Year}年责任书，一式两份。\n第二行", (await GetAsync(host, "yz.office", letterId)).Shown.Content.Closing);
    }

    [Theory]
    [BothProviders]
    public async Task GetLetter_UserOfTheOtherSchool_NotFoundInHandlerListAndApi(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var letterId = await CreateLetterAsync(host);
        await IssueAsync(host, letterId, 1);
        var other = await host.ActorAsync("xx.office");

        Assert.Equal(ErrorKind.NotFound, (await host.Get<LetterQueries>().GetAsync(other, letterId)).Error?.Kind);
        Assert.DoesNotContain(await host.Get<LetterQueries>().ListAsync(other, new LetterFilter()), l => l.Id == letterId);
        Assert.Equal(ErrorKind.NotFound, (await host.Get<ExportLetter>().HandleAsync(other, letterId)).Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, (await SignAsync(host, "xx.office", letterId, 1)).Error?.Kind);
        using var api = await ApiClient.ForUserAsync(host, "xx.office");
        using var get = await api.GetAsync($"/api/v1/responsibility/letters/{letterId}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        using var export = await api.GetAsync($"/api/v1/responsibility/letters/{letterId}/export.docx");
        Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);
        using var list = await api.GetAsync("/api/v1/responsibility/letters");
        Assert.DoesNotContain(letterId.ToString(), await list.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [BothProviders]
    public async Task Api_CreateIssueSignExport_WorksWithTokensAndPasswordInBody(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        using var office = await ApiClient.ForUserAsync(host, "yz.office");
        using var secretary = await ApiClient.ForUserAsync(host, "yz.secretary");
        var unitId = await host.UnitIdAsync("第一中学");
        using var candidates = await office.GetFromJsonAsync<JsonDocument>($"/api/v1/responsibility/letters/signer-candidates/{unitId}");
        Assert.Contains(candidates!.RootElement.EnumerateArray(), c => c.GetProperty("userName").GetString() == "yz.moral" && c.GetProperty("suggestedPost").GetString() == "部室负责人");
        Assert.DoesNotContain(candidates.RootElement.EnumerateArray(), c => c.GetProperty("userName").GetString()!.StartsWith("xx.", StringComparison.Ordinal));

        using var created = await office.PostAsJsonAsync("/api/v1/responsibility/letters",
            new { unitId, year = Year, signers = new[] { new { userId = await host.UserIdAsync("yz.secretary"), post = "党组书记" } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var letterId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var letter = await office.GetFromJsonAsync<JsonElement>($"/api/v1/responsibility/letters/{letterId}");
        Assert.Equal("Draft", letter.GetProperty("shown").GetProperty("state").GetString());
        using var issued = await office.PostAsJsonAsync($"/api/v1/responsibility/letters/{letterId}/versions/1/issue",
            new { version = letter.GetProperty("shown").GetProperty("version").GetGuid() });
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);

        using var wrong = await secretary.PostAsJsonAsync($"/api/v1/responsibility/letters/{letterId}/versions/1/sign", new { password = "Not-the-password-9" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("密码不正确", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var signed = await secretary.PostAsJsonAsync($"/api/v1/responsibility/letters/{letterId}/versions/1/sign", new { password = host.Credentials.PasswordOf("yz.secretary") });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        using var editIssued = await office.PutAsJsonAsync($"/api/v1/responsibility/letters/{letterId}/versions/1",
            new { content = LetterTemplate.Default, version = letter.GetProperty("shown").GetProperty("version").GetGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, editIssued.StatusCode);

        using var export = await secretary.GetAsync($"/api/v1/responsibility/letters/{letterId}/export.docx");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(LetterFile.ContentType, export.Content.Headers.ContentType?.MediaType);
        var lines = WordDocument.ReadText(await export.Content.ReadAsStreamAsync());
        Assert.Contains(lines, l => l.StartsWith("刘志强\t党组书记\t", StringComparison.Ordinal) && l.EndsWith("\t已签", StringComparison.Ordinal));
    }

    private static async Task<Guid> CreateLetterAsync(TestHost host, string creator = "yz.office", string? title = null)
    {
        var created = await host.Get<CreateLetter>().HandleAsync(await host.ActorAsync(creator), new CreateLetterCommand(
            await host.UnitIdAsync("第一中学"), Year, title,
            [
                new SignerInput(await host.UserIdAsync("yz.secretary"), "党组书记"),
                new SignerInput(await host.UserIdAsync("yz.leader"), "班子成员"),
                new SignerInput(await host.UserIdAsync("yz.moral"), "部室负责人"),
            ]));
        Assert.True(created.IsSuccess, created.Error?.Message);
        return created.Value;
    }

    private static async Task IssueAsync(TestHost host, Guid letterId, int number)
    {
        var draft = (await GetAsync(host, "yz.office", letterId, number)).Shown;
        var issued = await host.Get<IssueLetterVersion>().HandleAsync(await host.ActorAsync("yz.office"), new IssueLetterVersionCommand(letterId, number, draft.Version));
        Assert.True(issued.IsSuccess, issued.Error?.Message);
    }

    private static async Task<Result<SignatureReceipt>> SignAsync(TestHost host, string userName, Guid letterId, int number, string? password = null)
        => await host.Get<SignLetter>().HandleAsync(await host.ActorAsync(userName), new SignLetterCommand(letterId, number, password ?? host.Credentials.PasswordOf(userName)));

    private static async Task<LetterDetailDto> GetAsync(TestHost host, string userName, Guid letterId, int? number = null)
    {
        var letter = await host.Get<LetterQueries>().GetAsync(await host.ActorAsync(userName), letterId, number);
        Assert.True(letter.IsSuccess, letter.Error?.Message);
        return letter.Value;
    }
}
