using Microsoft.Extensions.FileProviders;

namespace FunctionsDownloader.MediaSite.Serving;

/// <summary>
/// A members-only page: the page and its video answer 403 unless the request carries the session
/// cookie, as a site behind a login does. Callers get in with a cookies file, never otherwise.
/// </summary>
internal static class PrivateEndpoints
{
    public const string CookieName = "fd_session";

    // A constant so that tests can look for it everywhere the service must not keep it.
    public const string CookieValue = "fd-private-7c1e9a4b2d5f8e3a60b9";

    public const string PageTitle = "Members-only bars and tone";

    public const string ListingTitle = "Two members-only videos";

    // Relative, as on the page: both are the members-only video, told apart by their query.
    public static readonly IReadOnlyList<string> ListingSources = ["video.mp4?part=1", "video.mp4?part=2"];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        // The video source is relative: private/page.html → private/video.mp4.
        endpoints.MapGet("/" + SitePaths.PrivatePage, (HttpContext context) => HasSession(context)
            ? Results.Content(
                PageEndpoints.HtmlPage(PageTitle, Path.GetFileName(SitePaths.PrivateVideo)), "text/html; charset=utf-8")
            : Results.StatusCode(StatusCodes.Status403Forbidden));
        endpoints.MapGet("/" + SitePaths.PrivateListing, (HttpContext context) => HasSession(context)
            ? Results.Content(
                PageEndpoints.SeveralVideosPage(ListingTitle, ListingSources), "text/html; charset=utf-8")
            : Results.StatusCode(StatusCodes.Status403Forbidden));
        endpoints.MapGet("/" + SitePaths.PrivateVideo, (HttpContext context, PhysicalFileProvider files) =>
            HasSession(context)
                ? Results.File(
                    files.GetFileInfo(SitePaths.HtmlPageVideo).CreateReadStream(),
                    "video/mp4",
                    enableRangeProcessing: true)
                : Results.StatusCode(StatusCodes.Status403Forbidden));
    }

    private static bool HasSession(HttpContext context) =>
        context.Request.Cookies.TryGetValue(CookieName, out string? value) && value == CookieValue;
}
