using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Downloads;

/// <summary>
/// One direct file with nothing to post-process goes from yt-dlp's standard output straight into
/// the blob; everything else still goes through the job directory.
/// </summary>
[Collection(ServiceGroup.Name)]
public sealed class StreamingDownloadTests(ServiceFixture service)
{
    [Fact(Timeout = 120_000)]
    public async Task A_direct_mp4_is_streamed_into_storage_byte_for_byte_without_a_file_in_the_job_directory()
    {
        // Arrange: the throttled copy takes seconds, so a temporary file would be there to see.
        using var watch = new DirectoryWatch(service.WorkRoot);
        byte[] source = await File.ReadAllBytesAsync(service.Site.SlowMp4File);

        // Act
        string requestId = await service.CreateDownloadAsync(service.Site.SlowMp4);
        JsonElement job = await service.WaitForFinishAsync(requestId);
        await Task.Delay(200);

        // Assert
        Assert.True(job.GetProperty("status").GetString() == "completed", $"job did not complete: {job}");
        Assert.True(watch.SawDirectory(requestId), "the job directory was never seen: the watch looks elsewhere");
        Assert.Empty(watch.FilesIn(requestId));
        string[] logs = await service.LogMessagesAsync(requestId);
        Assert.Contains(logs, IsStreamingLine);
        Assert.DoesNotContain(logs, m => m.StartsWith("WARNING", StringComparison.Ordinal));

        byte[] stored = await DownloadAsync(job);
        Assert.Equal(source.LongLength, job.GetProperty("file_size").GetInt64());
        Assert.Equal(SHA256.HashData(source), SHA256.HashData(stored));
    }

    public static TheoryData<string, string> FileCases() => new()
    {
        { "hls", "merged" },
        { "mkv", "converted into mkv" },
        { "audio", "audio is extracted" },
        { "clip", "clip is cut" },
        { "metadata", "embedded" },
    };

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(FileCases))]
    public async Task A_download_that_needs_ffmpeg_goes_through_the_job_directory(string input, string reason)
    {
        // Arrange
        using var watch = new DirectoryWatch(service.WorkRoot);
        (Uri url, object? extra) = input switch
        {
            "hls" => (service.Site.HlsMaster, null),
            "mkv" => (service.Site.DirectMp4, new { video_format = "mkv" }),
            "audio" => (service.Site.DirectMp4, new { audio_only = true }),
            "clip" => (service.Site.DirectMp4, new { start_time = 1, end_time = 3 }),
            _ => (service.Site.DirectMp4, (object?)new { embed_metadata = true }),
        };

        // Act
        string requestId = await service.CreateDownloadAsync(url, extra);
        JsonElement job = await service.WaitForFinishAsync(requestId);

        // Assert
        Assert.True(job.GetProperty("status").GetString() == "completed", $"job did not complete: {job}");
        Assert.Contains(watch.FilesIn(requestId), f => f.StartsWith("media.", StringComparison.Ordinal));
        string[] logs = await service.LogMessagesAsync(requestId);
        Assert.Contains(logs, m => m.StartsWith("Downloading into the job directory", StringComparison.Ordinal) &&
            m.Contains(reason, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, IsStreamingLine);
        Assert.DoesNotContain(logs, m => m.Contains("only of one thread", StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_streamed_download_that_is_not_media_fails_and_leaves_no_blob()
    {
        // Act: an HTML page served as video/mp4 with a Content-Length streams "successfully".
        string requestId = await service.CreateDownloadAsync(service.Site.HtmlAsMp4);
        JsonElement job = await service.WaitForFinishAsync(requestId);

        // Assert
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal("invalid_output", job.GetProperty("error_code").GetString());
        Assert.Contains(await service.LogMessagesAsync(requestId), IsStreamingLine);
        await foreach (BlobItem blob in service.Results.GetBlobsAsync(new GetBlobsOptions { Prefix = requestId + "/" }))
        {
            Assert.Fail($"an invalid file was stored: {blob.Name}");
        }
    }

    private static bool IsStreamingLine(string message) =>
        message.StartsWith("Streaming format", StringComparison.Ordinal);

    private static async Task<byte[]> DownloadAsync(JsonElement job)
    {
        using var http = new HttpClient();
        return await http.GetByteArrayAsync(new Uri(job.GetProperty("file_url").GetString()!));
    }
}
