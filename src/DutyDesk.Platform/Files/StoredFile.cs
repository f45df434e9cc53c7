namespace DutyDesk.Platform.Files;

/// <summary>An uploaded file, stored once under ./data/files by its SHA-256.</summary>
public sealed class StoredFile
{
    public Guid Id { get; set; }

    public required string Sha256 { get; set; }

    public long Size { get; set; }

    public required string ContentType { get; set; }

    public required string FileName { get; set; }

    public Guid UnitId { get; set; }

    public DateTime UploadedAt { get; set; }

    public Guid UploadedBy { get; set; }
}
