using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using DutyDesk.Platform.Results;
using Microsoft.Extensions.Options;

namespace DutyDesk.Platform.Files;

public sealed class FileStoreOptions
{
    public const string Section = "DutyDesk:Files";

    public long MaxBytes { get; set; } = 20 * 1024 * 1024;
}

/// <summary>A checked upload: its bytes are on disk under their hash, not yet linked to anything.</summary>
public sealed record StoredBlob(string Sha256, long Size, string ContentType, string FileName);

/// <summary>
/// Stores evidence files under ./data/files/ab/abcdef… by SHA-256, after checking the size and
/// the real type of the content (its leading bytes, not its name).
/// </summary>
public sealed class FileStore(DataDirectory dataDirectory, IOptions<FileStoreOptions> options)
{
    private string Root => Path.Combine(dataDirectory.Path, "files");

    public long MaxBytes => options.Value.MaxBytes;

    public async Task<Result<StoredBlob>> SaveAsync(Stream content, string fileName, CancellationToken ct)
    {
        var name = Path.GetFileName(fileName ?? "").Trim();
        if (name.Length is 0 or > 255)
        {
            return Error.Validation("file", "文件名为空或过长（最多 255 个字符）。");
        }

        Directory.CreateDirectory(Root);
        var temp = Path.Combine(Root, $".upload-{Guid.NewGuid():N}");
        try
        {
            long size;
            string hash;
            await using (var output = File.Create(temp))
            {
                using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                size = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > MaxBytes)
                    {
                        return Error.Validation("file", $"文件“{name}”超过大小上限 {SizeText(MaxBytes)}。");
                    }

                    sha.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), ct);
                }

                hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            }

            if (size == 0)
            {
                return Error.Validation("file", $"文件“{name}”是空文件。");
            }

            var type = await ContentSniffer.DetectAsync(temp, ct);
            if (type is null)
            {
                return Error.Validation("file", $"文件“{name}”的类型不被允许：只接受 PDF、图片（PNG/JPEG）、Word（.docx）、Excel（.xlsx）和纯文本，按文件内容判断而非扩展名。");
            }

            var target = PathFor(hash);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target))
            {
                File.Delete(temp); // same content stored before
            }
            else
            {
                File.Move(temp, target);
            }

            return new StoredBlob(hash, size, type, name);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public static string SizeText(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / 1024.0 / 1024.0:0.#} MB",
    };

    public Stream? OpenRead(string sha256)
    {
        var path = PathFor(sha256);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }

    private string PathFor(string sha256) => Path.Combine(Root, sha256[..2], sha256);
}

/// <summary>Tells a file's real type from its content. Null: not on the allow-list.</summary>
public static class ContentSniffer
{
    public static async Task<string?> DetectAsync(string path, CancellationToken ct)
    {
        var head = new byte[8];
        int read;
        await using (var stream = File.OpenRead(path))
        {
            read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        }

        var bytes = head.AsSpan(0, read);
        if (bytes.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (bytes.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return "image/png";
        }

        if (bytes.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }))
        {
            return "image/jpeg";
        }

        if (bytes.StartsWith("PK\x03\x04"u8))
        {
            return OfficeType(path);
        }

        return await IsPlainTextAsync(path, ct) ? "text/plain" : null;
    }

    private static string? OfficeType(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.GetEntry("[Content_Types].xml") is null)
            {
                return null; // a zip, but not an Office Open XML document
            }

            if (zip.GetEntry("word/document.xml") is not null)
            {
                return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            }

            if (zip.GetEntry("xl/workbook.xml") is not null)
            {
                return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            }

            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static async Task<bool> IsPlainTextAsync(string path, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(path, ct);
        if (bytes.Contains((byte)0))
        {
            return false;
        }

        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}

/// <summary>Where DutyDesk keeps its files ("DutyDesk:DataDirectory", default ./data).</summary>
public sealed record DataDirectory(string Path);
