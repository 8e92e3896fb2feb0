using System.Text.Json;
using FunctionsDownloader.MediaSite;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Downloads;

/// <summary>Each download option end to end on the local media site, the result checked with ffprobe.</summary>
[Collection(ServiceGroup.Name)]
public sealed class DownloadOptionsTests(ServiceFixture service)
{
    private const double Tolerance = 0.5;

    [Fact(Timeout = 120_000)]
    public async Task A_720p_download_of_the_hls_source_is_720_lines_high_and_keeps_its_audio()
    {
        // Act
        (JsonElement job, Ffprobe.Result probe) = await DownloadAsync(service.Site.HlsMaster, new { quality = "720p" });

        // Assert
        Assert.Equal([720], probe.Heights);
        Assert.Equal(1, probe.Count("audio"));

        // yt-dlp states no duration for HLS; the job's is the file's, from ffprobe.
        double expected = service.Site.HlsDuration.TotalSeconds;
        Assert.InRange(job.GetProperty("duration").GetDouble(), expected - Tolerance, expected + Tolerance);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_360p_download_of_the_hls_source_is_360_lines_high()
    {
        // Act
        (_, Ffprobe.Result probe) = await DownloadAsync(service.Site.HlsMaster, new { quality = "360p" });

        // Assert
        Assert.Equal([360], probe.Heights);
        Assert.Equal(1, probe.Count("audio"));
    }

    [Fact(Timeout = 120_000)]
    public async Task An_mp3_audio_download_has_one_mp3_stream_and_no_video()
    {
        // Act
        (JsonElement job, Ffprobe.Result probe) = await DownloadAsync(
            service.Site.DirectMp4, new { audio_only = true, audio_format = "mp3" });

        // Assert
        Ffprobe.StreamInfo audio = Assert.Single(probe.Streams);
        Assert.Equal(("audio", "mp3"), (audio.Type, audio.Codec));
        Assert.Equal("mp3", probe.FormatName);
        Assert.EndsWith(".mp3", job.GetProperty("file_path").GetString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_mkv_download_is_a_matroska_file_remuxed_without_reencoding()
    {
        // Act
        (JsonElement job, Ffprobe.Result probe) = await DownloadAsync(
            service.Site.DirectMp4, new { video_format = "mkv" });

        // Assert
        Assert.StartsWith("matroska", probe.FormatName, StringComparison.Ordinal);
        Assert.Equal(["h264", "aac"], probe.Streams.Select(s => s.Codec));
        Assert.EndsWith(".mkv", job.GetProperty("file_path").GetString(), StringComparison.Ordinal);
        await AssertLoggedAsync(job, "Remuxing from mp4 into mkv: the streams are copied");
    }

    [Fact(Timeout = 120_000)]
    public async Task A_clip_from_2_to_5_seconds_lasts_3_seconds()
    {
        // Act
        (JsonElement job, Ffprobe.Result probe) = await DownloadAsync(
            service.Site.DirectMp4, new { start_time = 2, end_time = "00:00:05" });

        // Assert
        Assert.InRange(probe.Duration, 3 - Tolerance, 3 + Tolerance);
        Assert.InRange(job.GetProperty("duration").GetDouble(), 3 - Tolerance, 3 + Tolerance);
        Assert.Equal(1, probe.Count("video"));
        Assert.Equal(1, probe.Count("audio"));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_clip_of_the_hls_source_merges_video_and_audio_of_that_span()
    {
        // Act
        (_, Ffprobe.Result probe) = await DownloadAsync(
            service.Site.HlsMaster, new { quality = "360p", start_time = "0:01.5", end_time = 4.5 });

        // Assert
        Assert.InRange(probe.Duration, 3 - Tolerance, 3 + Tolerance);
        Assert.Equal([360], probe.Heights);
        Assert.Equal(1, probe.Count("audio"));
    }

    [Fact(Timeout = 120_000)]
    public async Task Embedded_subtitles_add_a_subtitle_stream_in_their_language()
    {
        // Act
        (JsonElement job, Ffprobe.Result probe) = await DownloadAsync(
            service.Site.HtmlPage,
            new { subtitles = new[] { service.Site.SubtitlesLanguage }, embed_subtitles = true });

        // Assert
        Ffprobe.StreamInfo subtitles = Assert.Single(probe.Streams, s => s.Type == "subtitle");
        Assert.Equal("mov_text", subtitles.Codec);
        Assert.Equal(1, probe.Count("video"));
        await AssertLoggedAsync(job, "Embedding the subtitles.");
    }

    [Fact(Timeout = 120_000)]
    public async Task Embedded_metadata_writes_the_title_tag()
    {
        // Act
        (_, Ffprobe.Result probe) = await DownloadAsync(service.Site.WatchPage, new { embed_metadata = true });

        // Assert
        Assert.Equal(service.Site.WatchPageTitle, probe.Tags["title"]);
        Assert.Equal(service.Site.WatchPageUploader, probe.Tags["artist"]);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_embedded_thumbnail_is_cover_art_beside_the_video()
    {
        // Act
        (_, Ffprobe.Result probe) = await DownloadAsync(
            service.Site.WatchPage, new { embed_thumbnail = true, video_format = "mkv" });

        // Assert
        Assert.Single(probe.Streams, s => s.IsAttachedPicture);
        Assert.Single(probe.Streams, s => s.Type == "video" && !s.IsAttachedPicture);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_clip_past_the_stated_duration_fails_the_job_with_a_clear_error()
    {
        // Arrange: a URL nobody has extracted, so that only the job's resolve step learns the duration.
        Uri source = LocalMediaSite.FreshUrl(service.Site.WatchPage);

        // Act
        string requestId = await service.CreateDownloadAsync(source, new { start_time = 2, end_time = 30 });
        JsonElement job = await service.WaitForFinishAsync(requestId);

        // Assert
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal("clip_out_of_range", job.GetProperty("error_code").GetString());
        Assert.Equal("'end_time' (30 s) is past the end of the media (5 s).", job.GetProperty("error").GetString());
        Assert.False(job.TryGetProperty("file_url", out _));
    }

    private async Task<(JsonElement Job, Ffprobe.Result Probe)> DownloadAsync(Uri source, object options)
    {
        string requestId = await service.CreateDownloadAsync(source, options);
        JsonElement job = await service.WaitForFinishAsync(requestId);
        Assert.True(job.GetProperty("status").GetString() == "completed", $"job did not complete: {job}");
        (Ffprobe.Result probe, long length, HttpResponseMessage response) =
            await Ffprobe.DownloadAndProbeAsync(new Uri(job.GetProperty("file_url").GetString()!));
        response.Dispose();
        Assert.Equal(job.GetProperty("file_size").GetInt64(), length);
        return (job, probe);
    }

    private async Task AssertLoggedAsync(JsonElement job, string message)
    {
        string[] logs = await service.LogMessagesAsync(job.GetProperty("request_id").GetString()!);
        Assert.True(logs.Any(m => m.Contains(message, StringComparison.Ordinal)), string.Join('\n', logs));
    }
}
