namespace FunctionsDownloader.Errors;

/// <summary>
/// A job names a cookies file that no longer exists (deleted after the job was submitted). Jobs
/// fail with <c>login_required</c>; the message says what to do.
/// </summary>
public sealed class CookiesMissingException(string cookiesId)
    : DownloaderException(
        $"The cookies file '{cookiesId}' no longer exists; it was deleted after the job was submitted. " +
        "Upload the cookies again and submit a new job with the new cookies_id.")
{
    /// <summary>The id of the missing file.</summary>
    public string CookiesId { get; } = cookiesId;
}
