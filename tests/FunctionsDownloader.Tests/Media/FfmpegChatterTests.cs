using FunctionsDownloader.Media;

namespace FunctionsDownloader.Tests.Media;

/// <summary>ffmpeg's chatter during a clip download stays out of job logs; errors and yt-dlp's lines stay in.</summary>
public sealed class FfmpegChatterTests
{
    [Theory]
    [InlineData("Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'http://127.0.0.2:8089/media/clip.mp4':")]
    [InlineData("  Metadata:")]
    [InlineData("    encoder         : Lavf59.27.100")]
    [InlineData("  Stream #0:0[0x1](und): Video: h264 (Constrained Baseline), yuv420p, 320x180")]
    [InlineData("Stream mapping:")]
    [InlineData("Press [q] to stop, [?] for help")]
    [InlineData("[libx264 @ 0x5561e0ca5dc0] frame I:1     Avg QP:12.70  size:   640")]
    [InlineData("frame=   50 fps=0.0 q=-1.0 Lsize=      22kB time=00:00:02.00 bitrate=  90.6kbits/s speed=  10x")]
    [InlineData("video:2kB audio:17kB subtitle:0kB other streams:0kB global headers:0kB muxing overhead: 15%")]
    public void Banner_listing_statistics_and_status_lines_are_chatter(string line)
    {
        // Act
        bool chatter = FfmpegChatter.IsChatter(line);

        // Assert
        Assert.True(chatter, line);
    }

    [Theory]
    [InlineData("[download] Destination: media.mp4")]
    [InlineData("[info] clip: Downloading 1 time ranges: 1.0-3.0")]
    [InlineData("ERROR: ffmpeg exited with code 1")]
    [InlineData("WARNING: [generic] Falling back on generic information extractor")]
    [InlineData("Invalid duration specification for t: inf")]
    [InlineData("[mp4 @ 0x55d0c1a2b3c0] Invalid data found when processing input")]
    [InlineData("Conversion failed!")]
    public void Yt_dlp_lines_and_ffmpeg_errors_are_kept(string line)
    {
        // Act
        bool chatter = FfmpegChatter.IsChatter(line);

        // Assert
        Assert.False(chatter, line);
    }
}
