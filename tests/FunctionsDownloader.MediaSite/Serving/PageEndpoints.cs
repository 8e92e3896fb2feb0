using System.Net;
using System.Xml.Linq;
using FunctionsDownloader.MediaSite.Generation;
using Microsoft.Extensions.FileProviders;

namespace FunctionsDownloader.MediaSite.Serving;

/// <summary>
/// The HTML page with a <c>&lt;video&gt;</c> tag and an <c>og:title</c>, and an RSS feed whose two
/// items enclose the direct mp4 and the page's video (yt-dlp reads it as a playlist).
/// </summary>
internal static class PageEndpoints
{
    public const string DirectMp4FeedTitle = "Test pattern";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/" + SitePaths.HtmlPage, () => Results.Content(
            HtmlPage(MediaRecipe.HtmlPageTitle, SitePaths.HtmlPageVideo), "text/html; charset=utf-8"));
        endpoints.MapGet("/" + SitePaths.Feed, (HttpContext context, PhysicalFileProvider files) =>
            Results.Content(
                Feed(BaseUri(context.Request), files), "application/rss+xml; charset=utf-8"));
    }

    // og:title differs from <title> on purpose: tests prove yt-dlp reads the Open Graph tag.
    public static string HtmlPage(string ogTitle, params IEnumerable<string> videoSources)
    {
        var title = WebUtility.HtmlEncode(ogTitle);
        var videos = string.Join(Environment.NewLine, videoSources.Select(source => $"""
            <video controls width="320" height="180" preload="none">
            <source src="{WebUtility.HtmlEncode(source)}" type="video/mp4">
            </video>
            """));
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{WebUtility.HtmlEncode(MediaRecipe.HtmlDocumentTitle)}</title>
            <meta property="og:title" content="{title}">
            <meta property="og:type" content="video.other">
            </head>
            <body>
            <h1>{title}</h1>
            {videos}
            </body>
            </html>

            """;
    }

    // yt-dlp takes the enclosure URL as is, so the feed needs absolute URLs.
    private static string Feed(Uri baseUri, PhysicalFileProvider files)
    {
        var feed = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement("rss",
                new XAttribute("version", "2.0"),
                new XElement("channel",
                    new XElement("title", MediaRecipe.FeedTitle),
                    new XElement("link", baseUri.AbsoluteUri),
                    new XElement("description", "Generated test media"),
                    Item(baseUri, files, SitePaths.DirectMp4, DirectMp4FeedTitle, "direct"),
                    Item(baseUri, files, SitePaths.HtmlPageVideo, MediaRecipe.HtmlPageTitle, "clip"))));
        return feed.Declaration + Environment.NewLine + feed;
    }

    private static XElement Item(
        Uri baseUri, PhysicalFileProvider files, string path, string title, string guid) =>
        new("item",
            new XElement("title", title),
            new XElement("enclosure",
                new XAttribute("url", new Uri(baseUri, path).AbsoluteUri),
                new XAttribute("length", files.GetFileInfo(path).Length),
                new XAttribute("type", "video/mp4")),
            new XElement("guid", new XAttribute("isPermaLink", "false"), guid));

    private static Uri BaseUri(HttpRequest request) =>
        new($"{request.Scheme}://{request.Host}{request.PathBase}/");
}
