using System.Globalization;
using System.Text;
using System.Text.Json;
using CliWrap;
using FunctionsDownloader.Configuration;
using FunctionsDownloader.Errors;
using FunctionsDownloader.Jobs;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Media;

/// <summary>
/// Runs yt-dlp with flags the service builds itself: <c>--ignore-config</c>, a fixed output
/// template in the job's directory, <c>--</c> before the URL, nothing a caller could steer.
/// </summary>
public sealed class YtDlp(ToolLocator tools, YtDlpCapabilities capabilities, IOptions<DownloaderOptions> options)
{
    private const string ProgressPrefix = "[fd-progress] ";
    private const string PostprocessPrefix = "[fd-pp] ";

    /// <summary>The file name (without extension) every download is written to inside its job directory.</summary>
    public const string OutputStem = "media";

    /// <summary>
    /// Asks yt-dlp what it would download for <paramref name="url"/> with <paramref name="plan"/>,
    /// sending the cookies in <paramref name="cookiesPath"/> (a job's own copy: yt-dlp rewrites it) if given.
    /// </summary>
    /// <exception cref="MediaToolException">yt-dlp failed or printed something that is not its JSON.</exception>
    public async Task<ResolvedMedia> ResolveAsync(
        Uri url,
        FormatPlan plan,
        string workingDirectory,
        Action<string, string>? log,
        string? cookiesPath,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(plan);

        List<string> args = await CommonArgumentsAsync(cookiesPath, cancellationToken);
        args.AddRange(["--no-playlist", "--dump-single-json"]);
        args.AddRange(plan.SelectionArguments);
        args.AddRange(["--", url.AbsoluteUri]);

        using JsonDocument document = await DumpJsonAsync(
            args,
            workingDirectory,
            log,
            "yt-dlp did not describe the media in a form the service understands.",
            cancellationToken);
        return ReadResolved(document.RootElement);
    }

    /// <summary>
    /// Lists a playlist or channel without resolving its entries (<c>yt-dlp -J --flat-playlist</c>), at most
    /// <paramref name="maxEntries"/> of them, sending the cookies in <paramref name="cookiesPath"/> if given. A
    /// URL of a single video yields that video's description instead (no <c>_type</c> of <c>playlist</c>).
    /// </summary>
    /// <exception cref="MediaToolException">yt-dlp failed or printed something that is not its JSON.</exception>
    public async Task<JsonDocument> ListAsync(
        Uri url,
        int maxEntries,
        string workingDirectory,
        Action<string, string>? log,
        string? cookiesPath,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);

        List<string> args = await CommonArgumentsAsync(cookiesPath, cancellationToken);
        args.AddRange(
        [
            "--flat-playlist",
            "--dump-single-json",
            "--playlist-end", maxEntries.ToString(CultureInfo.InvariantCulture),
            "--", url.AbsoluteUri,
        ]);

