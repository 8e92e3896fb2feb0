using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Downloads;

/// <summary>Single downloads through the Standalone host over real HTTP, checked with ffprobe.</summary>
[Collection(ServiceGroup.Name)]
public sealed class SingleDownloadTests(ServiceFixture service)
{
    private const double DurationTolerance = 0.5;

    [Fact(Timeout = 120_000)]
    public async Task Creating_a_download_for_a_direct_mp4_stores_a_playable_file()
    {
        // Arrange
        Uri source = service.Site.DirectMp4;

        // Act
        string requestId = await service.CreateDownloadAsync(source);
        JsonElement job = await service.WaitForFinishAsync(requestId);

        // Assert
        await AssertCompletedWithStreamsAsync(job, service.Site.DirectMp4Duration, expectAudio: true);
    }

    [Fact(Timeout = 120_000)]
    public async Task Creating_a_download_for_an_html_page_finds_its_video_and_title()
    {
        // Arrange
        Uri source = service.Site.HtmlPage;

        // Act
        string requestId = await service.CreateDownloadAsync(source);
        JsonElement job = await service.WaitForFinishAsync(requestId);

        // Assert
        await AssertCompletedWithStreamsAsync(job, service.Site.HtmlPageDuration, expectAudio: true);
        Assert.StartsWith(service.Site.HtmlPageTitle, job.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Creating_a_download_for_an_hls_master_merges_video_and_audio()
    {
        // Arrange
        Uri source = service.Site.HlsMaster;

        // Act
        string requestId = await service.CreateDownloadAsync(source);
        JsonElement job = await service.WaitForFinishAsync(requestId);

        // Assert
        Ffprobe.Result probe = await AssertCompletedWithStreamsAsync(job, service.Site.HlsDuration, expectAudio: true);
        Assert.Equal(service.Site.HlsVideoHeights.Max(), probe.Heights.Max());
    }

    [Fact(Timeout = 120_000)]
    public async Task Creating_a_download_for_a_dash_manifest_merges_video_and_audio()
    {
        // Arrange
        Uri source = service.Site.DashManifest;

        // Act
        string requestId = await service.CreateDownloadAsync(source);
        JsonElement job = await service.WaitForFinishAsync(requestId);

        // Assert
        await AssertCompletedWithStreamsAsync(job, service.Site.DashDuration, expectAudio: true);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_quality_cap_picks_the_hls_variant_at_or_under_the_height()
    {
        // Arrange
        int low = service.Site.HlsVideoHeights.Min();
        string preset = low <= 360 ? "360p" : "480p";

        // Act
        string requestId = await service.CreateDownloadAsync(service.Site.HlsMaster, new { quality = preset });
        JsonElement job = await service.WaitForFinishAsync(requestId);

        // Assert
        Ffprobe.Result probe = await AssertCompletedWithStreamsAsync(job, service.Site.HlsDuration, expectAudio: true);
        Assert.Equal(service.Site.HlsVideoHeights.Where(h => h <= 360).DefaultIfEmpty(low).Max(), probe.Heights.Max());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_webm_download_of_an_h264_source_is_reencoded_into_webm()
    {
        // Act
        string requestId = await service.CreateDownloadAsync(service.Site.HtmlPageVideo, new { video_format = "webm" });
        JsonElement job = await service.WaitForFinishAsync(requestId);

        // Assert
        await AssertCompletedWithStreamsAsync(job, service.Site.HtmlPageDuration, expectAudio: true);
        Assert.EndsWith(".webm", job.GetProperty("file_path").GetString(), StringComparison.Ordinal);
        Assert.Equal("webm", job.GetProperty("format").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task An_audio_only_download_has_audio_and_no_video()
    {
        // Act
        string requestId = await service.CreateDownloadAsync(service.Site.DirectMp4, new { audio_only = true });
        JsonElement job = await service.WaitForFinishAsync(requestId);

        // Assert
        Assert.Equal("completed", job.GetProperty("status").GetString());
        (Ffprobe.Result probe, _, _) = await Ffprobe.DownloadAndProbeAsync(new Uri(job.GetProperty("file_url").GetString()!));
        Assert.Equal(0, probe.Count("video"));
        Assert.Equal(1, probe.Count("audio"));
        Assert.EndsWith(".m4a", job.GetProperty("file_path").GetString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_missing_source_fails_with_a_readable_error_and_logs_what_happened()
    {
        // Act
        string requestId = await service.CreateDownloadAsync(service.Site.NotFound);
        JsonElement job = await service.WaitForFinishAsync(requestId);

        // Assert
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal("unavailable", job.GetProperty("error_code").GetString());
        string error = job.GetProperty("error").GetString()!;
        Assert.Contains("404", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Traceback", error, StringComparison.Ordinal);
        Assert.False(job.TryGetProperty("file_url", out _));

        using HttpResponseMessage logs = await service.Http.GetAsync($"/api/v1/download/{requestId}/logs");
        Assert.Equal(HttpStatusCode.OK, logs.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await logs.Content.ReadAsStringAsync());
        string[] messages = [.. body.RootElement.GetProperty("logs").EnumerateArray().Select(l => l.GetProperty("message").GetString()!)];
        Assert.Equal(messages.Length, body.RootElement.GetProperty("total_count").GetInt32());
        Assert.Contains(messages, m => m.Contains("404", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Job failed (unavailable)", StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unknown_request_id_is_not_found()
    {
        // Act
        using HttpResponseMessage get = await service.Http.GetAsync($"/api/v1/download/{Guid.NewGuid():N}");
        using HttpResponseMessage logs = await service.Http.GetAsync($"/api/v1/download/{Guid.NewGuid():N}/logs");
        using HttpResponseMessage cancel = await service.Http.DeleteAsync("/api/v1/download/not-an-id");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, logs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task Progress_moves_forward_only_and_ends_at_one_hundred()
    {
        // Arrange
        string requestId = await service.CreateDownloadAsync(service.Site.SlowMp4);
        var seen = new List<double>();

        // Act
        JsonElement job;
        do
        {
            job = await service.GetJobAsync(requestId);
            seen.Add(job.GetProperty("progress_percent").GetDouble());
            await Task.Delay(300);
        }
        while (job.GetProperty("status").GetString() is "queued" or "running");

        // Assert
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(100, seen[^1]);
        Assert.Contains(seen, p => p is > 0 and < 100);
        for (int i = 1; i < seen.Count; i++)
        {
            Assert.True(seen[i] >= seen[i - 1], $"progress went back from {seen[i - 1]} to {seen[i]}");
        }
    }

    private async Task<Ffprobe.Result> AssertCompletedWithStreamsAsync(JsonElement job, TimeSpan expectedDuration, bool expectAudio)
    {
        Assert.True(job.GetProperty("status").GetString() == "completed", $"job did not complete: {job}");
        Assert.Equal(100, job.GetProperty("progress_percent").GetDouble());
        string requestId = job.GetProperty("request_id").GetString()!;
        string filePath = job.GetProperty("file_path").GetString()!;
        Assert.StartsWith(requestId + "/", filePath, StringComparison.Ordinal);
        Assert.True(job.GetProperty("deletion_time").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(23));

        var fileUrl = new Uri(job.GetProperty("file_url").GetString()!);
        Assert.Contains("sig=", fileUrl.Query, StringComparison.Ordinal);
        (Ffprobe.Result probe, long length, HttpResponseMessage response) = await Ffprobe.DownloadAndProbeAsync(fileUrl);
        using (response)
        {
            Assert.Equal(job.GetProperty("file_size").GetInt64(), length);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        }

        Assert.Equal(1, probe.Count("video"));
        Assert.Equal(expectAudio ? 1 : 0, probe.Count("audio"));
        Assert.InRange(probe.Duration, expectedDuration.TotalSeconds - DurationTolerance, expectedDuration.TotalSeconds + DurationTolerance);

        // Exactly one blob, under the job's prefix.
        var blobs = new List<BlobItem>();
        await foreach (BlobItem blob in service.Results.GetBlobsAsync(new GetBlobsOptions { Prefix = requestId + "/" }))
        {
            blobs.Add(blob);
        }

        Assert.Single(blobs);
        return probe;
    }
}
