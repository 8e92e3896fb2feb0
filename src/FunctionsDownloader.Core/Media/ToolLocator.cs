using FunctionsDownloader.Configuration;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Media;

/// <summary>
/// Finds yt-dlp, ffmpeg and ffprobe: the configured path first, then a copy bundled under the
/// app's <c>tools/</c> folder, then <c>PATH</c>.
/// </summary>
public sealed class ToolLocator
{
    /// <summary>The tool names the service runs.</summary>
    public const string YtDlp = "yt-dlp";

    /// <inheritdoc cref="YtDlp"/>
    public const string Ffmpeg = "ffmpeg";

    /// <inheritdoc cref="YtDlp"/>
    public const string Ffprobe = "ffprobe";

    /// <summary>The folder under the app's base directory that holds the bundled tools.</summary>
    public const string BundleFolderName = "tools";

    private const UnixFileMode AnyExecute =
        UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private const UnixFileMode Executable = AnyExecute
        | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly IOptions<DownloaderOptions> _options;
    private readonly Lazy<string> _executableBundle;

    /// <summary>Looks for bundled tools next to the running app.</summary>
    public ToolLocator(IOptions<DownloaderOptions> options)
        : this(options, AppContext.BaseDirectory)
    {
    }

    /// <summary>Looks for bundled tools under <paramref name="baseDirectory"/> (a published app's folder).</summary>
    public ToolLocator(IOptions<DownloaderOptions> options, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(baseDirectory);

        _options = options;
        BundleDirectory = Path.Combine(Path.GetFullPath(baseDirectory), BundleFolderName);
        _executableBundle = new Lazy<string>(CopyBundleWithExecuteBits, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Where bundled tools are looked for.</summary>
    public string BundleDirectory { get; }

    /// <summary>The full path of <paramref name="tool"/>.</summary>
    /// <exception cref="FileNotFoundException">The tool is nowhere to be found.</exception>
    public string Resolve(string tool)
    {
        string? configured = tool switch
        {
            YtDlp => _options.Value.YtDlpPath,
            Ffmpeg => _options.Value.FfmpegPath,
            Ffprobe => _options.Value.FfprobePath,
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

        string bundled = Path.Combine(BundleDirectory, tool);
        if (File.Exists(bundled))
        {
            return IsExecutable(bundled) ? bundled : Path.Combine(_executableBundle.Value, tool);
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

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & AnyExecute) != 0;

    // Some ways of deploying a zip package drop the execute bits, and the package is mounted read-only
    // (chmod fails there), so the bundle is copied once to a temporary folder where it can run. The
    // whole folder goes together: yt-dlp finds deno next to itself.
    // https://github.com/Azure/functions-action/issues/274
    private string CopyBundleWithExecuteBits()
    {
        DirectoryInfo copy = Directory.CreateTempSubdirectory("fd-tools-");
        foreach (string file in Directory.EnumerateFiles(BundleDirectory))
        {
            string target = Path.Combine(copy.FullName, Path.GetFileName(file));
            File.Copy(file, target);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, Executable);
            }
        }

        return copy.FullName;
    }
}
