namespace FunctionsDownloader.Errors;

/// <summary>
/// Base of the service's own exceptions. The HTTP layer maps each kind to one status code
/// in <see cref="Http.ApiErrors"/>; messages are whole sentences meant for the caller.
/// </summary>
public abstract class DownloaderException : Exception
{
    /// <summary>Creates the exception with a caller-facing message.</summary>
    protected DownloaderException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
