using System.Text.Json;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Downloads;

/// <summary>Progress a caller can trust, sampled while a merged (video + audio) download runs.</summary>
[Collection(ServiceGroup.Name)]
public sealed class ProgressTests(ServiceFixture service)
{
    private static readonly string[] PhaseOrder =
        ["queued", "resolving", "downloading", "merging", "processing", "uploading", "finished"];

    [Fact(Timeout = 120_000)]
    public async Task Progress_of_a_merged_download_never_goes_back_and_ends_at_one_hundred()
    {
        // Arrange: the HLS master served slowly, so that a download of video and audio takes seconds.
        var source = new Uri(service.Site.SlowBaseUri, "hls/master.m3u8");
        string requestId = await service.CreateDownloadAsync(source, new { quality = "720p" });
        var samples = new List<JsonElement>();

        // Act
        JsonElement job;
        do
        {
            job = await service.GetJobAsync(requestId);
            samples.Add(job);
            await Task.Delay(150);
        }
        while (job.GetProperty("status").GetString() is "queued" or "running");

        // Assert
        Assert.True(job.GetProperty("status").GetString() == "completed", $"job did not complete: {job}");
        double[] percents = [.. samples.Select(s => s.GetProperty("progress_percent").GetDouble())];
        Assert.Equal(100, percents[^1]);
        for (int i = 1; i < percents.Length; i++)
        {
            Assert.True(percents[i] >= percents[i - 1], $"progress went back from {percents[i - 1]} to {percents[i]}");
        }

        int[] phases = [.. samples.Select(s => Array.IndexOf(PhaseOrder, s.GetProperty("phase").GetString()))];
        Assert.DoesNotContain(-1, phases);
        for (int i = 1; i < phases.Length; i++)
        {
            Assert.True(
                phases[i] >= phases[i - 1],
                $"the phase went back from {PhaseOrder[phases[i - 1]]} to {PhaseOrder[phases[i]]}");
        }

        // Part way through the video and the audio, with bytes and a rate.
        JsonElement[] downloading = [.. samples.Where(s => s.GetProperty("phase").GetString() == "downloading" &&
            s.GetProperty("progress_percent").GetDouble() is > 0 and < 90)];
        Assert.NotEmpty(downloading);
        Assert.Contains(downloading, s => s.TryGetProperty("downloaded_bytes", out JsonElement b) && b.GetInt64() > 0);
        Assert.Contains(
            downloading, s => s.TryGetProperty("speed_bytes_per_second", out JsonElement b) && b.GetDouble() > 0);
        Assert.Contains(
            await service.LogMessagesAsync(requestId),
            m => m.StartsWith("Merging the video and audio", StringComparison.Ordinal));
    }
}
