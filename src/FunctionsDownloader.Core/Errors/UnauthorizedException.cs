namespace FunctionsDownloader.Errors;

/// <summary>No key, or a key the service does not accept; answered with 401.</summary>
public sealed class UnauthorizedException(string message) : DownloaderException(message);
