using System.Text.Json;
using FunctionsDownloader.Media;

namespace FunctionsDownloader.Tests.Media;

/// <summary>One percent across the parts of a merged download, its post-processing and upload.</summary>
public sealed class ProgressTrackerTests
{
    [Fact]
    public void Video_and_audio_parts_fill_one_percent_that_never_goes_back()
    {
        // Arrange
        var tracker = new ProgressTracker(
            [new MediaPart("800", "m3u8_native", null, "mp4"), new MediaPart("audio", "m3u8_native", null, "mp4")]);
        var seen = new List<double>();

        // Act
        Report(tracker, "800", Downloading(100, estimate: 1000, speed: 100), seen);
        Report(tracker, "800", Downloading(400, estimate: 500, speed: 100), seen);
        Report(tracker, "800", Downloading(300, estimate: 1200, speed: 100), seen);
        Report(tracker, "800", """{"status": "finished", "downloaded_bytes": 1000, "total_bytes": 1000}""", seen);
        DownloadProgress afterVideo = tracker.Current;
        const string audio = """{"status": "downloading", "downloaded_bytes": 50, "total_bytes": 200, "speed": 50}""";
        Report(tracker, "audio", audio, seen);
        DownloadProgress duringAudio = tracker.Current;
        Report(tracker, "audio", """{"status": "finished", "downloaded_bytes": 200, "total_bytes": 200}""", seen);
        tracker.OnPostprocessing("merging");
        seen.Add(tracker.Current.Percent);
        tracker.OnUpload(600, 1200);
        seen.Add(tracker.Current.Percent);
        tracker.OnUpload(1200, 1200);
        seen.Add(tracker.Current.Percent);

        // Assert
        Assert.Equal(seen.Order(), seen);
        Assert.Equal(45, afterVideo.Percent);
        Assert.Equal(1050, duringAudio.DownloadedBytes);
        Assert.Equal(1200, duringAudio.TotalBytes);
        Assert.Equal(3, duringAudio.EtaSeconds);
        Assert.Equal(100, seen[^1]);
        Assert.Equal("uploading", tracker.Current.Phase);
    }

    [Fact]
    public void Post_processing_events_glued_to_the_next_line_are_still_read()
    {
        // Arrange: yt-dlp 2023.03.04 prints post-processing progress without a line break.
        var tracker = new ProgressTracker([new MediaPart("mp4", "http", 1000, "mp4")]);
        var log = new List<(string Level, string Message)>();

        // Act
        YtDlp.OnOutputLine(
            "[fd-pp] VideoRemuxer started[VideoRemuxer] Remuxing video from mp4 to mkv; Destination: media.mkv",
            tracker,
            (level, message) => log.Add((level, message)));
        YtDlp.OnOutputLine("[fd-pp] MoveFiles started[fd-pp] MoveFiles finished", tracker, (l, m) => log.Add((l, m)));

        // Assert
        Assert.Equal("processing", tracker.Current.Phase);
        Assert.Equal(
            [
                "Post-processing with VideoRemuxer.",
                "[VideoRemuxer] Remuxing video from mp4 to mkv; Destination: media.mkv",
                "Remuxing from mp4 into mkv: the streams are copied, not re-encoded.",
                "Post-processing with MoveFiles.",
            ],
            log.Select(l => l.Message));
    }

    // A fragment download reports an estimate of the total that changes as it goes.
    [Theory]
    [InlineData("""{"status": "downloading", "downloaded_bytes": 10, "total_bytes": 500}""", 500L)]
    [InlineData("""{"status": "downloading", "total_bytes": null, "total_bytes_estimate": 900}""", null)]
    [InlineData("""{"status": "finished", "downloaded_bytes": 300, "total_bytes": 300}""", null)]
    public void Only_a_size_the_server_announced_counts_as_announced(string line, long? announced)
    {
        // Arrange
        var tracker = new ProgressTracker([new MediaPart("mp4", "http", null, "mp4")]);
        var seen = new List<double>();

        // Act
        Report(tracker, "mp4", line, seen);

        // Assert
        Assert.Equal(announced, tracker.AnnouncedBytes);
    }

    private static string Downloading(long bytes, long estimate, double speed) =>
        JsonSerializer.Serialize(
            new { status = "downloading", downloaded_bytes = bytes, total_bytes_estimate = estimate, speed });

    private static void Report(ProgressTracker tracker, string formatId, string json, List<double> seen)
    {
        using JsonDocument progress = JsonDocument.Parse(json);
        tracker.OnDownloadProgress(formatId, progress.RootElement);
        seen.Add(tracker.Current.Percent);
    }
}
