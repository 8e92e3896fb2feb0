namespace FunctionsDownloader.Cookies;

/// <summary>One cookie line of a Netscape cookies.txt file, as validated.</summary>
/// <param name="Domain">The domain as written (a leading dot means subdomains too).</param>
/// <param name="IncludeSubdomains">The second field; always agrees with the leading dot.</param>
/// <param name="Path">The path, starting with <c>/</c>.</param>
/// <param name="Secure">Whether the cookie is sent over HTTPS only.</param>
/// <param name="Expires">Seconds since the Unix epoch; 0 for a session cookie.</param>
/// <param name="Name">The cookie's name.</param>
/// <param name="Value">The cookie's value: a secret, never logged or shown.</param>
/// <param name="HttpOnly">Whether the line carried the <c>#HttpOnly_</c> prefix.</param>
public sealed record NetscapeCookie(
    string Domain,
    bool IncludeSubdomains,
    string Path,
    bool Secure,
    long Expires,
    string Name,
    string Value,
    bool HttpOnly)
{
    /// <summary>The domain without its leading dot, for listings.</summary>
    public string Host => Domain.TrimStart('.').ToLowerInvariant();

    /// <summary>When the cookie expires; <c>null</c> for a session cookie or a date past year 9999.</summary>
    public DateTimeOffset? ExpiresAt =>
        Expires > 0 && Expires <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(Expires)
            : null;
}
