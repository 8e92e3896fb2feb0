namespace FunctionsDownloader.Errors;

/// <summary>Too many requests in a window; answered with 429, <c>Retry-After</c> and the RateLimit headers.</summary>
public sealed class RateLimitedException(string message, int limit, TimeSpan retryAfter) : DownloaderException(message)
{
    /// <summary>The limit of the window that was exceeded.</summary>
    public int Limit { get; } = limit;

    /// <summary>When the caller may try again.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
