using Microsoft.AspNetCore.Http;

namespace FunctionsDownloader.Security;

/// <summary>Which limited group a request belongs to, if any.</summary>
public static class RateLimitCategory
{
    public const string Download = "download";
    public const string Playlist = "playlist";
    public const string Batch = "batch";

    /// <summary>The category of a request, or <c>null</c> when it is not limited.</summary>
    public static string? Of(string method, PathString path)
    {
        if (!HttpMethods.IsPost(method))
        {
            return null;
        }

        string value = (path.Value ?? "").TrimEnd('/').ToLowerInvariant();
        return value switch
        {
            "/api/v1/download" => Download,
            "/api/v1/playlist/download" or "/api/v1/channel/download" => Playlist,
            "/api/v1/batch/download" => Batch,
            _ => null,
        };
    }
}
