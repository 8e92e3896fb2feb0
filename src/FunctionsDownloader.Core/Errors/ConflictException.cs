namespace FunctionsDownloader.Errors;

/// <summary>The request clashes with one still being handled; answered with 409 (retrying later helps).</summary>
public sealed class ConflictException(string message) : DownloaderException(message);
