namespace FunctionsDownloader.Errors;

/// <summary>
/// yt-dlp, ffmpeg or ffprobe failed. Carries the tool, its exit code and the tail of its
/// standard error for logs; the caller only ever sees <see cref="Exception.Message"/> and
/// <see cref="ErrorCode"/>, never the raw stderr.
/// </summary>
public sealed class MediaToolException : DownloaderException
{
    /// <summary>Creates the exception.</summary>
    public MediaToolException(
        string tool,
        int? exitCode,
        string errorCode,
        string message,
        string standardErrorTail = "",
        Exception? innerException = null)
        : base(message, innerException)
    {
        Tool = tool;
        ExitCode = exitCode;
        ErrorCode = errorCode;
        StandardErrorTail = standardErrorTail;
    }

    /// <summary>The tool that failed (<c>yt-dlp</c>, <c>ffmpeg</c>, <c>ffprobe</c>).</summary>
    public string Tool { get; }

    /// <summary>The tool's exit code, when it exited.</summary>
    public int? ExitCode { get; }

    /// <summary>A stable code from <see cref="Jobs.ErrorCodes"/>.</summary>
    public string ErrorCode { get; }

    /// <summary>The last lines the tool wrote to standard error, for logs only.</summary>
    public string StandardErrorTail { get; }
}
