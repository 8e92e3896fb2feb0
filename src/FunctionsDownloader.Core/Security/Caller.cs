namespace FunctionsDownloader.Security;

/// <summary>
/// Who made a request: the owner id everything they create is stored under, whether they hold the
/// admin key, and the subject their requests are rate-limited as.
/// </summary>
public sealed record Caller(string OwnerId, bool IsAdmin, string RateLimitSubject)
{
    /// <summary>The owner id of things the admin key creates.</summary>
    public const string AdminOwner = "admin";

    /// <summary>The owner id of everything in <c>Auth:Mode=none</c>.</summary>
    public const string LocalOwner = "local";

    /// <summary>Whether this caller may see something owned by <paramref name="ownerId"/>.</summary>
    public bool CanAccess(string? ownerId) => IsAdmin || string.Equals(ownerId, OwnerId, StringComparison.Ordinal);
}
