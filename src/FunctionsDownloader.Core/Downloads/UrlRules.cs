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

        // Invisible format characters (zero-width space, bidi overrides) hide what a URL really says.
        if (value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) ||
            char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format))
        {
            throw new InvalidRequestException(field, $"'{field}' contains spaces, control or invisible characters.");
        }

        if (!value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) &&
            !value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            int colon = value.IndexOf(':', StringComparison.Ordinal);
            string scheme = colon > 0 && value[..colon].All(char.IsAsciiLetter) ? $", not '{Shorten(value[..colon])}'" : "";
            throw new InvalidRequestException(field, $"'{field}' must be an absolute http or https URL{scheme}.");
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out Uri? uri))
        {
            throw new InvalidRequestException(field, $"'{field}' is not a valid URL.");
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidRequestException(field, $"'{field}' must use http or https, not '{uri.Scheme}'.");
        }

        // "http://@host" has an empty user info that Uri does not report; the authority tells.
        string authority = value[(value.IndexOf("//", StringComparison.Ordinal) + 2)..];
        int authorityEnd = authority.IndexOfAny(['/', '?', '#']);
        if (!string.IsNullOrEmpty(uri.UserInfo) || (authorityEnd < 0 ? authority : authority[..authorityEnd]).Contains('@', StringComparison.Ordinal))
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

    private static string Shorten(string value) => value.Length <= 20 ? value : value[..20] + "…";
}
