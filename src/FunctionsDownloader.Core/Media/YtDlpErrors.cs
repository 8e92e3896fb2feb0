using FunctionsDownloader.Errors;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Security;

namespace FunctionsDownloader.Media;

/// <summary>
/// Turns yt-dlp's standard error into a stable error code and a readable message. The message is
/// the service's own sentence, never yt-dlp's text, which may hold paths or signed URLs.
/// </summary>
public static class YtDlpErrors
{
    /// <summary>The exception for a failed yt-dlp run.</summary>
    public static MediaToolException From(int? exitCode, string standardErrorTail)
    {
        string text = standardErrorTail ?? "";
        (string code, string message) = Classify(text);
        return new MediaToolException(ToolLocator.YtDlp, exitCode, code, message, text);
    }

    private static (string Code, string Message) Classify(string text)
    {
        if (Has(text, EgressProxy.RefusalReason))
        {
            return (ErrorCodes.BlockedAddress,
                "The media, or a redirect or segment it leads to, is on a private or reserved address; the service does not fetch from there.");
        }

        if (Has(text, "Unsupported URL") || Has(text, "is not a valid URL") || Has(text, "no suitable InfoExtractor"))
        {
            return (ErrorCodes.UnsupportedUrl, "No video or audio was found at that URL; the site or page type is not supported.");
        }

        if (Has(text, "File is larger than max-filesize") || Has(text, "larger than max-filesize"))
        {
            return (ErrorCodes.FileTooLarge, "The file is larger than this service allows.");
        }

        if (Has(text, "Sign in") || Has(text, "login") || Has(text, "log in") || Has(text, "HTTP Error 401") ||
            Has(text, "cookies") && Has(text, "authentication"))
        {
            return (ErrorCodes.LoginRequired, "The site requires signing in to get this media; upload cookies and pass cookies_id.");
        }

        if (Has(text, "geo") && (Has(text, "restrict") || Has(text, "block") || Has(text, "not available in your country")))
        {
            return (ErrorCodes.GeoBlocked, "The site does not offer this media in the region the service downloads from.");
        }

        if (Has(text, "HTTP Error 404") || Has(text, "HTTP Error 410") || Has(text, "Video unavailable") ||
            Has(text, "not available") || Has(text, "HTTP Error 403") || Has(text, "Private video") ||
            Has(text, "has been removed"))
        {
            string status = Has(text, "HTTP Error 404") ? " (the site answered HTTP 404 Not Found)"
                : Has(text, "HTTP Error 403") ? " (the site answered HTTP 403 Forbidden)"
                : Has(text, "HTTP Error 410") ? " (the site answered HTTP 410 Gone)"
                : "";
            return (ErrorCodes.Unavailable, $"The media is not available at that URL{status}.");
        }

        if (Has(text, "timed out") || Has(text, "Read timed out") || Has(text, "did not respond"))
        {
            return (ErrorCodes.Timeout, "The site stopped sending data and the download timed out.");
        }

        if (Has(text, "Name or service not known") || Has(text, "Connection refused") || Has(text, "Connection reset") ||
            Has(text, "Temporary failure in name resolution") || Has(text, "Unable to download") ||
            Has(text, "IncompleteRead") || Has(text, "bytes read") || Has(text, "HTTP Error 5") ||
            (Has(text, "Downloaded") && Has(text, "bytes, expected")) || Has(text, "Got error") ||
            Has(text, "Unable to resume") || Has(text, "Connection aborted") ||
            Has(text, "Network is unreachable") || Has(text, "urlopen error") || Has(text, "SSL"))
        {
            return (ErrorCodes.Network, "The site could not be reached or the transfer broke off.");
        }

        if (Has(text, "Postprocessing") || Has(text, "ffmpeg") || Has(text, "ffprobe") || Has(text, "Conversion failed"))
        {
            return (ErrorCodes.PostprocessingFailed, "Merging or converting the downloaded media failed.");
        }

        if (Has(text, "Requested format is not available"))
        {
            return (ErrorCodes.Unavailable, "The site offers no format that matches the requested options.");
        }

        return (ErrorCodes.Internal, "The download failed for a reason the service could not identify.");
    }

    private static bool Has(string text, string fragment) => text.Contains(fragment, StringComparison.OrdinalIgnoreCase);
}
