using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Storage;

/// <summary>
/// Titles that are hard to use as file names, end to end: pages of the media site titled with
/// slashes, emoji, a right-to-left override, a Windows device name and 300 characters.
/// </summary>
[Collection(ServiceGroup.Name)]
public sealed class FileNameDownloadTests(ServiceFixture service)
{
    private static readonly string[] Reserved = ["CON", "PRN", "AUX", "NUL", "COM1", "LPT1"];

    [Fact(Timeout = 180_000)]
    public async Task Tricky_titles_give_safe_blob_names_and_a_content_disposition_browsers_accept()
    {
        // Arrange
        string[] keys = [.. service.Site.TrickyTitleKeys];
        var requestIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string key in keys)
        {
            requestIds[key] = await service.CreateDownloadAsync(service.Site.TitledPage(key));
        }

        // Act
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string key, string requestId) in requestIds)
        {
            JsonElement job = await service.WaitForFinishAsync(requestId);
            Assert.True(job.GetProperty("status").GetString() == "completed", $"{key}: {job}");
            string filePath = job.GetProperty("file_path").GetString()!;
            Assert.StartsWith(requestId + "/", filePath, StringComparison.Ordinal);
            names[key] = filePath[(requestId.Length + 1)..];
            await AssertServedAsAttachmentAsync(key, new Uri(job.GetProperty("file_url").GetString()!), names[key]);
            await AssertStoredUnderAsync(requestId, filePath);
        }

        // Assert
        Assert.All(names, pair => AssertSafe(pair.Key, pair.Value));
        Assert.Equal("AC DC live at Donington 1991 part 1 2 encore.mp4", names["slashes"]);
        Assert.Equal(service.Site.TrickyTitle("emoji") + ".mp4", names["emoji"]);
        Assert.Equal("Quarterly report gnp.exe final.mp4", names["bidi"]);
        Assert.Equal("_CON.mp4", names["reserved"]);
        Assert.StartsWith(names["long"][..^4], service.Site.TrickyTitle("long"), StringComparison.Ordinal);
    }

    private static void AssertSafe(string key, string name)
    {
        Assert.InRange(Encoding.UTF8.GetByteCount(name), 1, 200);
        Assert.DoesNotContain('/', name);
        Assert.DoesNotContain('\\', name);
        Assert.DoesNotContain(name, c => char.IsControl(c) || c == '\uFFFD');
        Assert.DoesNotContain(name, c => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069');
        Assert.DoesNotContain(name.Split('.')[0], Reserved, StringComparer.OrdinalIgnoreCase);
        Assert.False(name.EndsWith(' ') || name.StartsWith('.'), $"{key}: '{name}'");
    }

    private static async Task AssertServedAsAttachmentAsync(string key, Uri fileUrl, string name)
    {
        (Ffprobe.Result probe, _, HttpResponseMessage response) = await Ffprobe.DownloadAndProbeAsync(fileUrl);
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            ContentDispositionHeaderValue disposition = response.Content.Headers.ContentDisposition
                ?? throw new Xunit.Sdk.XunitException($"{key}: no Content-Disposition");
            Assert.Equal("attachment", disposition.DispositionType);
            Assert.Equal(name, disposition.FileNameStar);
            string fallback = disposition.FileName!.Trim('"');
            Assert.All(fallback, c => Assert.InRange(c, ' ', '~'));
            Assert.DoesNotContain('\\', fallback);
            Assert.EndsWith(".mp4", fallback, StringComparison.Ordinal);
        }

        Assert.True(probe.Count("video") == 1, $"{key}: {probe.Count("video")} video streams");
        Assert.InRange(probe.Duration, 3.5, 4.5);
    }

    private async Task AssertStoredUnderAsync(string requestId, string filePath)
    {
        var blobs = new List<string>();
        await foreach (BlobItem blob in service.Results.GetBlobsAsync(new GetBlobsOptions { Prefix = requestId + "/" }))
        {
            blobs.Add(blob.Name);
        }

        Assert.Equal([filePath], blobs);
    }
}
