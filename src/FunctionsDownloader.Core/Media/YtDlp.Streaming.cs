using CliWrap;
using FunctionsDownloader.Errors;
using FunctionsDownloader.Jobs;

namespace FunctionsDownloader.Media;

/// <summary>yt-dlp writing one direct file to its standard output, for uploads without a temporary file.</summary>
public sealed partial class YtDlp
{
    private const int ErrorTailLines = 30;

    /// <summary>
    /// Downloads exactly the format of <paramref name="plan"/> to yt-dlp's standard output and hands
    /// that stream to <paramref name="consume"/> (the blob upload) while it arrives. yt-dlp's messages
    /// and progress then come on standard error; progress goes to <paramref name="tracker"/>, the rest
    /// to <paramref name="log"/>. The stream fails rather than ends when the run is cancelled, stalls or
    /// passes the size limit, so a partial file is never taken for the whole. Nothing is written to
    /// <paramref name="workingDirectory"/>; it is named on the command line so that a crashed host's
    /// orphaned yt-dlp is found like any other.
    /// </summary>
    /// <returns>The bytes yt-dlp wrote, and the size the server announced when it did.</returns>
    /// <exception cref="MediaToolException">yt-dlp failed, or the file passed the size limit.</exception>
    public async Task<StreamedOutput> StreamAsync(
        Uri url,
        DirectStreamPlan plan,
        string workingDirectory,
        ProgressTracker tracker,
        Action<string, string> log,
        string? cookiesPath,
        Func<Stream, CancellationToken, Task> consume,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(consume);

        List<string> args = await CommonArgumentsAsync(cookiesPath, cancellationToken);
        args.AddRange(["--no-playlist", .. ProgressArguments(), "--retries", "3", "-P", workingDirectory, "-o", "-"]);
        // The id was checked to hold only letters, digits, '.', '_' and '-': a literal to the selector.
        args.AddRange(["-f", $"b*[format_id={plan.FormatId}]"]);
        args.AddRange(["--", url.AbsoluteUri]);

        using var tooLarge = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        OutputMeter? meter = null;
        PipeTarget upload = PipeTarget.Create(async (origin, token) =>
        {
            meter = new OutputMeter(options.Value.MaxFileSizeBytes, tooLarge.Cancel, token);
            await using var metered = new ObservedStream(origin, meter.OnRead);
            await consume(metered, token);
        });

        // Progress lines share standard error with the messages; only the messages tell what failed.
        var errors = new Queue<string>(ErrorTailLines);
        ToolResult result = await RunWithSizeLimitAsync(
            args,
            workingDirectory,
            upload,
            line => OnStreamingErrorLine(line, tracker, log, errors),
            tooLarge,
            cancellationToken);

        if (result.ExitCode != 0)
        {
            string tail;
            lock (errors)
            {
                tail = string.Join('\n', errors);
            }

            throw YtDlpErrors.From(result.ExitCode, tail);
        }

        if (meter is null)
        {
            throw new MediaToolException(
                ToolLocator.YtDlp, result.ExitCode, ErrorCodes.Internal, "yt-dlp finished without producing a file.");
        }

        return new StreamedOutput(meter.BytesRead, tracker.AnnouncedBytes);
    }

    private static void OnStreamingErrorLine(
        string line, ProgressTracker tracker, Action<string, string> log, Queue<string> errors)
    {
        if (line.StartsWith(ProgressPrefix, StringComparison.Ordinal))
        {
            OnOutputLine(line, tracker, log);
            return;
        }

        lock (errors)
        {
            if (errors.Count == ErrorTailLines)
            {
                errors.Dequeue();
            }

            errors.Enqueue(line);
        }

        LogLine(log, line);
    }
}

/// <summary>What a streamed download produced: the bytes written, and the size the server announced.</summary>
public sealed record StreamedOutput(long Bytes, long? AnnouncedBytes);
