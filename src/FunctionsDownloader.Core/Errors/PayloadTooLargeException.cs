namespace FunctionsDownloader.Errors;

/// <summary>The request body is larger than the service accepts; answered with 413.</summary>
public sealed class PayloadTooLargeException(long limitBytes)
    : DownloaderException(
        $"The request body is larger than {limitBytes} bytes. Send a smaller body.")
{
    /// <summary>The limit that was exceeded.</summary>
    public long LimitBytes { get; } = limitBytes;
}
