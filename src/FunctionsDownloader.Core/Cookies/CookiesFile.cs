namespace FunctionsDownloader.Cookies;

/// <summary>
/// A validated cookies file: its cookies, and its text as stored and handed to yt-dlp (LF line
/// ends, the <c># Netscape HTTP Cookie File</c> header first, which yt-dlp's loader requires).
/// </summary>
public sealed record CookiesFile(IReadOnlyList<NetscapeCookie> Cookies, string Text)
{
    /// <summary>The distinct hosts the cookies are for, sorted.</summary>
    public IReadOnlyList<string> Domains =>
        [.. Cookies.Select(c => c.Host).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>When the first cookie with an expiry date expires; <c>null</c> when all are session cookies.</summary>
    public DateTimeOffset? ExpiresAt => Cookies.Select(c => c.ExpiresAt).Where(e => e is not null).Min();

    /// <summary>
    /// The values worth hiding from logs, longest first so that a value that contains another is
    /// hidden whole. Values under four characters are left out: hiding them would mangle ordinary text.
    /// </summary>
    public IReadOnlyList<string> Secrets =>
        [
            .. Cookies.Select(c => c.Value)
                .Where(v => v.Length >= 4)
                .Distinct(StringComparer.Ordinal)
                .OrderByDescending(v => v.Length),
        ];
}
