using DutyDesk.Platform.Data;
using DutyDesk.Platform.Results;

namespace DutyDesk.Platform.Files;

public static class StoredFileStaging
{
    /// <summary>
    /// Stores an upload by content (type sniffed, size limited) and stages its <see cref="StoredFile"/> row on
    /// <paramref name="db"/>, so the caller links and audits it in the same save. Evidence, attachments and list
    /// files all come in this way.
    /// </summary>
    public static async Task<Result<StoredFile>> AddUploadAsync(this AppDbContext db, FileStore files, Stream content, string fileName,
        Guid unitId, Guid uploadedBy, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(files);
        var saved = await files.SaveAsync(content, fileName, ct);
        if (!saved.IsSuccess)
        {
            return saved.Error!;
        }

        var blob = saved.Value;
        var file = new StoredFile
        {
            Id = Guid.CreateVersion7(),
            Sha256 = blob.Sha256,
            Size = blob.Size,
            ContentType = blob.ContentType,
            FileName = blob.FileName,
            UnitId = unitId,
            UploadedAt = now,
            UploadedBy = uploadedBy,
        };
        db.Files.Add(file);
        return file;
    }
}
