using FunctionsDownloader.Downloads;
using FunctionsDownloader.Media;

namespace FunctionsDownloader.Tests.Media;

/// <summary>Which downloads go straight from yt-dlp into storage, and why the others need the job directory.</summary>
public sealed class DirectStreamPlanTests
{
    private static readonly MediaPart DirectMp4 = new("mp4", "http", null, "mp4");

    [Theory]
    [InlineData("http", "mp4", "mp4")]
    [InlineData("https", "MP4", "mp4")]
    [InlineData("https", "webm", "webm")]
    [InlineData("http", "mkv", "mkv")]
    public void One_plain_http_file_already_in_the_requested_container_is_streamed(
        string protocol, string extension, string videoFormat)
    {
        // Arrange
        var options = new DownloadOptions { VideoFormat = videoFormat };
        MediaPart part = DirectMp4 with { Protocol = protocol, Extension = extension };

        // Act
        DirectStreamPlan? plan = DirectStreamPlan.For(options, [part], out string reason);

        // Assert
        Assert.Equal(new DirectStreamPlan("mp4", videoFormat), plan);
        Assert.Equal("", reason);
    }

    public static TheoryData<string, DownloadOptions, MediaPart[], string> FileCases() => new()
    {
        { "audio only", new DownloadOptions { AudioOnly = true }, [DirectMp4], "audio is extracted" },
        { "clip start", new DownloadOptions { StartTime = 1 }, [DirectMp4], "clip" },
        { "clip end", new DownloadOptions { EndTime = 3 }, [DirectMp4], "clip" },
        { "subtitles", new DownloadOptions { Subtitles = ["en"], EmbedSubtitles = true }, [DirectMp4], "embedded" },
        { "thumbnail", new DownloadOptions { EmbedThumbnail = true }, [DirectMp4], "embedded" },
        { "metadata", new DownloadOptions { EmbedMetadata = true }, [DirectMp4], "embedded" },
        { "remux", new DownloadOptions { VideoFormat = "mkv" }, [DirectMp4], "converted into mkv" },
        { "recode", new DownloadOptions { VideoFormat = "webm" }, [DirectMp4], "converted into webm" },
        {
            "merge", new DownloadOptions(),
            [new MediaPart("800", "m3u8_native", null, "mp4"), new MediaPart("audio", "m3u8_native", null, "mp4")],
            "merged"
        },
        { "hls", new DownloadOptions(), [new MediaPart("800", "m3u8_native", null, "mp4")], "m3u8_native" },
        {
            "dash", new DownloadOptions(), [new MediaPart("v1", "http_dash_segments", null, "mp4")],
            "http_dash_segments"
        },
        { "no parts", new DownloadOptions(), [], "did not say" },
        { "no extension", new DownloadOptions(), [DirectMp4 with { Extension = null }], "unknown file" },
        { "odd id", new DownloadOptions(), [DirectMp4 with { FormatId = "a]b" }], "format id" },
    };

    [Theory]
    [MemberData(nameof(FileCases))]
    public void Anything_that_needs_ffmpeg_or_is_not_one_file_goes_through_the_job_directory(
        string name, DownloadOptions options, MediaPart[] parts, string because)
    {
        // Act
        DirectStreamPlan? plan = DirectStreamPlan.For(options, parts, out string reason);

        // Assert
        Assert.True(plan is null, $"{name} was streamed");
        Assert.Contains(because, reason, StringComparison.Ordinal);
    }
}
