using System.Security.Cryptography;
using DutyDesk.Integration.Tests.Infrastructure;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Features.Tasks;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Tasks;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Integration.Tests;

/// <summary>Evidence files: checked by content and size, stored by hash, required before closing when asked for.</summary>
public sealed class EvidenceTests
{
    [Theory]
    [BothProviders]
    public async Task AddEvidence_RealPng_StoredUnderItsSha256(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var taskId = await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromDays(2), evidence: true);
        var png = SampleFiles.Png(8, 8);
        var sha = Convert.ToHexStringLower(SHA256.HashData(png));

        var added = await AddAsync(host, "yz.moral", taskId, png, "会议照片.png");

        Assert.True(added.IsSuccess, added.Error?.Message);
        var path = Path.Combine(host.DataDirectory, "files", sha[..2], sha);
        Assert.Equal(png, await File.ReadAllBytesAsync(path));
        await using var db = await host.DbAsync();
        var stored = await db.Files.SingleAsync(f => f.Id == added.Value);
        Assert.Equal(("image/png", sha, png.LongLength, "会议照片.png"), (stored.ContentType, stored.Sha256, stored.Size, stored.FileName));
        Assert.True(await db.TaskEvidence.AnyAsync(e => e.TaskId == taskId && e.FileId == added.Value));
    }

    [Theory]
    [BothProviders]
    public async Task AddEvidence_ExecutableNamedPng_RejectedWithChineseMessageAndNothingStored(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var taskId = await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromDays(2), evidence: true);

        var added = await AddAsync(host, "yz.moral", taskId, SampleFiles.WindowsExecutable(), "evil.png");

        Assert.Equal(ErrorKind.Validation, added.Error?.Kind);
        Assert.Equal("file", added.Error!.Field);
        Assert.Contains("evil.png", added.Error.Message, StringComparison.Ordinal);
        Assert.Contains("类型不被允许", added.Error.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(host);
    }

    [Theory]
    [BothProviders]
    public async Task AddEvidence_LargerThanMaxBytes_RejectedAndNothingStored(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider, new Dictionary<string, string?> { ["DutyDesk:Files:MaxBytes"] = "2048" });
        var taskId = await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromDays(2), evidence: true);
        var small = SampleFiles.Png(8, 8);
        var large = SampleFiles.Png(64, 64);
        Assert.True(large.Length > 2048 && small.Length < 2048);

        var rejected = await AddAsync(host, "yz.moral", taskId, large, "大图.png");

        Assert.Equal(ErrorKind.Validation, rejected.Error?.Kind);
        Assert.Equal("file", rejected.Error!.Field);
        Assert.Contains("大小上限", rejected.Error.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(host);
        Assert.True((await AddAsync(host, "yz.moral", taskId, small, "小图.png")).IsSuccess);
    }

    [Theory]
    [BothProviders]
    public async Task Complete_EvidenceRequiredButNoneUploaded_ValidationOnEvidenceAndStillOpen(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var taskId = await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromDays(2), evidence: true);

        var done = await host.Get<ManageTasks>().CompleteAsync(await host.ActorAsync("yz.moral"), new CompleteTaskCommand(taskId, "已办", await VersionAsync(host, taskId)));

        Assert.Equal(ErrorKind.Validation, done.Error?.Kind);
        Assert.Equal("evidence", done.Error!.Field);
        Assert.Equal(DueTaskState.Open, await StateAsync(host, taskId));
    }

    [Theory]
    [BothProviders]
    public async Task Complete_EvidenceRequiredAndUploaded_Done(DatabaseProvider provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var taskId = await host.CreateTaskAsync("yz.office", "第一中学", "yz.moral", TimeSpan.FromDays(2), evidence: true);
        Assert.True((await AddAsync(host, "yz.moral", taskId, SampleFiles.Png(), "纪要.png")).IsSuccess);

        var done = await host.Get<ManageTasks>().CompleteAsync(await host.ActorAsync("yz.moral"), new CompleteTaskCommand(taskId, "已办", await VersionAsync(host, taskId)));

        Assert.True(done.IsSuccess, done.Error?.Message);
        Assert.Equal(DueTaskState.Done, await StateAsync(host, taskId));
    }

    private static async Task<Result<Guid>> AddAsync(TestHost host, string userName, Guid taskId, byte[] content, string fileName)
    {
        using var stream = new MemoryStream(content);
        return await host.Get<ManageTasks>().AddEvidenceAsync(await host.ActorAsync(userName), taskId, stream, fileName);
    }

    private static async Task AssertNothingStoredAsync(TestHost host)
    {
        await using var db = await host.DbAsync();
        Assert.Equal(0, await db.Files.CountAsync());
        Assert.Equal(0, await db.TaskEvidence.CountAsync());
        var root = Path.Combine(host.DataDirectory, "files");
        Assert.Empty(Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories) : []);
    }

    private static async Task<Guid> VersionAsync(TestHost host, Guid taskId)
    {
        await using var db = await host.DbAsync();
        return await db.DueTasks.Where(t => t.Id == taskId).Select(t => t.Version).SingleAsync();
    }

    private static async Task<DueTaskState> StateAsync(TestHost host, Guid taskId)
    {
        await using var db = await host.DbAsync();
        return await db.DueTasks.Where(t => t.Id == taskId).Select(t => t.State).SingleAsync();
    }
}
