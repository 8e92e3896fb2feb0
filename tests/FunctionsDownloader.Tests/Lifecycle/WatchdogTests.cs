using System.Diagnostics;
using System.Text.Json;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Lifecycle;

/// <summary>Stalls, oversized files and a full disk end jobs with their own codes, leaving nothing behind.</summary>
[Collection(ServiceGroup.Name)]
public sealed class WatchdogTests(ServiceFixture service)
{
    [Fact(Timeout = 180_000)]
    public async Task A_stalled_source_ends_timeout_within_the_window_and_leaves_no_process()
    {
        // Arrange: yt-dlp itself would wait two minutes; the watchdog allows five silent seconds.
        await using ExtraHost host = await ExtraHost.StartAsync(service, "watchdog-stall", new Dictionary<string, string?>
        {
            ["Downloader:StallTimeoutSeconds"] = "5",
            ["Downloader:SocketTimeoutSeconds"] = "120",
            ["Downloader:MaxAttempts"] = "1",
        });
        var clock = Stopwatch.StartNew();

        // Act
        string requestId = await host.Jobs.CreateDownloadAsync(service.Site.Stall);
        JsonElement job = await host.Jobs.WaitForFinishAsync(requestId);

        // Assert
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal("timeout", job.GetProperty("error_code").GetString());
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(40));
        Assert.Empty(await ProcessTable.WaitUntilNoneAsync(requestId, TimeSpan.FromSeconds(5)));
        Assert.False(Directory.Exists(Path.Combine(service.WorkRoot, "watchdog-stall", requestId)));
    }

    [Theory(Timeout = 180_000)]
    [InlineData("direct")]
    [InlineData("hls")]
    public async Task A_file_over_the_size_limit_fails_file_too_large(string input)
    {
        // Arrange
        await using ExtraHost host = await ExtraHost.StartAsync(service, "watchdog-size-" + input, new Dictionary<string, string?>
        {
            ["Downloader:MaxFileSizeBytes"] = "100000",
            ["Downloader:MaxAttempts"] = "1",
        });

        // Act
        string requestId = await host.Jobs.CreateDownloadAsync(input == "direct" ? service.Site.DirectMp4 : service.Site.HlsMaster);
        JsonElement job = await host.Jobs.WaitForFinishAsync(requestId);

        // Assert
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.True(job.GetProperty("error_code").GetString() == "file_too_large", job.ToString());
        Assert.False(job.TryGetProperty("file_url", out _));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_download_that_would_not_fit_on_disk_fails_but_a_streamed_one_needs_no_disk()
    {
        // Arrange: a reserve larger than any disk.
        await using ExtraHost host = await ExtraHost.StartAsync(service, "watchdog-disk", new Dictionary<string, string?>
        {
            ["Downloader:MinFreeDiskBytes"] = (1L << 60).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Downloader:MaxAttempts"] = "1",
        });

        // Act: HLS is merged in the job directory; the direct mp4 streams into storage.
        string merged = await host.Jobs.CreateDownloadAsync(service.Site.HlsMaster);
        string streamed = await host.Jobs.CreateDownloadAsync(service.Site.DirectMp4);
        JsonElement mergedJob = await host.Jobs.WaitForFinishAsync(merged);
        JsonElement streamedJob = await host.Jobs.WaitForFinishAsync(streamed);

        // Assert
        Assert.Equal("failed", mergedJob.GetProperty("status").GetString());
        Assert.Equal("insufficient_storage", mergedJob.GetProperty("error_code").GetString());
        Assert.Contains("MiB free", mergedJob.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(
            streamedJob.GetProperty("status").GetString() == "completed", $"the streamed job failed: {streamedJob}");
    }
}
