using FunctionsDownloader.Errors;

namespace FunctionsDownloader.Downloads;

/// <summary>
/// The syntactic rules every caller-supplied URL must pass: absolute http or https, at most
/// 2048 characters, no user info; the fragment is dropped.
/// </summary>
public static class UrlRules
{
    /// <summary>The longest URL accepted.</summary>
    public const int MaxLength = 2048;

    /// <summary>The URL as the service will use it, or an <see cref="InvalidRequestException"/> naming <paramref name="field"/>.</summary>
    public static Uri Parse(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidRequestException(field, $"'{field}' is required: give the URL of a video or audio page.");
        }

        if (value.Length > MaxLength)
        {
            throw new InvalidRequestException(field, $"'{field}' is longer than {MaxLength} characters.");
        }

        if (value.Any(char.IsControl) || value.Any(char.IsWhiteSpace))
        {
            throw new InvalidRequestException(field, $"'{field}' contains spaces or control characters.");
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out Uri? uri))
        {
            throw new InvalidRequestException(field, $"'{field}' is not an absolute URL.");
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidRequestException(field, $"'{field}' must use http or https, not '{uri.Scheme}'.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new InvalidRequestException(field, $"'{field}' must not carry a user name or password.");
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            throw new InvalidRequestException(field, $"'{field}' has no host.");
        }

        // Fragments never reach the server; drop them so they cannot steer yt-dlp either.
        return new UriBuilder(uri) { Fragment = "" }.Uri;
    }
}