        return await DumpJsonAsync(
            args,
            workingDirectory,
            log,
            "yt-dlp did not list the playlist in a form the service understands.",
            cancellationToken);
    }

    /// <summary>
    /// Downloads <paramref name="url"/> into <paramref name="workingDirectory"/>, reporting progress
    /// to <paramref name="tracker"/> and every other output line to <paramref name="log"/>, sending the
    /// cookies in <paramref name="cookiesPath"/> (a job's own copy: yt-dlp rewrites it) if given.
    /// </summary>
    /// <returns>The path of the finished file.</returns>
    /// <exception cref="MediaToolException">yt-dlp failed or left no file.</exception>
    public async Task<string> DownloadAsync(
        Uri url,
        FormatPlan plan,
        string workingDirectory,
        ProgressTracker tracker,
        Action<string, string> log,
        string? cookiesPath,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(log);

        List<string> args = await CommonArgumentsAsync(cookiesPath, cancellationToken);
        args.AddRange(
        [
            "--no-playlist",
            "--newline",
            "--progress",
            "--progress-template", "download:" + ProgressPrefix + "%(info.format_id)s %(progress)j",
            "--progress-template", "postprocess:" + PostprocessPrefix + "%(progress.postprocessor)s %(progress.status)s",
            "--no-mtime",
            "--no-part",
            "--retries", "3",
            "--fragment-retries", "3",
            "--max-filesize", options.Value.MaxFileSizeBytes.ToString(CultureInfo.InvariantCulture),
            "-o", Path.Combine(workingDirectory, OutputStem + ".%(ext)s"),
        ]);
        args.AddRange(plan.SelectionArguments);
        args.AddRange(plan.PostprocessingArguments);
        args.AddRange(["--", url.AbsoluteUri]);

        // yt-dlp skips a file over --max-filesize with a message on standard output and exit code 0.
        bool tooLarge = false;
        ToolResult result = await ToolProcess.RunAsync(
            ToolLocator.YtDlp,
            tools.Resolve(ToolLocator.YtDlp),
            args,
            workingDirectory,
            PipeTarget.ToDelegate(line =>
            {
                tooLarge |= line.Contains("max-filesize", StringComparison.OrdinalIgnoreCase);
                OnOutputLine(line, tracker, log);
            }),
            line => LogLine(log, line),
            StallTimeout,
            cancellationToken);

        if (result.ExitCode != 0)
        {
            throw YtDlpErrors.From(result.ExitCode, result.StandardErrorTail);
        }

        tooLarge |= result.StandardErrorTail.Contains("max-filesize", StringComparison.OrdinalIgnoreCase);
        string? output = FindOutput(workingDirectory);
        if (output is null || tooLarge)
        {
            throw new MediaToolException(
                ToolLocator.YtDlp,
                result.ExitCode,
                tooLarge ? ErrorCodes.FileTooLarge : ErrorCodes.Internal,
                tooLarge ? "The file is larger than this service allows." : "yt-dlp finished without producing a file.",
                result.StandardErrorTail);
        }

        return output;
    }

    /// <summary>Runs yt-dlp with <paramref name="args"/> and parses the one JSON document it prints.</summary>
    private async Task<JsonDocument> DumpJsonAsync(
        List<string> args,
        string workingDirectory,
        Action<string, string>? log,
        string unreadable,
        CancellationToken cancellationToken)
    {
        var json = new StringBuilder();
        ToolResult result = await ToolProcess.RunAsync(
            ToolLocator.YtDlp,
            tools.Resolve(ToolLocator.YtDlp),
            args,
            workingDirectory,
            PipeTarget.ToStringBuilder(json),
            log is null ? null : line => LogLine(log, line),
            StallTimeout,
            cancellationToken);

        if (result.ExitCode != 0)
        {
            throw YtDlpErrors.From(result.ExitCode, result.StandardErrorTail);
        }

        try
        {
            return JsonDocument.Parse(json.ToString());
        }
        catch (JsonException e)
        {
            throw new MediaToolException(
                ToolLocator.YtDlp, result.ExitCode, ErrorCodes.Internal, unreadable, result.StandardErrorTail, e);
        }
    }

    /// <summary>The finished output in <paramref name="workingDirectory"/>, ignoring partial and temporary files.</summary>
    public static string? FindOutput(string workingDirectory) =>
        Directory.EnumerateFiles(workingDirectory, OutputStem + ".*")
            .Where(f => !IsIntermediate(Path.GetFileName(f)))
            .OrderByDescending(f => new FileInfo(f).Length)
            .FirstOrDefault();

    private TimeSpan StallTimeout => TimeSpan.FromSeconds(Math.Max(5, options.Value.StallTimeoutSeconds));

    /// <summary>
    /// Flags every run gets: no configuration files, no cache, no plugins where the binary can
    /// refuse them, no leftover <c>--exec</c>, the service's own ffmpeg, and the job's cookies if any.
    /// </summary>
    private async Task<List<string>> CommonArgumentsAsync(string? cookiesPath, CancellationToken cancellationToken)
    {
        var args = new List<string>
        {
            "--ignore-config",
            "--no-cache-dir",
            "--no-exec",
            "--no-colors",
            "--socket-timeout", options.Value.SocketTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
        };

        if (await capabilities.SupportsAsync("--no-plugin-dirs", cancellationToken))
        {
            args.Add("--no-plugin-dirs");
        }

        string ffmpeg = tools.Resolve(ToolLocator.Ffmpeg);
        args.AddRange(["--ffmpeg-location", ffmpeg]);
        if (cookiesPath is not null)
        {
            args.AddRange(["--cookies", Path.GetFullPath(cookiesPath)]);
        }

        return args;
    }

    /// <summary>Logs a line of yt-dlp's stderr; a bare "ERROR:" (the rest came after a carriage return) says nothing.</summary>
    private static void LogLine(Action<string, string> log, string line)
    {
        string trimmed = line.Trim();
        if (trimmed.Length == 0 || trimmed is "ERROR:" or "WARNING:")
        {
            return;
        }

        log(LevelOf(trimmed), trimmed);
    }

    private static string LevelOf(string line) =>
        line.StartsWith("ERROR", StringComparison.Ordinal) ? JobLogLevel.Error
        : line.StartsWith("WARNING", StringComparison.Ordinal) ? JobLogLevel.Warning
        : JobLogLevel.Info;

    private static void OnOutputLine(string line, ProgressTracker tracker, Action<string, string> log)
    {
        if (line.StartsWith(ProgressPrefix, StringComparison.Ordinal))
        {
            string rest = line[ProgressPrefix.Length..];
            int space = rest.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                return;
            }

            string formatId = rest[..space];
            try
            {
                using JsonDocument progress = JsonDocument.Parse(rest[(space + 1)..]);
                tracker.OnDownloadProgress(formatId == "NA" ? null : formatId, progress.RootElement);
            }
            catch (JsonException)
            {
                // A malformed progress line is not worth failing a download over.
            }

            return;
        }

        if (line.StartsWith(PostprocessPrefix, StringComparison.Ordinal))
        {
            string[] parts = line[PostprocessPrefix.Length..].Split(' ', 2);
            if (parts.Length == 2 && parts[1] == "started")
            {
                tracker.OnPostprocessing(parts[0] == "Merger" ? JobPhase.Merging : JobPhase.Processing);
                log(JobLogLevel.Info, $"Post-processing with {parts[0]}.");
            }

            return;
        }

        if (line.StartsWith("[Merger]", StringComparison.Ordinal))
        {
            tracker.OnPostprocessing(JobPhase.Merging);
        }

        log(JobLogLevel.Info, line);
    }

    private static bool IsIntermediate(string fileName) =>
        fileName.EndsWith(".part", StringComparison.Ordinal) ||
        fileName.EndsWith(".ytdl", StringComparison.Ordinal) ||
        fileName.Contains(".temp.", StringComparison.Ordinal) ||
        fileName.Contains(".part-Frag", StringComparison.Ordinal) ||
        System.Text.RegularExpressions.Regex.IsMatch(fileName, @"^media\.f[\w-]+\.\w+$");

    private static ResolvedMedia ReadResolved(JsonElement root)
    {
        bool isPlaylist = Str(root, "_type") is "playlist" or "multi_video";
        var parts = new List<MediaPart>();
        if (root.TryGetProperty("requested_formats", out JsonElement requested) && requested.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement f in requested.EnumerateArray())
            {
                parts.Add(ReadPart(f));
            }
        }
        else if (!isPlaylist)
        {
            parts.Add(ReadPart(root));
        }

        return new ResolvedMedia(
            Str(root, "id") ?? "",
            Str(root, "title") ?? Str(root, "id") ?? "download",
            Num(root, "duration"),
            Str(root, "extractor_key") ?? Str(root, "extractor") ?? "",
            Str(root, "format_id") ?? "",
            Str(root, "ext"),
            parts,
            isPlaylist);
    }

    private static MediaPart ReadPart(JsonElement f) =>
        new(
            Str(f, "format_id") ?? "default",
            Str(f, "protocol"),
            (long?)(Num(f, "filesize") ?? Num(f, "filesize_approx")),
            Str(f, "ext"));

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
