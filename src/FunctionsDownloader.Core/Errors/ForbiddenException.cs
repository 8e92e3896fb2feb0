namespace FunctionsDownloader.Errors;

/// <summary>A valid key that may not do this (an admin-only route); answered with 403.</summary>
public sealed class ForbiddenException(string message) : DownloaderException(message);
