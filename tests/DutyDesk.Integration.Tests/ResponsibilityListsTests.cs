using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DutyDesk.Documents;
using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using DutyDesk.Platform.Tasks;
using DutyDesk.Responsibility.Domain;
using DutyDesk.Responsibility.Features.Lists;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests;

/// <summary>责任清单: created from the template, from last year or from Excel; rows carry DueTasks; exports read back.</summary>
public sealed class ResponsibilityListsTests
{
    private static readonly string[] ImportHeaders = ["序号", "责任内容", "工作措施", "完成时限", "责任人", "备注"];

    [Theory]
    [BothProviders]
    public async Task FromTemplate_NextYear_EveryDatedRowHasAnOpenTaskDueAt1730Shanghai(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var year = NextYear(host);
        var office = await host.UserIdAsync("yz.office");

        var created = await host.Get<CreateList>().FromTemplateAsync(await host.ActorAsync("yz.office"), new CreateListCommand(await host.UnitIdAsync("第一中学"), year));

        Assert.True(created.IsSuccess, created.Error?.Message);
        await using var db = await host.DbAsync();
        var items = await db.Set<ResponsibilityListItem>().Where(i => i.ListId == created.Value.ListId).ToListAsync();
        Assert.Equal(ListTemplate.Rows.Count, items.Count);
        var dated = items.Where(i => i.Deadline is not null).ToList();
        Assert.Equal(dated.Count, created.Value.Tasks);
        Assert.Equal(0, created.Value.PastDeadlines);
        var tasks = await db.DueTasks.Where(t => t.SourceModule == TaskSources.Module && t.SourceType == TaskSources.ListItem).ToDictionaryAsync(t => t.Id);
        Assert.Equal(dated.Count, tasks.Count);
        Assert.All(dated, item =>
        {
            var task = tasks[item.TaskId!.Value];
            var date = item.Deadline!.Value;
            Assert.Equal(new DateTime(date.Year, date.Month, date.Day, 9, 30, 0, DateTimeKind.Utc), task.DueAt);
            Assert.Equal((DueTaskState.Open, office, item.Id.ToString(), true, "10080,1440"), (task.State, task.OwnerId, task.SourceId, task.EvidenceRequired, task.ReminderOffsets));
        });
        Assert.All(items.Where(i => i.Deadline is null), i => Assert.Null(i.TaskId));
        Assert.Contains(items, i => i.Deadline == new DateOnly(year, 12, 25) && i.DeadlineNote == "每月25日前");
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "responsibility-list.create" && a.ObjectId == created.Value.ListId.ToString()));
    }

    [Theory]
    [BothProviders]
    public async Task FromTemplate_MidYear_PastDeadlinesGetNoTaskAndSaySo(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var year = NextYear(host);
        host.Clock.SetUtcNow(new DateTimeOffset(year, 7, 1, 2, 0, 0, TimeSpan.Zero)); // 10:00 in Shanghai
        var actor = await host.ActorAsync("yz.office");

        var created = await host.Get<CreateList>().FromTemplateAsync(actor, new CreateListCommand(await host.UnitIdAsync("第一中学"), year));

        Assert.True(created.IsSuccess, created.Error?.Message);
        var list = (await host.Get<ListQueries>().GetAsync(actor, created.Value.ListId)).Value;
        var past = list.Items.Where(i => i.Deadline < new DateOnly(year, 7, 1)).ToList();
        var ahead = list.Items.Where(i => i.Deadline >= new DateOnly(year, 7, 1)).ToList();
        Assert.NotEmpty(past);
        Assert.NotEmpty(ahead);
        Assert.Equal((past.Count, ahead.Count), (created.Value.PastDeadlines, created.Value.Tasks));
        Assert.All(past, i => Assert.Equal((null, ListQueries.NoTaskPastDeadline, ItemStatus.Overdue, "逾期"), (i.TaskId, i.TaskNote, i.Status, i.StatusName)));
        Assert.All(ahead, i => Assert.Equal((DueTaskState.Open, (string?)null, ItemStatus.NotStarted), (i.TaskState, i.TaskNote, i.Status)));
    }

    [Theory]
    [BothProviders]
    public async Task FromTemplate_SameUnitAndYearTwice_ConflictAndOneList(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var command = new CreateListCommand(await host.UnitIdAsync("第一中学"), NextYear(host));
        var handler = host.Get<CreateList>();
        Assert.True((await handler.FromTemplateAsync(await host.ActorAsync("yz.office"), command)).IsSuccess);

        var again = await handler.FromTemplateAsync(await host.ActorAsync("yz.secretary"), command);

        Assert.Equal(ErrorKind.Conflict, again.Error?.Kind);
        await using var db = await host.DbAsync();
        Assert.Equal(1, await db.Set<ResponsibilityList>().CountAsync());
    }

    [Theory]
    [BothProviders]
    public async Task FromLastYear_DatesMovedStatusResetNotesAndEvidenceLeftBehind(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var year = NextYear(host);
        var unit = await host.UnitIdAsync("第一中学");
        var actor = await host.ActorAsync("yz.office");
        var first = (await host.Get<CreateList>().FromTemplateAsync(actor, new CreateListCommand(unit, year))).Value;
        var done = (await host.Get<ListQueries>().GetAsync(actor, first.ListId)).Value.Items[0];
        Assert.True((await host.Get<WorkOnItem>().AddNoteAsync(actor, new AddNoteCommand(first.ListId, done.Id, "已召开会议"))).IsSuccess);
        await UploadAsync(host, actor, first.ListId, done.Id);
        Assert.True((await host.Get<WorkOnItem>().CompleteAsync(actor, new CompleteItemCommand(first.ListId, done.Id, "完成", await ItemVersionAsync(host, done.Id)))).IsSuccess);

        var copied = await host.Get<CreateList>().FromLastYearAsync(actor, new CreateListCommand(unit, year + 1));

        Assert.True(copied.IsSuccess, copied.Error?.Message);
        var before = (await host.Get<ListQueries>().GetAsync(actor, first.ListId)).Value.Items;
        var after = (await host.Get<ListQueries>().GetAsync(actor, copied.Value.ListId)).Value.Items;
        Assert.Equal(before.Select(i => (i.Order, i.Duty, i.Measures, i.DeadlineNote, i.OwnerId, i.Deadline?.AddYears(1))),
            after.Select(i => (i.Order, i.Duty, i.Measures, i.DeadlineNote, i.OwnerId, i.Deadline)));
        Assert.Equal(ItemStatus.Done, before[0].Status);
        Assert.All(after, i => Assert.Equal((ItemStatus.NotStarted, 0, 0), (i.Status, i.Notes.Count, i.Files.Count)));
        Assert.All(after.Where(i => i.Deadline is not null), i => Assert.Equal(DueTaskState.Open, i.TaskState));
        Assert.NotEqual(before[0].TaskId, after[0].TaskId);
        Assert.Equal(ListOrigin.LastYear, (await host.Get<ListQueries>().GetAsync(actor, copied.Value.ListId)).Value.Origin);
    }

    [Theory]
    [BothProviders]
    public async Task FromLastYear_NoListLastYear_ValidationAndNothingCreated(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);

        var copied = await host.Get<CreateList>().FromLastYearAsync(await host.ActorAsync("yz.office"), new CreateListCommand(await host.UnitIdAsync("第一中学"), NextYear(host)));

        Assert.Equal(ErrorKind.Validation, copied.Error?.Kind);
        Assert.Contains("没有责任清单", copied.Error!.Message, StringComparison.Ordinal);
        await AssertNoListAsync(host);
    }

    [Theory]
    [BothProviders]
    public async Task Import_ValidFileWithTitleRowDateCellsAndTextDates_RowsAndTasks(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var year = NextYear(host);
        var actor = await host.ActorAsync("yz.office");
        var dateCell = new DateTime(year, 6, 30).ToOADate();
        var file = Workbook(
            [("第一中学年度意识形态工作责任清单", null)],
            [.. ImportHeaders.Select(h => ((string?)h, (double?)null))],
            [(null, 1), ("每月开展风险排查", null), ("形成排查报告", null), (null, dateCell), ("孙磊", null), ("备注一", null)],
            [(null, 2), ("专题研究意识形态工作", null), (null, null), ($"{year}/9/30", null), ("yz.moral", null), (null, null)],
            [(null, 3), ("班子成员作形势政策报告", null), ("每人一次", null), ($"{year}年11月30日", null), ("周婷", null), (null, null)],
            [(null, 4), ("开展经常性思想政治教育", null), (null, null), ("全年", null), (null, null), (null, null)]);

        var imported = await ImportAsync(host, actor, "第一中学", year, file);

        Assert.True(imported.IsSuccess, imported.Error?.Message);
        Assert.True(imported.Value.Imported, string.Join("\n", imported.Value.Problems.Select(p => p.Text)));
        Assert.Equal((4, 3, 0), (imported.Value.Created!.Rows, imported.Value.Created.Tasks, imported.Value.Created.PastDeadlines));
        var list = (await host.Get<ListQueries>().GetAsync(actor, imported.Value.Created.ListId)).Value;
        Assert.Equal(ListOrigin.Import, list.Origin);
        Assert.Equal(
            [
                (1, "每月开展风险排查", (DateOnly?)new DateOnly(year, 6, 30), (string?)null, (string?)"孙磊", (string?)"备注一"),
                (2, "专题研究意识形态工作", new DateOnly(year, 9, 30), null, "周婷", null),
                (3, "班子成员作形势政策报告", new DateOnly(year, 11, 30), null, "周婷", null),
                (4, "开展经常性思想政治教育", null, "全年", null, null),
            ],
            list.Items.Select(i => (i.Order, i.Duty, i.Deadline, i.DeadlineNote, i.OwnerName, i.Remarks)));
        Assert.All(list.Items.Take(3), i => Assert.Equal(DueTaskState.Open, i.TaskState));
        await using var db = await host.DbAsync();
        var moral = await host.UserIdAsync("yz.moral");
        Assert.Equal(2, await db.DueTasks.CountAsync(t => t.OwnerId == moral && t.SourceType == TaskSources.ListItem));
    }

    [Theory]
    [BothProviders]
    public async Task Import_InvalidRows_EveryProblemListedAndNothingImported(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var year = NextYear(host);
        var file = ExcelTable.Write("Sheet1", ImportHeaders,
        [
            ["1", "", "措施", $"{year}-06-30", "孙磊", ""],
            ["2", "风险排查", "措施", $"{year}-06-30", "张三", ""],
            ["3", "督查通报", "措施", $"{year}-02-30", "孙磊", ""],
            ["4", "学习计划", "措施", $"{year}-03-31", "冯涛", ""],
            ["5", "专题会议", "措施", $"{year}-06-30", "", ""],
            ["6", "形势政策报告", "措施", $"{year}-11-30", "孙磊", ""],
        ]);

        var imported = await ImportAsync(host, await host.ActorAsync("yz.office"), "第一中学", year, file);

        Assert.True(imported.IsSuccess, imported.Error?.Message);
        Assert.False(imported.Value.Imported);
        Assert.Equal(
            [
                "第 2 行“责任内容”：不能为空。",
                "第 3 行“责任人”：找不到用户“张三”。",
                $"第 4 行“完成时限”：“{year}-02-30”不是有效的日期。",
                "第 5 行“责任人”：找不到用户“冯涛”。",
                "第 6 行“责任人”：有完成时限的事项须指定责任人。",
            ],
            imported.Value.Problems.Select(p => p.Text));
        await AssertNoListAsync(host);
    }

    public static TheoryData<DatabaseProvider, string> BrokenFiles()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var kind in new[] { "random", "docx", "empty", "no-header", "header-only", "too-many-rows", "too-large" })
            {
                data.Add(provider, kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task Import_BrokenFile_ClearErrorAndNothingImported(DatabaseProvider provider, string kind)
    {
        await using var host = await TestHost.StartAsync(provider);
        var year = NextYear(host);
        var (bytes, expected) = kind switch
        {
            "random" => (Enumerable.Range(0, 4096).Select(i => (byte)(i * 131 % 251)).ToArray(), "不是 Excel"),
            "docx" => (new WordDocument().Title("责任清单").Table(ImportHeaders, [["1", "内容", "", "", "", ""]]).ToBytes(), "不是 Excel 工作簿"),
            "empty" => ([], "空"),
            "no-header" => (ExcelTable.Write("台账", ["序号", "阵地", "自查情况"], [["1", "宣传栏", "无情况"]]), "找不到表头行"),
            "header-only" => (ExcelTable.Write("Sheet1", ImportHeaders, []), "没有数据行"),
            "too-many-rows" => (ExcelTable.Write("Sheet1", ImportHeaders, Enumerable.Range(1, ImportList.MaxRows + 1)
                .Select(i => (IReadOnlyList<string?>)[i.ToString(CultureInfo.InvariantCulture), "内容", "", "全年", "", ""])), "超过 2000 行"),
            _ => (new byte[ImportList.MaxBytes + 1], "大小上限"),
        };

        var imported = await ImportAsync(host, await host.ActorAsync("yz.office"), "第一中学", year, bytes);

        Assert.Equal(ErrorKind.Validation, imported.Error?.Kind);
        Assert.Equal("file", imported.Error!.Field);
        Assert.Contains(expected, imported.Error.Message, StringComparison.Ordinal);
        await AssertNoListAsync(host);
    }

    [Theory]
    [BothProviders]
    public async Task Export_WordAndExcel_ContainEveryRowAndAreAudited(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var year = NextYear(host);
        var actor = await host.ActorAsync("yz.office");
        var created = (await host.Get<CreateList>().FromTemplateAsync(actor, new CreateListCommand(await host.UnitIdAsync("第一中学"), year))).Value;
        var items = (await host.Get<ListQueries>().GetAsync(actor, created.ListId)).Value.Items;
        var export = host.Get<ExportList>();

        var word = (await export.HandleAsync(actor, created.ListId, ExportFormat.Word)).Value;
        var excel = (await export.HandleAsync(actor, created.ListId, ExportFormat.Excel)).Value;

        var title = $"第一中学 {year}年度意识形态工作责任清单";
        Assert.Equal((title + ".docx", title + ".xlsx"), (word.FileName, excel.FileName));
        var lines = WordDocument.ReadText(new MemoryStream(word.Content));
        Assert.Equal(title, lines[0]);
        Assert.Equal("序号\t责任内容\t工作措施\t完成时限\t责任人\t备注\t状态", lines[1]);
        Assert.Equal(items.Select(i => $"{i.Order}\t{i.Duty}\t{i.Measures}\t{i.DeadlineText}\t{i.OwnerName}\t\t未开始"), lines.Skip(2).Take(items.Count));
        var sheet = ExcelTable.Read(new MemoryStream(excel.Content), ["责任内容"], 100, 1024 * 1024).Sheet!;
        Assert.Equal(["序号", "责任内容", "工作措施", "完成时限", "责任人", "备注", "状态"], sheet.Headers);
        Assert.Equal(items.Select(i => (i.Order.ToString(CultureInfo.InvariantCulture), i.Duty, i.DeadlineText, "孙磊", "未开始")),
            sheet.Rows.Select(r => (r["序号"], r["责任内容"], r["完成时限"], r["责任人"], r["状态"])));
        await using var db = await host.DbAsync();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "responsibility-list.export" && a.ObjectId == created.ListId.ToString()));
    }

    [Theory]
    [BothProviders]
    public async Task Export_ExcelOfAList_ImportsAgainAsTheSameRows(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var year = NextYear(host);
        var actor = await host.ActorAsync("yz.office");
        var created = (await host.Get<CreateList>().FromTemplateAsync(actor, new CreateListCommand(await host.UnitIdAsync("第一中学"), year))).Value;
        var first = (await host.Get<ListQueries>().GetAsync(actor, created.ListId)).Value.Items[0];
        var input = new ItemInput(first.Order, first.Duty, "=HYPERLINK(\"http://x\")", first.Deadline, "-先行", await host.UserIdAsync("yz.moral"), "+备注");
        Assert.True((await host.Get<ManageItems>().UpdateAsync(actor, new UpdateItemCommand(created.ListId, first.Id, input, first.Version))).IsSuccess);
        var excel = (await host.Get<ExportList>().HandleAsync(actor, created.ListId, ExportFormat.Excel)).Value;

        var imported = await ImportAsync(host, actor, "一中德育处", year, excel.Content);

        Assert.True(imported.IsSuccess, imported.Error?.Message);
        Assert.True(imported.Value.Imported, string.Join("\n", imported.Value.Problems.Select(p => p.Text)));
        var original = (await host.Get<ListQueries>().GetAsync(actor, created.ListId)).Value.Items;
        var copy = (await host.Get<ListQueries>().GetAsync(actor, imported.Value.Created!.ListId)).Value.Items;
        Assert.Equal(
            original.Select(i => (i.Order, i.Duty, i.Measures, i.Deadline, i.DeadlineNote, i.OwnerId, i.Remarks)),
            copy.Select(i => (i.Order, i.Duty, i.Measures, i.Deadline, i.DeadlineNote, i.OwnerId, i.Remarks)));
        Assert.Equal(("=HYPERLINK(\"http://x\")", "-先行", "+备注"), (copy[0].Measures, copy[0].DeadlineNote, copy[0].Remarks));
    }

    [Theory]
    [BothProviders]
    public async Task UpdateItem_StaleVersion_ConflictAndRowUnchanged(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (actor, listId, item) = await TemplateListAsync(host);
        var manage = host.Get<ManageItems>();
        Assert.True((await manage.UpdateAsync(actor, new UpdateItemCommand(listId, item.Id, Input(item) with { Remarks = "第一次修改" }, item.Version))).IsSuccess);

        var stale = await manage.UpdateAsync(actor, new UpdateItemCommand(listId, item.Id, Input(item) with { Remarks = "基于旧数据的修改" }, item.Version));
        var staleDelete = await manage.DeleteAsync(actor, new DeleteItemCommand(listId, item.Id, item.Version));

        Assert.Equal(ErrorKind.Conflict, stale.Error?.Kind);
        Assert.Equal(ErrorKind.Conflict, staleDelete.Error?.Kind);
        Assert.Equal("第一次修改", (await host.Get<ListQueries>().GetAsync(actor, listId)).Value.Items[0].Remarks);
    }

    [Theory]
    [BothProviders]
    public async Task UpdateItem_NewDeadlineAndOwner_TaskRescheduledAndReassigned(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (actor, listId, item) = await TemplateListAsync(host);
        var year = item.Deadline!.Value.Year;
        var moral = await host.UserIdAsync("yz.moral");

        var updated = await host.Get<ManageItems>().UpdateAsync(actor, new UpdateItemCommand(listId, item.Id,
            Input(item) with { Deadline = new DateOnly(year, 8, 15), OwnerId = moral }, item.Version));

        Assert.True(updated.IsSuccess, updated.Error?.Message);
        await using var db = await host.DbAsync();
        var task = await db.DueTasks.SingleAsync(t => t.Id == item.TaskId);
        Assert.Equal((new DateTime(year, 8, 15, 9, 30, 0, DateTimeKind.Utc), moral, DueTaskState.Open), (task.DueAt, task.OwnerId, task.State));
        Assert.Equal(new DateTime(year, 8, 8, 9, 30, 0, DateTimeKind.Utc), task.NextReminderAt);
        var audit = await db.AuditEntries.OrderBy(a => a.Sequence).LastAsync(a => a.Action == "responsibility-list.item-update");
        Assert.Contains("待办已改期", audit.Detail, StringComparison.Ordinal);
        Assert.Contains("待办已转交", audit.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [BothProviders]
    public async Task UpdateItem_DeadlineRemovedOrRowDeleted_TaskCancelled(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (actor, listId, first) = await TemplateListAsync(host);
        var second = (await host.Get<ListQueries>().GetAsync(actor, listId)).Value.Items[1];
        var manage = host.Get<ManageItems>();

        Assert.True((await manage.UpdateAsync(actor, new UpdateItemCommand(listId, first.Id, Input(first) with { Deadline = null, DeadlineNote = "全年" }, first.Version))).IsSuccess);
        Assert.True((await manage.DeleteAsync(actor, new DeleteItemCommand(listId, second.Id, second.Version))).IsSuccess);

        await using var db = await host.DbAsync();
        Assert.Equal(DueTaskState.Cancelled, await db.DueTasks.Where(t => t.Id == first.TaskId).Select(t => t.State).SingleAsync());
        Assert.Equal(DueTaskState.Cancelled, await db.DueTasks.Where(t => t.Id == second.TaskId).Select(t => t.State).SingleAsync());
        Assert.Null(await db.Set<ResponsibilityListItem>().Where(i => i.Id == first.Id).Select(i => i.TaskId).SingleAsync());
        Assert.False(await db.Set<ResponsibilityListItem>().AnyAsync(i => i.Id == second.Id));
    }

    [Theory]
    [BothProviders]
    public async Task UpdateItem_DeadlineOfARowWithATaskMovedIntoThePast_Refused(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (actor, listId, item) = await TemplateListAsync(host);
        var today = DateOnly.FromDateTime(host.Get<DisplayClock>().ToLocal(host.Clock.GetUtcNow().UtcDateTime));

        var moved = await host.Get<ManageItems>().UpdateAsync(actor, new UpdateItemCommand(listId, item.Id, Input(item) with { Deadline = today.AddDays(-1) }, item.Version));

        Assert.Equal(ErrorKind.Validation, moved.Error?.Kind);
        Assert.Equal("deadline", moved.Error!.Field);
    }

    [Theory]
    [BothProviders]
    public async Task AddItem_WithDeadlineButNoOwner_ValidationAndNothingAdded(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (actor, listId, item) = await TemplateListAsync(host);

        var added = await host.Get<ManageItems>().AddAsync(actor, listId, new ItemInput(null, "新增事项", null, item.Deadline, null, null, null));
        var ok = await host.Get<ManageItems>().AddAsync(actor, listId, new ItemInput(null, "新增事项", null, item.Deadline, null, actor.UserId, null));

        Assert.Equal(("ownerId", ErrorKind.Validation), (added.Error?.Field, added.Error?.Kind));
        Assert.True(ok.IsSuccess, ok.Error?.Message);
        var list = (await host.Get<ListQueries>().GetAsync(actor, listId)).Value;
        Assert.Equal(ListTemplate.Rows.Count + 1, list.Items.Count);
        Assert.Equal((ListTemplate.Rows.Count + 1, DueTaskState.Open), (list.Items[^1].Order, list.Items[^1].TaskState));
    }

    [Theory]
    [BothProviders]
    public async Task CompleteItem_ByItsOwnerWithEvidence_RowAndTaskDone(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (office, listId, item) = await TemplateListAsync(host);
        Assert.True((await host.Get<ManageItems>().UpdateAsync(office, new UpdateItemCommand(listId, item.Id, Input(item) with { OwnerId = await host.UserIdAsync("yz.moral") }, item.Version))).IsSuccess);
        var owner = await host.ActorAsync("yz.moral");
        var work = host.Get<WorkOnItem>();
        Assert.False(owner.CanSee(await host.UnitIdAsync("第一中学")));
        Assert.Equal(listId, Assert.Single(await host.Get<ListQueries>().SummariesAsync(owner, null, null)).Id);

        var withoutEvidence = await work.CompleteAsync(owner, new CompleteItemCommand(listId, item.Id, null, await ItemVersionAsync(host, item.Id)));
        var noted = await work.AddNoteAsync(owner, new AddNoteCommand(listId, item.Id, "已制定初稿"));
        Assert.True(noted.IsSuccess, noted.Error?.Message);
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        var fileId = await UploadAsync(host, owner, listId, item.Id);
        var edit = await host.Get<ManageItems>().UpdateAsync(owner, new UpdateItemCommand(listId, item.Id, Input(item), await ItemVersionAsync(host, item.Id)));
        var completed = await work.CompleteAsync(owner, new CompleteItemCommand(listId, item.Id, "已印发", await ItemVersionAsync(host, item.Id)));

        Assert.Equal(("evidence", ErrorKind.Validation), (withoutEvidence.Error?.Field, withoutEvidence.Error?.Kind));
        Assert.Equal(ErrorKind.Forbidden, edit.Error?.Kind);
        Assert.True(completed.IsSuccess, completed.Error?.Message);
        var row = (await host.Get<ListQueries>().GetAsync(office, listId)).Value.Items[0];
        Assert.Equal((ItemStatus.Done, "已完成", DueTaskState.Done), (row.Status, row.StatusName, row.TaskState));
        Assert.Equal(["已制定初稿", "办结：已印发"], row.Notes.Select(n => n.Text));
        Assert.Equal("周婷", row.Notes[0].AuthorName);
        Assert.Equal(fileId, Assert.Single(row.Files).FileId);
        await using var db = await host.DbAsync();
        Assert.True(await db.TaskEvidence.AnyAsync(e => e.TaskId == item.TaskId && e.FileId == fileId));
    }

    [Theory]
    [BothProviders]
    public async Task TaskCompletedOnTheTaskPage_RowReadsDone(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (actor, listId, item) = await TemplateListAsync(host);
        await UploadAsync(host, actor, listId, item.Id);
        await using (var db = await host.DbAsync())
        {
            var version = await db.DueTasks.Where(t => t.Id == item.TaskId).Select(t => t.Version).SingleAsync();
            var done = await host.Get<Platform.Features.Tasks.ManageTasks>().CompleteAsync(actor, new Platform.Features.Tasks.CompleteTaskCommand(item.TaskId!.Value, null, version));
            Assert.True(done.IsSuccess, done.Error?.Message);
        }

        var row = (await host.Get<ListQueries>().GetAsync(actor, listId)).Value.Items[0];

        Assert.Equal(ItemStatus.Done, row.Status);
    }

    [Theory]
    [BothProviders]
    public async Task OtherSchool_CannotReadOrChangeTheList(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (_, listId, item) = await TemplateListAsync(host);
        var stranger = await host.ActorAsync("xx.office");

        var read = await host.Get<ListQueries>().GetAsync(stranger, listId);
        var found = await host.Get<ListQueries>().FindAsync(stranger, await host.UnitIdAsync("第一中学"), item.Deadline!.Value.Year);
        var update = await host.Get<ManageItems>().UpdateAsync(stranger, new UpdateItemCommand(listId, item.Id, Input(item) with { Duty = "改掉" }, item.Version));
        var delete = await host.Get<ManageItems>().DeleteAsync(stranger, new DeleteItemCommand(listId, item.Id, item.Version));
        var add = await host.Get<ManageItems>().AddAsync(stranger, listId, Input(item));
        var note = await host.Get<WorkOnItem>().AddNoteAsync(stranger, new AddNoteCommand(listId, item.Id, "越权"));
        var export = await host.Get<ExportList>().HandleAsync(stranger, listId, ExportFormat.Excel);
        var create = await host.Get<CreateList>().FromTemplateAsync(stranger, new CreateListCommand(await host.UnitIdAsync("第一中学"), item.Deadline.Value.Year + 1));
        var summaries = await host.Get<ListQueries>().SummariesAsync(stranger, null, null);

        Assert.All(new[] { read.Error, found.Error, update.Error, delete.Error, add.Error, note.Error, export.Error, create.Error }, e => Assert.Equal(ErrorKind.NotFound, e?.Kind));
        Assert.Empty(summaries);
        var list = (await host.Get<ListQueries>().GetAsync(await host.ActorAsync("yz.office"), listId)).Value;
        Assert.Equal((ListTemplate.Rows.Count, item.Duty, 0), (list.Items.Count, list.Items[0].Duty, list.Items[0].Notes.Count));
    }

    [Theory]
    [BothProviders]
    public async Task ReaderInScope_ReadsButCannotEdit(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (_, listId, item) = await TemplateListAsync(host);
        var reviewer = await host.ActorAsync("yz.reviewer");

        var read = await host.Get<ListQueries>().GetAsync(reviewer, listId);
        var update = await host.Get<ManageItems>().UpdateAsync(reviewer, new UpdateItemCommand(listId, item.Id, Input(item) with { Duty = "改掉" }, item.Version));

        Assert.True(read.IsSuccess);
        Assert.False(read.Value.CanEdit);
        Assert.Equal(ErrorKind.Forbidden, update.Error?.Kind);
        await using var db = await host.DbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.AccessDenied && a.Detail == "修改责任清单事项"));
    }

    [Theory]
    [BothProviders]
    public async Task Api_OtherSchoolsList_404AndOwnSchoolWorks(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var (_, listId, item) = await TemplateListAsync(host);
        using var stranger = await ApiClient.ForUserAsync(host, "xx.office");
        using var office = await ApiClient.ForUserAsync(host, "yz.office");

        using var read = await stranger.GetAsync($"/api/v1/responsibility/lists/{listId}");
        using var export = await stranger.GetAsync($"/api/v1/responsibility/lists/{listId}/export.docx");
        using var update = await stranger.PutAsJsonAsync($"/api/v1/responsibility/lists/{listId}/items/{item.Id}", new { item = Input(item) with { Duty = "改掉" }, version = item.Version });
        using var create = await stranger.PostAsJsonAsync("/api/v1/responsibility/lists/from-template", new { unitId = await host.UnitIdAsync("第一中学"), year = item.Deadline!.Value.Year + 1 });
        using var own = await office.GetAsync($"/api/v1/responsibility/lists/{listId}");
        using var ownExport = await office.GetAsync($"/api/v1/responsibility/lists/{listId}/export.docx");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound],
            new[] { read.StatusCode, export.StatusCode, update.StatusCode, create.StatusCode });
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(item.Duty, (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0].GetProperty("duty").GetString());
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ownExport.Content.Headers.ContentType?.MediaType);
        Assert.Equal(item.Duty, (await host.Get<ListQueries>().GetAsync(await host.ActorAsync("yz.office"), listId)).Value.Items[0].Duty);
    }

    [Theory]
    [BothProviders]
    public async Task ApiImport_InvalidRows_400ListingEveryRowAndNothingImported(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var year = NextYear(host);
        using var api = await ApiClient.ForUserAsync(host, "yz.office");
        var file = ExcelTable.Write("Sheet1", ImportHeaders, [["1", "", "", $"{year}-06-30", "孙磊", ""], ["2", "内容", "", $"{year}-06-30", "张三", ""]]);
        using var form = new MultipartFormDataContent
        {
            { new StringContent((await host.UnitIdAsync("第一中学")).ToString()), "unitId" },
            { new StringContent(year.ToString(CultureInfo.InvariantCulture)), "year" },
            { new ByteArrayContent(file), "file", "清单.xlsx" },
        };

        using var response = await api.PostAsync("/api/v1/responsibility/lists/import", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var rows = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows");
        Assert.Equal(["第 2 行“责任内容”：不能为空。", "第 3 行“责任人”：找不到用户“张三”。"], rows.EnumerateArray().Select(r => r.GetProperty("message").GetString()));
        await AssertNoListAsync(host);
    }

    [Theory]
    [BothProviders]
    public async Task ApiFromTemplate_Created(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        using var api = await ApiClient.ForUserAsync(host, "yz.office");

        using var response = await api.PostAsJsonAsync("/api/v1/responsibility/lists/from-template", new { unitId = await host.UnitIdAsync("第一中学"), year = NextYear(host) });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var listId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("listId").GetGuid();
        using var summaries = await api.GetAsync($"/api/v1/responsibility/lists?unitId={await host.UnitIdAsync("第一中学")}");
        Assert.Equal(listId, (await summaries.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetGuid());
    }

    private static int NextYear(TestHost host) => host.Get<DisplayClock>().ToLocal(host.Clock.GetUtcNow().UtcDateTime).Year + 1;

    /// <summary>A template list of 第一中学 for next year, made by its leading group office, and its first row (which has a task).</summary>
    private static async Task<(Platform.Scope.Actor Actor, Guid ListId, ListItemDto First)> TemplateListAsync(TestHost host)
    {
        var actor = await host.ActorAsync("yz.office");
        var created = await host.Get<CreateList>().FromTemplateAsync(actor, new CreateListCommand(await host.UnitIdAsync("第一中学"), NextYear(host)));
        Assert.True(created.IsSuccess, created.Error?.Message);
        var first = (await host.Get<ListQueries>().GetAsync(actor, created.Value.ListId)).Value.Items[0];
        Assert.NotNull(first.TaskId);
        return (actor, created.Value.ListId, first);
    }

    private static ItemInput Input(ListItemDto item) => new(item.Order, item.Duty, item.Measures, item.Deadline, item.DeadlineNote, item.OwnerId, item.Remarks);

    private static async Task<Result<ImportOutcome>> ImportAsync(TestHost host, Platform.Scope.Actor actor, string unit, int year, byte[] file)
        => await host.Get<ImportList>().HandleAsync(actor, await host.UnitIdAsync(unit), year, new MemoryStream(file));

    private static async Task<Guid> UploadAsync(TestHost host, Platform.Scope.Actor actor, Guid listId, Guid itemId)
    {
        using var stream = new MemoryStream(SampleFiles.Png(4, 4));
        var added = await host.Get<WorkOnItem>().AddEvidenceAsync(actor, listId, itemId, stream, "会议纪要.png");
        Assert.True(added.IsSuccess, added.Error?.Message);
        return added.Value;
    }

    private static async Task<Guid> ItemVersionAsync(TestHost host, Guid itemId)
    {
        await using var db = await host.DbAsync();
        return await db.Set<ResponsibilityListItem>().Where(i => i.Id == itemId).Select(i => i.Version).SingleAsync();
    }

    private static async Task AssertNoListAsync(TestHost host)
    {
        await using var db = await host.DbAsync();
        Assert.Equal(0, await db.Set<ResponsibilityList>().CountAsync());
        Assert.Equal(0, await db.Set<ResponsibilityListItem>().CountAsync());
        Assert.Equal(0, await db.DueTasks.CountAsync(t => t.SourceType == TaskSources.ListItem));
    }

    /// <summary>An .xlsx as Excel saves it: inline strings and numbers; numbers in the 完成时限 column (D) carry a date format.</summary>
    private static byte[] Workbook(params (string? Text, double? Number)[][] rows)
    {
        using var output = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(output, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(
                new Fonts(new Font()), new Fills(new Fill(), new Fill()), new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
            var sheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    var (text, number) = rows[r][c];
                    if (text is not null)
                    {
                        row.Append(new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text)) });
                    }
                    else if (number is { } value)
                    {
                        row.Append(new Cell { CellReference = reference, CellValue = new CellValue(value), StyleIndex = c == 3 ? 1u : 0u });
                    }
                }

                data.Append(row);
            }

            sheet.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets()).Append(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "责任清单" });
        }

        return output.ToArray();
    }
}
