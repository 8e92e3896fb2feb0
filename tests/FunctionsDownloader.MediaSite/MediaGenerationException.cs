namespace FunctionsDownloader.MediaSite;

/// <summary>
/// Thrown when the local media site cannot generate its media: ffmpeg is missing, fails, or
/// leaves a file out. The message quotes the failing step and the tail of ffmpeg's error output.
/// </summary>
public sealed class MediaGenerationException : Exception
{
    public MediaGenerationException()
    {
    }

    public MediaGenerationException(string message)
        : base(message)
    {
    }

    public MediaGenerationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MediaGenerationException(string message, int exitCode, string standardErrorTail)
        : base(message)
    {
        ExitCode = exitCode;
        StandardErrorTail = standardErrorTail;
    }

    /// <summary>ffmpeg's exit code, when it ran and failed.</summary>
    public int? ExitCode { get; }

    /// <summary>The last lines ffmpeg wrote to stderr, when it ran.</summary>
    public string? StandardErrorTail { get; }
}
