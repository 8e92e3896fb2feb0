using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using CliWrap;
using CliWrap.Buffered;

namespace FunctionsDownloader.MediaSite.Generation;

/// <summary>
/// Generates the media of <see cref="MediaRecipe"/> once per cache directory. Each start generates
/// into its own temporary folder and renames it into place, so concurrent starts (threads or
/// processes) never see half-written media; the loser of the rename drops its copy.
/// </summary>
internal static class MediaGenerator
{
    private const int _standardErrorTailLines = 15;

    private static readonly TimeSpan _staleAfter = TimeSpan.FromHours(1);

    public static async Task<GeneratedMedia> EnsureAsync(
        string cacheRoot, string ffmpegPath, CancellationToken cancellationToken)
    {
        var target = Path.Combine(cacheRoot, MediaRecipe.Fingerprint);
        if (Directory.Exists(target))
        {
            return new GeneratedMedia(target, Reused: true, TimeSpan.Zero);
        }

        Directory.CreateDirectory(cacheRoot);
        DeleteStaleTemporaryDirectories(cacheRoot);

        var stopwatch = Stopwatch.StartNew();
        var temporary = Path.Combine(
            cacheRoot, $"{MediaRecipe.Fingerprint}.tmp-{Guid.NewGuid():N}");
        try
        {
            await GenerateIntoAsync(temporary, ffmpegPath, cancellationToken);

            try
            {
                Directory.Move(temporary, target);
            }
            catch (IOException) when (Directory.Exists(target))
            {
                // Another start finished first; its media is identical, so use it.
                return new GeneratedMedia(target, Reused: true, TimeSpan.Zero);
            }

            return new GeneratedMedia(target, Reused: false, stopwatch.Elapsed);
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    private static async Task GenerateIntoAsync(
        string directory, string ffmpegPath, CancellationToken cancellationToken)
    {
        foreach (var step in MediaRecipe.Steps)
        {
            Directory.CreateDirectory(Path.Combine(directory, step.Directory));
        }

        await Task.WhenAll(MediaRecipe.Steps.Select(
            step => RunAsync(step, directory, ffmpegPath, cancellationToken)));

        var master = Path.Combine(directory, MediaRecipe.HlsMasterFile);
        await File.WriteAllTextAsync(master, MediaRecipe.HlsMaster, cancellationToken);
        var subtitles = Path.Combine(directory, MediaRecipe.SubtitlesFile);
        await File.WriteAllTextAsync(subtitles, MediaRecipe.Subtitles, cancellationToken);
    }

    private static async Task RunAsync(
        FfmpegStep step, string root, string ffmpegPath, CancellationToken cancellationToken)
    {
        BufferedCommandResult result;
        try
        {
            result = await Cli.Wrap(ffmpegPath)
                .WithArguments(step.Arguments)
                .WithWorkingDirectory(Path.Combine(root, step.Directory))
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(cancellationToken);
        }
        catch (Win32Exception exception)
        {
            throw new MediaGenerationException(
                $"The local media site could not start ffmpeg at '{ffmpegPath}' to generate " +
                $"'{step.Name}'. Install ffmpeg (for example 'apt-get install ffmpeg') or set " +
                "LocalMediaSiteOptions.FfmpegPath.",
                exception);
        }

        var tail = Tail(result.StandardError);
        if (result.ExitCode != 0)
        {
            var code = result.ExitCode.ToString(CultureInfo.InvariantCulture);
            throw new MediaGenerationException(
                $"ffmpeg exited with code {code} while generating '{step.Name}' for the local " +
                "media site. Check that this ffmpeg has the lavfi device and the libx264 and aac " +
                "encoders ('ffmpeg -hide_banner -encoders'). " +
                $"Last lines of its error output:{Environment.NewLine}{tail}",
                result.ExitCode,
                tail);
        }

        var missing = step.Outputs
            .Where(output => !File.Exists(Path.Combine(root, output)))
            .ToList();
        if (missing.Count > 0)
        {
            throw new MediaGenerationException(
                $"ffmpeg exited with code 0 but did not write {string.Join(", ", missing)} for " +
                $"'{step.Name}' of the local media site. Its error output ended with:" +
                $"{Environment.NewLine}{tail}",
                result.ExitCode,
                tail);
        }
    }

    private static string Tail(string text)
    {
        var lines = text.Split(
            '\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0
            ? "(nothing)"
            : string.Join(Environment.NewLine, lines.TakeLast(_standardErrorTailLines));
    }

    // Starts that were killed leave their temporary folders behind; clear old ones. Another process
    // may be deleting the same folder at the same moment, so failures here are ignored.
    private static void DeleteStaleTemporaryDirectories(string cacheRoot)
    {
        foreach (var directory in Directory.EnumerateDirectories(cacheRoot, "*.tmp-*"))
        {
            try
            {
                if (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(directory) > _staleAfter)
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
            catch (Exception exception)
                when (exception is IOException or UnauthorizedAccessException)
            {
                continue;
            }
        }
    }
}
