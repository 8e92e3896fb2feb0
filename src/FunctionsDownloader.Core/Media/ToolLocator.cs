using FunctionsDownloader.Configuration;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Media;

/// <summary>
/// Finds yt-dlp, ffmpeg and ffprobe: the configured path first, then a copy bundled under the
/// app's <c>tools/</c> folder, then <c>PATH</c>.
/// </summary>
public sealed class ToolLocator(IOptions<DownloaderOptions> options)
{
    /// <summary>The tool names the service runs.</summary>
    public const string YtDlp = "yt-dlp";

    /// <inheritdoc cref="YtDlp"/>
    public const string Ffmpeg = "ffmpeg";

    /// <inheritdoc cref="YtDlp"/>
    public const string Ffprobe = "ffprobe";

    /// <summary>The full path of <paramref name="tool"/>.</summary>
    /// <exception cref="FileNotFoundException">The tool is nowhere to be found.</exception>
    public string Resolve(string tool)
    {
        string? configured = tool switch
        {
            YtDlp => options.Value.YtDlpPath,
            Ffmpeg => options.Value.FfmpegPath,
            Ffprobe => options.Value.FfprobePath,
            _ => throw new ArgumentOutOfRangeException(nameof(tool), tool, "Unknown tool."),
        };

        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new FileNotFoundException(
                    $"The configured path of {tool} '{configured}' does not exist. Fix the setting or clear it " +
                    "to use the bundled copy or the one on PATH.",
                    configured);
        }

        string bundled = Path.Combine(AppContext.BaseDirectory, "tools", tool);
        if (File.Exists(bundled))
        {
            return bundled;
        }

        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0)
            {
                continue;
            }

            string candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"{tool} was not found in the configured path, the app's tools folder or PATH. " +
            $"Install it (apt-get install {(tool == YtDlp ? "yt-dlp" : "ffmpeg")}) or set its path.",
            tool);
    }
}
