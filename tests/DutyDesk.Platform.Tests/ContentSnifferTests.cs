using System.IO.Compression;
using System.Text;
using DutyDesk.Platform.Files;

namespace DutyDesk.Platform.Tests;

public sealed class ContentSnifferTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("dd-sniff-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Zip(string name, params string[] entries)
    {
        var path = Path.Combine(dir, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var entry in entries)
        {
            using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
            writer.Write("<x/>");
        }

        return path;
    }

    [Theory]
    [InlineData("a.pdf", new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, "application/pdf")]
    [InlineData("a.png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 }, "image/png")]
    [InlineData("a.jpg", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, "image/jpeg")]
    public async Task DetectAsync_KnownMagicBytes_ReturnsType(string name, byte[] bytes, string expected)
        => Assert.Equal(expected, await ContentSniffer.DetectAsync(Write(name, bytes), CancellationToken.None));

    [Fact]
    public async Task DetectAsync_ExecutableNamedPng_IsRejected()
        => Assert.Null(await ContentSniffer.DetectAsync(Write("photo.png", [0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0, 0]), CancellationToken.None));

    [Fact]
    public async Task DetectAsync_Utf8ChineseText_IsPlainText()
        => Assert.Equal("text/plain", await ContentSniffer.DetectAsync(Write("note.txt", Encoding.UTF8.GetBytes("会议纪要：研究意识形态工作。")), CancellationToken.None));

    [Fact]
    public async Task DetectAsync_GbkBytes_AreNotAcceptedAsText()
        => Assert.Null(await ContentSniffer.DetectAsync(Write("gbk.txt", [0xBB, 0xE1, 0xD2, 0xE9]), CancellationToken.None));

    [Fact]
    public async Task DetectAsync_WordDocument_IsDocx()
        => Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            await ContentSniffer.DetectAsync(Zip("a.docx", "[Content_Types].xml", "word/document.xml"), CancellationToken.None));

    [Fact]
    public async Task DetectAsync_PlainZip_IsRejected()
        => Assert.Null(await ContentSniffer.DetectAsync(Zip("a.docx", "readme.txt"), CancellationToken.None));
}
