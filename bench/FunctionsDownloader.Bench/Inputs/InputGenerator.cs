using System.Globalization;
using CliWrap;
using CliWrap.Buffered;

namespace FunctionsDownloader.Bench.Inputs;

/// <summary>
/// Makes the inputs with ffmpeg once per cache directory. One 10-second segment of 720p noise is
/// encoded at about 40 Mbit/s (noise does not compress, so sizes are real bytes on the wire), and
/// every input is that segment looped with stream copy to the size it needs: fast, and each file is
/// ordinary, playable media. Generation goes into a temporary folder renamed into place at the end,
/// so an interrupted run never leaves half an input set.
/// </summary>
public static class InputGenerator
{
    // Bump when what is generated changes; it names the cache folder.
    private const string Recipe = "v2";
    private const int BatchCount = 20;
    private const double SegmentSeconds = 10;
    private const double Megabyte = 1_000_000;

    /// <summary>The inputs under <paramref name="cacheRoot"/>, generated first when missing.</summary>
    public static async Task<InputSet> EnsureAsync(
        string cacheRoot, Action<string> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(say);

        string target = Path.Combine(cacheRoot, Recipe);
        string[] batch = [.. Enumerable.Range(1, BatchCount).Select(i => $"batch/item-{i:00}.mp4")];
        if (Directory.Exists(target))
        {
            say($"inputs: reusing {target}");
            return new InputSet(target, batch);
        }

        string temporary = target + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(Path.Combine(temporary, "hls"));
        Directory.CreateDirectory(Path.Combine(temporary, "batch"));
        try
        {
            say($"inputs: generating into {target} (once)");
            await GenerateAsync(temporary, batch, cancellationToken);
            Directory.Move(temporary, target);
            return new InputSet(target, batch);
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    private static async Task GenerateAsync(string directory, string[] batch, CancellationToken cancellationToken)
    {
        string segment = Path.Combine(directory, "segment.mp4");
        string seconds = Seconds(SegmentSeconds);
        await FfmpegAsync(
            directory,
            cancellationToken,
            "-f", "lavfi", "-i", $"testsrc2=size=1280x720:rate=25:duration={seconds}",
            "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:duration={seconds}",
            "-vf", "noise=alls=40:allf=t",
            "-c:v", "libx264", "-preset", "ultrafast", "-profile:v", "high", "-pix_fmt", "yuv420p",
            "-b:v", "40M", "-maxrate", "40M", "-bufsize", "40M", "-g", "50", "-keyint_min", "50", "-sc_threshold", "0",
            "-c:a", "aac", "-b:a", "128k", "-shortest", "-movflags", "+faststart", segment);
        double bytesPerSecond = new FileInfo(segment).Length / SegmentSeconds;

        await LoopAsync(directory, segment, InputSet.Direct50, 50 * Megabyte / bytesPerSecond, 0, cancellationToken);
        await LoopAsync(directory, segment, InputSet.Direct500, 500 * Megabyte / bytesPerSecond, 0, cancellationToken);
        for (int i = 0; i < batch.Length; i++)
        {
            // Each item starts at another key frame of the segment (an output -ss in stream copy drops the
            // packets before it), so no two files are the same.
            double itemSeconds = 20 * Megabyte / bytesPerSecond;
            await LoopAsync(directory, segment, batch[i], itemSeconds, 2 * (i % 5), cancellationToken);
        }

        await HlsAsync(directory, segment, 200 * Megabyte / bytesPerSecond, cancellationToken);
        File.Delete(segment);
    }

    private static Task LoopAsync(
        string directory,
        string segment,
        string output,
        double seconds,
        double start,
        CancellationToken cancellationToken) =>
        FfmpegAsync(
            directory,
            cancellationToken,
            "-stream_loop", "-1", "-i", segment, "-ss", Seconds(start), "-t", Seconds(seconds),
            "-map", "0", "-c", "copy", "-movflags", "+faststart", output);

    // Video and audio are cut into 4-second TS segments of their own, and the master (written by hand,
    // as ffmpeg 5.1's own lists the audio a second time as a variant) points at them.
    private static async Task HlsAsync(
        string directory, string segment, double seconds, CancellationToken cancellationToken)
    {
        string hls = Path.Combine(directory, "hls");
        string length = Seconds(seconds);
        await FfmpegAsync(
            hls,
            cancellationToken,
            "-stream_loop", "-1", "-i", segment,
            "-map", "0:v", "-c", "copy", "-t", length, "-f", "hls", "-hls_time", "4", "-hls_playlist_type", "vod",
            "-hls_segment_filename", "video_%03d.ts", "video.m3u8",
            "-map", "0:a", "-c", "copy", "-t", length, "-f", "hls", "-hls_time", "4", "-hls_playlist_type", "vod",
            "-hls_segment_filename", "audio_%03d.ts", "audio.m3u8");

        long videoBytes = new DirectoryInfo(hls).EnumerateFiles("video_*.ts").Sum(f => f.Length);
        long bandwidth = (long)(videoBytes * 8 / seconds);
        string master = string.Join(
            '\n',
            "#EXTM3U",
            "#EXT-X-VERSION:3",
            "#EXT-X-INDEPENDENT-SEGMENTS",
            "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\",NAME=\"English\",LANGUAGE=\"en\"," +
                "DEFAULT=YES,AUTOSELECT=YES,URI=\"audio.m3u8\"",
            string.Create(
                CultureInfo.InvariantCulture,
                $"#EXT-X-STREAM-INF:BANDWIDTH={bandwidth},RESOLUTION=1280x720,") +
                "CODECS=\"avc1.640028,mp4a.40.2\",AUDIO=\"audio\"",
            "video.m3u8",
            "");
        await File.WriteAllTextAsync(Path.Combine(directory, InputSet.HlsMaster), master, cancellationToken);
    }

    private static async Task FfmpegAsync(
        string workingDirectory, CancellationToken cancellationToken, params string[] arguments)
    {
        BufferedCommandResult result = await Cli.Wrap("ffmpeg")
            .WithArguments(["-hide_banner", "-nostdin", "-loglevel", "error", "-y", .. arguments])
            .WithWorkingDirectory(workingDirectory)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"ffmpeg exited with {result.ExitCode} while generating the benchmark's inputs " +
                $"in '{workingDirectory}'. " +
                $"Check that ffmpeg has lavfi, libx264 and aac. It said: {result.StandardError.Trim()}");
        }
    }

    private static string Seconds(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
