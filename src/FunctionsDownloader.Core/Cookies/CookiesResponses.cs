namespace FunctionsDownloader.Cookies;

/// <summary>A stored cookies file as shown to its owner: what it covers, never its contents.</summary>
public sealed record CookiesFileResponse(
    string CookiesId,
    IReadOnlyList<string> Domains,
    int CookieCount,
    long SizeBytes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt)
{
    /// <summary>The response for an index row.</summary>
    public static CookiesFileResponse From(CookiesRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new CookiesFileResponse(
            record.CookiesId,
            record.Domains.Split(',', StringSplitOptions.RemoveEmptyEntries),
            record.CookieCount,
            record.SizeBytes,
            record.CreatedAt,
            record.ExpiresAt);
    }
}

/// <summary>The caller's cookies files.</summary>
public sealed record CookiesListResponse(IReadOnlyList<CookiesFileResponse> Cookies, int TotalCount);
