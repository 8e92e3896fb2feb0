using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using FunctionsDownloader.MediaSite.Generation;
using Microsoft.Extensions.FileProviders;

namespace FunctionsDownloader.MediaSite.Serving;

/// <summary>
/// The HTML page with a <c>&lt;video&gt;</c> tag (and a WebVTT track), an <c>og:title</c> and an
/// <c>og:image</c>; the watch page and the titled pages, which describe their video with schema.org
/// JSON-LD (duration, date, author, counts, tags, chapters) instead of a tag; and an RSS feed whose
/// two items enclose the direct mp4 and the page's video (yt-dlp reads it as a playlist).
/// </summary>
internal static class PageEndpoints
{
    public const string DirectMp4FeedTitle = "Test pattern";

    private const string Html = "text/html; charset=utf-8";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/" + SitePaths.HtmlPage, (HttpContext context) => Results.Content(
            HtmlPage(
                MediaRecipe.HtmlPageTitle,
                SitePaths.HtmlPageVideo,
                SitePaths.Subtitles,
                new Uri(BaseUri(context.Request), SitePaths.Thumbnail)),
            Html));
        endpoints.MapGet("/" + SitePaths.WatchPage, (HttpContext context) => Results.Content(
            JsonLdPage(WatchPage.Title, BaseUri(context.Request), SitePaths.DirectMp4, MediaRecipe.DirectDuration),
            Html));
        endpoints.MapGet("/" + SitePaths.TitledPrefix + "{key}.html", (HttpContext context, string key) =>
            TrickyTitles.ByKey.TryGetValue(key, out var title)
                ? Results.Content(
                    JsonLdPage(title, BaseUri(context.Request), SitePaths.HtmlPageVideo, MediaRecipe.ClipDuration),
                    Html)
                : Results.NotFound());
        endpoints.MapGet("/" + SitePaths.Feed, (HttpContext context, PhysicalFileProvider files) =>
            Results.Content(
                Feed(BaseUri(context.Request), files), "application/rss+xml; charset=utf-8"));
    }

    public static string HtmlPage(
        string ogTitle, string videoSource, string? subtitlesSource = null, Uri? thumbnail = null)
    {
        // The generic extractor takes a video tag's thumbnail from its poster, not from og:image.
        var image = thumbnail is null
            ? ""
            : $"""<meta property="og:image" content="{WebUtility.HtmlEncode(thumbnail.AbsoluteUri)}">""";
        var poster = thumbnail is null ? "" : $""" poster="{WebUtility.HtmlEncode(thumbnail.AbsoluteUri)}" """;
        var track = subtitlesSource is null
            ? ""
            : $"""<track kind="subtitles" srclang="{MediaRecipe.SubtitlesLanguage}" label="English" """
                + $"""src="{WebUtility.HtmlEncode(subtitlesSource)}">""";
        return Document(
            ogTitle,
            $"""
            <meta property="og:type" content="video.other">
            {image}
            """,
            $"""
            <video controls width="320" height="180" preload="none"{poster}>
            <source src="{WebUtility.HtmlEncode(videoSource)}" type="video/mp4">
            {track}
            </video>
            """);
    }

    /// <summary>A page with one <c>video</c> tag per source: yt-dlp's generic extractor lists it as a playlist.</summary>
    public static string SeveralVideosPage(string ogTitle, IEnumerable<string> videoSources) =>
        Document(
            ogTitle,
            "",
            string.Join(Environment.NewLine, videoSources.Select(source => $"""
                <video controls width="320" height="180" preload="none">
                <source src="{WebUtility.HtmlEncode(source)}" type="video/mp4">
                </video>
                """)));

    // No <video> tag: yt-dlp's generic extractor then reads the JSON-LD VideoObject, whose
    // contentUrl it extracts in turn (no encodingFormat, so it does not take the URL as a format
    // of its own), keeping the outer page's title, duration, date, counts, tags and chapters.
    private static string JsonLdPage(string ogTitle, Uri baseUri, string videoPath, TimeSpan duration)
    {
        var thumbnail = new Uri(baseUri, SitePaths.Thumbnail).AbsoluteUri;
        var seconds = (int)duration.TotalSeconds;
        var videoObject = new Dictionary<string, object>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "VideoObject",
            ["name"] = ogTitle,
            ["description"] = WatchPage.Description,
            ["contentUrl"] = new Uri(baseUri, videoPath).AbsoluteUri,
            ["thumbnailUrl"] = thumbnail,
            ["duration"] = $"PT{seconds}S",
            ["uploadDate"] = WatchPage.UploadDate,
            ["author"] = new Dictionary<string, string> { ["@type"] = "Person", ["name"] = WatchPage.Uploader },
            ["keywords"] = string.Join(',', WatchPage.Tags),
            ["interactionStatistic"] = new[]
            {
                Counter("WatchAction", WatchPage.ViewCount),
                Counter("LikeAction", WatchPage.LikeCount),
            },
            ["hasPart"] = new[]
            {
                Chapter(WatchPage.Chapters[0], 0, seconds / 2),
                Chapter(WatchPage.Chapters[1], seconds / 2, seconds),
            },
        };

        // System.Text.Json escapes <, > and & by default, so the script cannot be closed early.
        var description = WebUtility.HtmlEncode(WatchPage.Description);
        return Document(
            ogTitle,
            $"""
            <meta property="og:description" content="{description}">
            <meta property="og:image" content="{WebUtility.HtmlEncode(thumbnail)}">
            <script type="application/ld+json">{JsonSerializer.Serialize(videoObject)}</script>
            """,
            $"<p>{description}</p>");
    }

    // og:title differs from <title> on purpose: tests prove yt-dlp reads the Open Graph tag.
    private static string Document(string ogTitle, string head, string body)
    {
        var title = WebUtility.HtmlEncode(ogTitle);
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{WebUtility.HtmlEncode(MediaRecipe.HtmlDocumentTitle)}</title>
            <meta property="og:title" content="{title}">
            {head}
            </head>
            <body>
            <h1>{title}</h1>
            {body}
            </body>
            </html>

            """;
    }

    private static Dictionary<string, object> Counter(string action, long count) => new()
    {
        ["@type"] = "InteractionCounter",
        ["interactionType"] = "https://schema.org/" + action,
        ["userInteractionCount"] = count,
    };

    private static Dictionary<string, object> Chapter(string name, int start, int end) => new()
    {
        ["@type"] = "Clip",
        ["name"] = name,
        ["startOffset"] = start,
        ["endOffset"] = end,
    };

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
