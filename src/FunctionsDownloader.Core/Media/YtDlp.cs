using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CliWrap;
using FunctionsDownloader.Configuration;
using FunctionsDownloader.Errors;
using FunctionsDownloader.Extraction;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Security;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Media;

/// <summary>
/// Runs yt-dlp with flags the service builds itself: <c>--ignore-config</c>, a fixed output
/// template in the job's directory, <c>--</c> before the URL, nothing a caller could steer.
/// </summary>
public sealed partial class YtDlp(
    ToolLocator tools, YtDlpCapabilities capabilities, IOptions<DownloaderOptions> options, EgressProxy? egress = null)
{
    private const string ProgressPrefix = "[fd-progress] ";
    private const string PostprocessPrefix = "[fd-pp] ";

    // Printed for every concurrent fragment download; it is about yt-dlp's own progress display,
    // which the service does not show, so it would only alarm the job's reader.
    private const string OneThreadSpeedWarning = "The download speed shown is only of one thread";

    // A streamed download names its job directory with -P only so that an orphaned yt-dlp can be
    // found by its command line; yt-dlp says it ignores the option, which is what is wanted.
    private const string PathsIgnoredWarning = "--paths is ignored when";

    // Subtitles, thumbnails and info files yt-dlp wrote beside the media are not the result.
    private static readonly HashSet<string> SideFileExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".vtt", ".srt", ".ass", ".ssa", ".ttml", ".srv1", ".srv2", ".srv3", ".json3", ".json", ".lrc",
        ".jpg", ".jpeg", ".png", ".webp", ".gif",
    };

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
        ArgumentNullException.ThrowIfNull(plan);

        return await DumpJsonAsync(
            url, plan.SelectionArguments, workingDirectory, log, cookiesPath, ReadResolved, cancellationToken);
    }

    /// <summary>
    /// What yt-dlp knows about <paramref name="url"/> (every format, title, duration, subtitles…),
    /// without choosing a format; playlists are listed, not extracted entry by entry.
    /// </summary>
    /// <exception cref="MediaToolException">yt-dlp failed or printed something that is not its JSON.</exception>
    public Task<ExtractedMedia> DescribeAsync(
        Uri url,
        string workingDirectory,
        Action<string, string>? log,
        string? cookiesPath,
        CancellationToken cancellationToken) =>
        DumpJsonAsync(url, [], workingDirectory, log, cookiesPath, ExtractedMedia.Read, cancellationToken);

    private async Task<T> DumpJsonAsync<T>(
        Uri url,
        IReadOnlyList<string> selection,
        string workingDirectory,
        Action<string, string>? log,
        string? cookiesPath,
        Func<JsonElement, T> read,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);

        List<string> args = await CommonArgumentsAsync(cookiesPath, cancellationToken);
        args.AddRange(["--no-playlist", "--flat-playlist", "--dump-single-json"]);
        args.AddRange(selection);
        args.AddRange(["--", url.AbsoluteUri]);

        using JsonDocument document = await RunJsonAsync(
            args,
            workingDirectory,
            log,
            "yt-dlp did not describe the media in a form the service understands.",
            cancellationToken);
        return read(document.RootElement);
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

        return await RunJsonAsync(
            args,
            workingDirectory,
            log,
            "yt-dlp did not list the playlist in a form the service understands.",
            cancellationToken);
    }

    /// <summary>Runs yt-dlp with <paramref name="args"/> and parses the one JSON document it prints.</summary>
    private async Task<JsonDocument> RunJsonAsync(
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
        string fragments = Math.Clamp(options.Value.ConcurrentFragments, 1, 16).ToString(CultureInfo.InvariantCulture);
        args.AddRange(
        [
            "--no-playlist",
            .. ProgressArguments(),
            "--no-mtime",
            "--no-part",
            "--retries", "3",
            "--fragment-retries", "3",
            // Fragments are small requests whose round trips add up; a few at once hide them.
            "--concurrent-fragments", fragments,
            "-o", Path.Combine(workingDirectory, OutputStem + ".%(ext)s"),
        ]);
        args.AddRange(plan.SelectionArguments);
        args.AddRange(plan.PostprocessingArguments);
        args.AddRange(["--", url.AbsoluteUri]);

        // yt-dlp's own --max-filesize only knows sizes announced up front and misreports fragmented
        // downloads, so the job directory itself is watched: past the limit, the tool is stopped.
        long maxBytes = options.Value.MaxFileSizeBytes;
        using var tooLarge = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using (new Timer(
            _ =>
            {
                if (DirectorySize(workingDirectory) > maxBytes)
                {
                    tooLarge.Cancel();
                }
            },
            null,
            TimeSpan.FromMilliseconds(500),
            TimeSpan.FromMilliseconds(500)))
        {
            ToolResult result = await RunWithSizeLimitAsync(
                args,
                workingDirectory,
                PipeTarget.ToDelegate(line => OnOutputLine(line, tracker, log)),
                line => LogLine(log, line),
                tooLarge,
                cancellationToken);

            if (result.ExitCode != 0)
            {
                throw YtDlpErrors.From(result.ExitCode, result.StandardErrorTail);
            }

            string? output = FindOutput(workingDirectory);
            if (output is null)
            {
                throw new MediaToolException(
                    ToolLocator.YtDlp,
                    result.ExitCode,
                    ErrorCodes.Internal,
                    "yt-dlp finished without producing a file.",
                    result.StandardErrorTail);
            }

            return output;
        }
    }

    /// <summary>
    /// Runs yt-dlp under the stall watchdog; when <paramref name="tooLarge"/> stops it (and the caller
    /// did not), the run ends as <c>file_too_large</c>.
    /// </summary>
    private async Task<ToolResult> RunWithSizeLimitAsync(
        List<string> args,
        string workingDirectory,
        PipeTarget standardOutput,
        Action<string> onStandardError,
        CancellationTokenSource tooLarge,
        CancellationToken cancellationToken)
    {
        try
        {
            return await ToolProcess.RunAsync(
                ToolLocator.YtDlp,
                tools.Resolve(ToolLocator.YtDlp),
                args,
                workingDirectory,
                standardOutput,
                onStandardError,
                StallTimeout,
                tooLarge.Token);
        }
        catch (Exception e) when (e is not ToolStalledException &&
            tooLarge.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new MediaToolException(
                ToolLocator.YtDlp, null, ErrorCodes.FileTooLarge, "The file is larger than this service allows.");
        }
    }

    /// <summary>One progress line per update, in a form <see cref="OnOutputLine"/> reads.</summary>
    private static string[] ProgressArguments() =>
    [
        "--newline",
        "--progress",
        "--progress-template", "download:" + ProgressPrefix + "%(info.format_id)s %(progress)j",
        "--progress-template", "postprocess:" + PostprocessPrefix + "%(progress.postprocessor)s %(progress.status)s",
    ];

    /// <summary>The bytes under <paramref name="directory"/> (0 when it is gone).</summary>
    private static long DirectorySize(string directory)
    {
        try
        {
            return new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
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

        // Every connection yt-dlp (and the ffmpeg it runs) makes goes through the egress proxy,
        // which refuses private and reserved addresses however they are reached.
        if (egress is not null && options.Value.UseEgressProxy)
        {
            args.AddRange(["--proxy", egress.Address.AbsoluteUri.TrimEnd('/')]);
        }

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
        if (trimmed.Length == 0 || trimmed is "ERROR:" or "WARNING:" || FfmpegChatter.IsChatter(line) ||
            trimmed.Contains(OneThreadSpeedWarning, StringComparison.Ordinal) ||
            trimmed.Contains(PathsIgnoredWarning, StringComparison.Ordinal))
        {
            return;
        }

        log(LevelOf(trimmed), trimmed);
    }

    private static string LevelOf(string line) =>
        line.StartsWith("ERROR", StringComparison.Ordinal) ? JobLogLevel.Error
        : line.StartsWith("WARNING", StringComparison.Ordinal) ? JobLogLevel.Warning
        : JobLogLevel.Info;

    /// <summary>Reads a line yt-dlp printed while downloading: progress, post-processing, or a log line.</summary>
    internal static void OnOutputLine(string line, ProgressTracker tracker, Action<string, string> log)
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

        // yt-dlp 2023.03.04 ends a post-processing progress line without a newline, so it arrives
        // glued to what the post-processor prints next ("[fd-pp] Merger started[Merger] Merging…"):
        // each event is taken out and the text around it read as lines of their own.
        if (PostprocessEvent().Match(line) is { Success: true } postprocess)
        {
            if (postprocess.Index > 0)
            {
                OnOutputLine(line[..postprocess.Index], tracker, log);
            }

            string postprocessor = postprocess.Groups["pp"].Value;
            if (postprocess.Groups["status"].Value == "started")
            {
                tracker.OnPostprocessing(postprocessor == "Merger" ? JobPhase.Merging : JobPhase.Processing);
                log(JobLogLevel.Info, $"Post-processing with {postprocessor}.");
            }

            string rest = line[(postprocess.Index + postprocess.Length)..];
            if (rest.Trim().Length > 0)
            {
                OnOutputLine(rest, tracker, log);
            }

            return;
        }

        if (line.StartsWith("[Merger]", StringComparison.Ordinal))
        {
            tracker.OnPostprocessing(JobPhase.Merging);
        }

        log(JobLogLevel.Info, line);
        if (PostprocessingNotes.Explain(line) is (string level, string note))
        {
            log(level, note);
        }
    }

    [GeneratedRegex(@"\[fd-pp\] (?<pp>[A-Za-z0-9_]+) (?<status>started|processing|finished)")]
    private static partial Regex PostprocessEvent();

    private static bool IsIntermediate(string fileName) =>
        SideFileExtensions.Contains(Path.GetExtension(fileName)) ||
        fileName.EndsWith(".part", StringComparison.Ordinal) ||
        fileName.EndsWith(".ytdl", StringComparison.Ordinal) ||
        fileName.Contains(".temp.", StringComparison.Ordinal) ||
        fileName.Contains(".part-Frag", StringComparison.Ordinal) ||
        Regex.IsMatch(fileName, @"^media\.f[\w-]+\.\w+$");

    private static ResolvedMedia ReadResolved(JsonElement root)
    {
        bool isPlaylist = Str(root, "_type") is "playlist" or "multi_video";
        var info = ExtractedMedia.Read(root);
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

        JsonElement[] formats = root.TryGetProperty("requested_formats", out JsonElement list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray()]
            : [root];
        Uri[] playlists =
        [
            .. formats
                .Where(f => Str(f, "protocol")?.StartsWith("m3u8", StringComparison.Ordinal) == true)
                .Select(f => Str(f, "url"))
                .Where(u => Uri.TryCreate(u, UriKind.Absolute, out _))
                .Select(u => new Uri(u!)),
        ];

        return new ResolvedMedia(
            Str(root, "id") ?? "",
            Str(root, "title") ?? Str(root, "id") ?? "download",
            Num(root, "duration"),
            Str(root, "extractor_key") ?? Str(root, "extractor") ?? "",
            Str(root, "format_id") ?? "",
            Str(root, "ext"),
            parts,
            isPlaylist)
        {
            IsLive = root.TryGetProperty("is_live", out JsonElement live) && live.ValueKind == JsonValueKind.True ||
                Str(root, "live_status") is "is_live" or "is_upcoming",
            HlsPlaylists = playlists,
            Info = info,
        };
    }

    private static MediaPart ReadPart(JsonElement f)
    {
        string? vcodec = Str(f, "vcodec");
        string? acodec = Str(f, "acodec");
        return new(
            Str(f, "format_id") ?? "default",
            Str(f, "protocol"),
            (long?)(Num(f, "filesize") ?? Num(f, "filesize_approx")),
            Str(f, "ext"))
        {
            // yt-dlp 2023 marks an HLS audio rendition as vcodec "none" with no acodec at all.
            HasVideo = vcodec is null ? null : vcodec != "none",
            HasAudio = acodec is null ? (vcodec == "none" ? true : null) : acodec != "none",
        };
    }

    private static string? Str(JsonElement e, string name) => JsonValues.Str(e, name);

    private static double? Num(JsonElement e, string name) => JsonValues.Num(e, name);
}
