namespace FunctionsDownloader.Errors;

/// <summary>Something the caller named does not exist (or is not theirs); answered with 404.</summary>
public sealed class NotFoundException(string message) : DownloaderException(message);
