namespace FunctionsDownloader.Errors;

/// <summary>
/// A dependency (storage, the task hub) did not answer; answered with 503 and
/// <c>Retry-After</c> so that callers try again instead of treating it as their fault.
/// </summary>
public sealed class ServiceUnavailableException(string message, Exception? innerException = null)
    : DownloaderException(message, innerException)
{
    /// <summary>How long the caller should wait before retrying.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(10);
}
