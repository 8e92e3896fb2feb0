using System.Globalization;
using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;

namespace FunctionsDownloader.MediaSite.Tests;

/// <summary>
/// Runs the real yt-dlp and ffprobe from PATH the way the service does: argument lists, no shell,
/// <c>--ignore-config</c>, and <c>--</c> before the URL.
/// </summary>
public static class Tools
{
    private static readonly TimeSpan _processTimeout = TimeSpan.FromSeconds(40);

    public static string[] YtDlpArguments(Uri url, IEnumerable<string> arguments) =>
        ["--ignore-config", "--no-cache-dir", "--no-progress", .. arguments, "--", url.AbsoluteUri];

    public static async Task<BufferedCommandResult> YtDlpAsync(Uri url, IEnumerable<string> arguments)
    {
        using var timeout = new CancellationTokenSource(_processTimeout);
        return await Cli.Wrap("yt-dlp")
            .WithArguments(YtDlpArguments(url, arguments))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);
    }

    /// <summary>Runs <c>yt-dlp -J</c>; fails with yt-dlp's stderr when it exits non-zero.</summary>
    public static async Task<JsonElement> YtDlpJsonAsync(Uri url, params string[] arguments)
    {
        var result = await YtDlpAsync(url, ["-J", .. arguments]);
        Assert.True(
            result.ExitCode == 0, $"yt-dlp -J {url} exited with {result.ExitCode}: {result.StandardError}");

        using var document = JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.Clone();
    }

    /// <summary>Downloads into <paramref name="directory"/>; returns the one finished file.</summary>
    public static async Task<string> DownloadAsync(
        Uri url, TemporaryDirectory directory, params string[] arguments)
    {
        var result = await YtDlpAsync(url, ["-P", directory.Path, "-o", "%(id)s.%(ext)s", .. arguments]);
        Assert.True(
            result.ExitCode == 0, $"yt-dlp {url} exited with {result.ExitCode}: {result.StandardError}");

        return Assert.Single(directory.CompletedFiles());
    }

    /// <summary>Probes a file or URL with ffprobe.</summary>
    public static async Task<Probe> ProbeAsync(string input)
    {
        using var timeout = new CancellationTokenSource(_processTimeout);
        var result = await Cli.Wrap("ffprobe")
            .WithArguments(
            [
                "-v", "error", "-print_format", "json",
                "-show_entries", "stream=codec_type,codec_name,height:format=duration",
                input,
            ])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);
        Assert.True(
            result.ExitCode == 0, $"ffprobe {input} exited with {result.ExitCode}: {result.StandardError}");

        using var document = JsonDocument.Parse(result.StandardOutput);
        var streams = document.RootElement.GetProperty("streams").EnumerateArray()
            .Select(stream => new ProbedTrack(
                stream.GetProperty("codec_type").GetString()!,
                stream.GetProperty("codec_name").GetString()!,
                stream.TryGetProperty("height", out var height) ? height.GetInt32() : null))
            .ToList();
        var duration = document.RootElement.GetProperty("format").GetProperty("duration").GetString()!;
        return new Probe(streams, TimeSpan.FromSeconds(double.Parse(duration, CultureInfo.InvariantCulture)));
    }
}

/// <summary>What ffprobe found in a file.</summary>
public sealed record Probe(IReadOnlyList<ProbedTrack> Streams, TimeSpan Duration)
{
    public IReadOnlyList<ProbedTrack> Video => [.. Streams.Where(stream => stream.CodecType == "video")];

    public IReadOnlyList<ProbedTrack> Audio => [.. Streams.Where(stream => stream.CodecType == "audio")];
}

/// <summary>One stream (video, audio, ...) as ffprobe reports it.</summary>
public sealed record ProbedTrack(string CodecType, string CodecName, int? Height);
