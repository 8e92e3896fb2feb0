using FunctionsDownloader.Media;

namespace FunctionsDownloader.Downloads;

/// <summary>
/// What a download step reports back to <see cref="DownloadOrchestrator"/>: success, or a stable code
/// and message; <see cref="CallbackDue"/> when the step finished a job that has a webhook to send.
/// </summary>
public sealed record StepOutcome(
    bool Succeeded, string? ErrorCode = null, string? Error = null, bool CallbackDue = false)
{
    /// <summary>A successful step.</summary>
    public static StepOutcome Success { get; } = new(true);

    /// <summary>A step that completed the job; <paramref name="callbackDue"/> when the job has a webhook.</summary>
    public static StepOutcome Completed(bool callbackDue) => callbackDue ? new(true, CallbackDue: true) : Success;

    /// <summary>A failed step.</summary>
    public static StepOutcome Failure(string errorCode, string error) => new(false, errorCode, error);
}

/// <summary>The outcome of <see cref="ResolveMediaActivity"/>: the parts yt-dlp will download, for progress weighting.</summary>
public sealed record ResolveOutcome(StepOutcome Outcome, IReadOnlyList<MediaPart> Parts)
{
    /// <summary>How many attempts transient failures get (from the settings, read by the activity so the orchestrator stays deterministic).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The wait before the first retry, in seconds.</summary>
    public double RetryDelaySeconds { get; init; } = 5;
}

/// <summary>The input of <see cref="DownloadMediaActivity"/>: only ids and format facts, never URLs with secrets.</summary>
public sealed record DownloadMediaInput(string RequestId, IReadOnlyList<MediaPart> Parts);

/// <summary>The input of <see cref="FailJobActivity"/>.</summary>
public sealed record JobFailure(string RequestId, string ErrorCode, string Error);

/// <summary>
/// The outcome of <see cref="FailJobActivity"/>: whether this call marked the job failed, and whether
/// the job (failed now or finished before) has a webhook to send.
/// </summary>
public sealed record FailJobOutcome(bool Applied, bool CallbackDue);

/// <summary>The input of <see cref="LogJobEventActivity"/>: a workflow event for the job's log.</summary>
public sealed record JobEvent(string RequestId, string Level, string Message);
