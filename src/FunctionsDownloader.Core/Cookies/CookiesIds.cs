using FunctionsDownloader.Downloads;

namespace FunctionsDownloader.Cookies;

/// <summary>Cookies ids have the form of request ids: 32 lowercase hex digits.</summary>
public static class CookiesIds
{
    /// <summary>A new cookies id.</summary>
    public static string New() => RequestIds.New();

    /// <summary>Whether <paramref name="value"/> has the form of a cookies id.</summary>
    public static bool IsWellFormed(string? value) => RequestIds.IsWellFormed(value);
}
