using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DutyDesk.Opinion.Domain;
using DutyDesk.Opinion.Ingest;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Opinion.Features.Sources;

/// <summary>What a pushed batch did; positions count from 1 in the order of the batch's "items".</summary>
public sealed record PushOutcome(int Added, int Duplicates, int Matched, IReadOnlyList<PushRejection> Rejected);

public sealed record PushRejection(int Position, string Reason);

/// <summary>
/// A batch pushed by a monitoring vendor to <c>POST /api/v1/opinion/sources/{id}/push</c>. Two proofs are asked
/// for: the personal API token of an account that configures monitoring in the source's unit (the vendor's
/// account, usually holding the 值班员/监测员 role there), and the HMAC-SHA256 of the exact body bytes under the
/// source's push secret, so a leaked token alone cannot feed items into a unit's monitoring, nor a leaked secret
/// alone. Re-sending a batch adds nothing: every item goes through the pipeline's unique key.
/// </summary>
internal sealed class ReceivePush(IDbContextFactory<AppDbContext> dbFactory, IngestPipeline pipeline, TimeProvider clock)
{
    public const int MaxItems = 1000;
    public const long MaxBodyBytes = 5 * 1024 * 1024;
    public const string SignatureHeader = "X-DutyDesk-Signature";
    private const string SignaturePrefix = "sha256=";

    /// <summary>The item fields of a pushed batch: the documented contract, read the way JSON pull sources are read.</summary>
    public static readonly JsonFieldMap Fields = new("items", "id", "title", "text", "url", "published", "site", "reads", "comments", "reposts");

    public async Task<Result<PushOutcome>> HandleAsync(Actor actor, Guid sourceId, Stream body, string? signature, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var bytes = await ReadAtMostAsync(body, MaxBodyBytes, ct);
        if (bytes is null)
        {
            return Error.Validation("body", $"请求体超过 {MaxBodyBytes / 1024 / 1024} MB 上限：请把条目分成几批推送（每批最多 {MaxItems} 条）。");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = await db.Set<Source>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == sourceId, ct);
        if (source is null || !actor.CanSee(source.UnitId))
        {
            return Error.NotFound("信息源");
        }

        if (!OpinionAccess.Configures(actor, source.UnitId))
        {
            await db.AuditDeniedAsync(clock, actor, "推送舆情信息", "Source", source.Id.ToString(), ct);
            return Error.Forbidden($"令牌所有者须是本单位的{OpinionAccess.ConfigurersText}，才能向信息源推送。");
        }

        if (source.Kind != SourceKind.Push)
        {
            return Error.Validation("kind", $"信息源“{source.Name}”是“{ManageSources.KindName(source.Kind)}”类型，只有“推送接口”类型的信息源接收推送。");
        }

        if (!source.Active)
        {
            return Error.Conflict($"信息源“{source.Name}”已停用，不接收推送。");
        }

        if (SignatureProblem(source, bytes, signature) is { } refused)
        {
            await db.AuditDeniedAsync(clock, actor, "推送舆情信息（签名不符）", "Source", source.Id.ToString(), ct);
            return refused;
        }

        var items = Parse(bytes);
        if (!items.IsSuccess)
        {
            return items.Error!;
        }

        var outcome = await pipeline.IngestAsync(source.Id, items.Value, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<Source>().Where(s => s.Id == source.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastAttemptAt, now).SetProperty(x => x.LastSuccessAt, now), ct);
        db.Audit(clock, actor, OpinionAudit.ItemPush, "Source", source.Id.ToString(), source.UnitId,
            detail: $"{source.Name}：收到 {items.Value.Count} 条，新增 {outcome.Added}，重复 {outcome.Duplicates}，命中方案 {outcome.Matched}，拒收 {outcome.Rejected.Count}");
        await db.SaveChangesAsync(ct);
        return new PushOutcome(outcome.Added, outcome.Duplicates, outcome.Matched, outcome.Rejected.Select(r => new PushRejection(r.Position, r.Reason)).ToList());
    }

    /// <summary>The signature a vendor sends for a body: "sha256=" and the lower-case hex HMAC-SHA256 under the secret.</summary>
    public static string Sign(string secret, byte[] body)
        => SignaturePrefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static Error? SignatureProblem(Source source, byte[] body, string? signature)
    {
        if (string.IsNullOrEmpty(source.PushSecret))
        {
            return SignatureError($"信息源“{source.Name}”尚未生成推送密钥：请先在信息源设置中生成，再把密钥交给推送方。");
        }

        if (string.IsNullOrWhiteSpace(signature))
        {
            return SignatureError($"缺少签名：请求头 {SignatureHeader} 须为 sha256=<以推送密钥对请求体计算的 HMAC-SHA256 十六进制值>。");
        }

        var value = signature.Trim();
        if (!value.StartsWith(SignaturePrefix, StringComparison.OrdinalIgnoreCase) || value.Length != SignaturePrefix.Length + 64)
        {
            return SignatureError($"签名格式不对：请求头 {SignatureHeader} 须为 sha256= 加 64 位十六进制数。");
        }

        byte[] sent;
        try
        {
            sent = Convert.FromHexString(value.AsSpan(SignaturePrefix.Length));
        }
        catch (FormatException)
        {
            return SignatureError($"签名格式不对：请求头 {SignatureHeader} 中 sha256= 之后须是十六进制数。");
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(source.PushSecret), body);
        return CryptographicOperations.FixedTimeEquals(expected, sent)
            ? null
            : SignatureError("签名不符：请用该信息源当前的推送密钥，对原样发送的请求体字节计算 HMAC-SHA256（密钥重新生成后旧密钥立即失效）。");
    }

    private static Error SignatureError(string message) => new(ErrorKind.Forbidden, "signature", message, SignatureHeader);

    private static Result<List<IncomingItem>> Parse(byte[] bytes)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            return Error.Validation("body", $"请求体不是有效的 JSON：第 {(e.LineNumber ?? 0) + 1} 行附近有误。");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("items", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                return Error.Validation("items", "请求体须是 {\"items\":[…]}：“items”为条目数组。");
            }

            var count = list.GetArrayLength();
            if (count > MaxItems)
            {
                return Error.Validation("items", $"“items”每批最多 {MaxItems} 条，本批 {count} 条：请分批推送。");
            }

            return Fields.Extract(document.RootElement);
        }
    }

    /// <summary>The whole stream, or null as soon as it turns out longer than <paramref name="limit"/>.</summary>
    internal static async Task<byte[]?> ReadAtMostAsync(Stream content, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
