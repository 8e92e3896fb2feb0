using System.Collections.Concurrent;

namespace FunctionsDownloader.MediaSite.Serving;

/// <summary>
/// Counts the requests the site got per path and query, so that a test can tell how often a client
/// (yt-dlp behind the service, say) fetched a page.
/// </summary>
internal sealed class RequestCounter
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Counts every request, then passes it on.</summary>
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        _counts.AddOrUpdate(Key(context.Request), 1, (_, count) => count + 1);
        return next(context);
    }

    /// <summary>How many requests asked for <paramref name="pathAndQuery"/> (as <c>Uri.PathAndQuery</c>).</summary>
    public int Of(string pathAndQuery) => _counts.GetValueOrDefault(pathAndQuery);

    private static string Key(HttpRequest request) =>
        request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
}
