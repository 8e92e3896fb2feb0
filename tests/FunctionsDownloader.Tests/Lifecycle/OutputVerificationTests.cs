using System.Diagnostics;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Lifecycle;

/// <summary>yt-dlp exits 0 on these inputs; the service still refuses to call the result media.</summary>
[Collection(ServiceGroup.Name)]
public sealed class OutputVerificationTests(ServiceFixture service)
{
    public static TheoryData<string, string> BadOutputs() => new()
    {
        { "html", "not readable media" },
        { "unsized", "cut short" },
    };

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(BadOutputs))]
    public async Task A_download_that_is_not_the_media_fails_invalid_output_and_stores_nothing(string input, string reason)
    {
        // Arrange
        Uri source = input == "html" ? service.Site.HtmlAsMp4 : service.Site.Unsized;

        // Act
        string requestId = await service.CreateDownloadAsync(source);
        JsonElement job = await service.WaitForFinishAsync(requestId);

        // Assert
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal("invalid_output", job.GetProperty("error_code").GetString());
        Assert.Contains(reason, job.GetProperty("error").GetString(), StringComparison.Ordinal);
        await foreach (BlobItem blob in service.Results.GetBlobsAsync(new GetBlobsOptions { Prefix = requestId + "/" }))
        {
            Assert.Fail($"an invalid file was stored: {blob.Name}");
        }

        using HttpResponseMessage logs = await service.Http.GetAsync($"/api/v1/download/{requestId}/logs");
        Assert.Contains(reason, await logs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_clip_from_a_server_without_range_support_is_exact_or_fails_never_wrong()
    {
        // Act: a 2-second clip from 1 s, from a server that always sends the whole file.
        string requestId = await service.CreateDownloadAsync(service.Site.NoRangeMp4, new { start_time = 1, end_time = 3 });
        JsonElement job = await service.WaitForFinishAsync(requestId);

        // Assert
        string status = job.GetProperty("status").GetString()!;
        if (status == "completed")
        {
            (Ffprobe.Result probe, _, HttpResponseMessage response) =
                await Ffprobe.DownloadAndProbeAsync(new Uri(job.GetProperty("file_url").GetString()!));
            response.Dispose();
            Assert.InRange(probe.Duration, 1.5, 2.5);
        }
        else
        {
            Assert.Equal("failed", status);
            Assert.Equal("invalid_output", job.GetProperty("error_code").GetString());
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task An_endless_hls_playlist_fails_as_live_within_a_bounded_time()
    {
        // Arrange
        var clock = Stopwatch.StartNew();

        // Act
        string requestId = await service.CreateDownloadAsync(service.Site.LivePlaylist);
        JsonElement job = await service.WaitForFinishAsync(requestId, TimeSpan.FromSeconds(60));

        // Assert
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal("live_not_supported", job.GetProperty("error_code").GetString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"it took {clock.Elapsed}");
    }
}
