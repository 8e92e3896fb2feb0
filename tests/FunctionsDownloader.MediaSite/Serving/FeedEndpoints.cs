using System.Globalization;
using System.Xml.Linq;
using FunctionsDownloader.MediaSite.Generation;
using Microsoft.Extensions.FileProviders;

namespace FunctionsDownloader.MediaSite.Serving;

/// <summary>
/// Playlists and channels for yt-dlp's generic extractor, all backed by the one tiny file: an RSS feed of
/// <see cref="PlaylistCount"/> items, a feed of <see cref="LargeCount"/> items whose enclosures point at an
/// address the service refuses, a dated feed that acts as a channel, and an HTML page with several videos.
/// Every item has a URL of its own (<c>feeds/items/{n}.mp4</c>), so tests can see which ones were fetched;
/// the query string of a feed's URL is passed on to its items, so that each test can tell its own fetches.
/// </summary>
internal static class FeedEndpoints
{
    public const int PlaylistCount = 120;
    public const int LargeCount = 500;
    public const int ChannelCount = 12;
    public const string PlaylistTitle = "Local media site playlist";
    public const string LargeTitle = "Local media site large feed";
    public const string ChannelTitle = "Local media site channel";
    public const string SeveralVideosTitle = "Three videos from the local media site";

    /// <summary>TEST-NET-1 (RFC 5737): documentation space, which the service's URL guard refuses.</summary>
    public const string RefusedHost = "192.0.2.1";

    /// <summary>The channel's newest episode is from this day; each older one a day before.</summary>
    public static readonly DateOnly NewestEpisode = new(2024, 3, 12);

    public static readonly IReadOnlyList<string> SeveralVideosSources =
        [MediaRecipe.TinyFile, MediaRecipe.ClipFile, MediaRecipe.DirectFile];

    public static string ItemTitle(int n) => string.Create(CultureInfo.InvariantCulture, $"Item {n}");

    public static string EpisodeTitle(int n) => string.Create(CultureInfo.InvariantCulture, $"Episode {n}");

    /// <summary>Episode <paramref name="n"/> (1 is the oldest) was published on this day.</summary>
    public static DateOnly EpisodeDate(int n) => NewestEpisode.AddDays(n - ChannelCount);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/" + SitePaths.PlaylistFeed, (HttpContext context) =>
            Rss(PlaylistTitle, context.Request, PlaylistCount, n => PlaylistItem(context.Request, n)));
        endpoints.MapGet("/" + SitePaths.LargeFeed, (HttpContext context) =>
            Rss(LargeTitle, context.Request, LargeCount, n => LargeItem(context.Request, n)));
        endpoints.MapGet("/" + SitePaths.ChannelFeed, (HttpContext context) =>
            Rss(ChannelTitle, context.Request, ChannelCount, n => Episode(context.Request, ChannelCount + 1 - n)));
        endpoints.MapGet(
            "/" + SitePaths.SeveralVideosPage,
            () => Results.Content(
                PageEndpoints.SeveralVideosPage(SeveralVideosTitle, SeveralVideosSources), "text/html; charset=utf-8"));
        endpoints.MapGet("/" + SitePaths.FeedItemPrefix + "{n:int}.mp4", Tiny);
        endpoints.MapGet("/" + SitePaths.EpisodePrefix + "{n:int}.mp4", Tiny);
    }

    private static IResult Tiny(PhysicalFileProvider files) =>
        Results.File(
            files.GetFileInfo(MediaRecipe.TinyFile).CreateReadStream(), "video/mp4", enableRangeProcessing: true);

    private static IResult Rss(string title, HttpRequest request, int count, Func<int, XElement> item)
    {
        var feed = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement("rss",
                new XAttribute("version", "2.0"),
                new XAttribute(XNamespace.Xmlns + "itunes", Itunes.NamespaceName),
                new XElement("channel",
                    new XElement("title", title),
                    new XElement("link", BaseUri(request).AbsoluteUri),
                    new XElement("description", $"{title}: generated test media"),
                    Enumerable.Range(1, count).Select(item))));
        return Results.Content(feed.Declaration + Environment.NewLine + feed, "application/rss+xml; charset=utf-8");
    }

    private static XNamespace Itunes => "http://www.itunes.com/dtds/podcast-1.0.dtd";

    private static XElement PlaylistItem(HttpRequest request, int n) =>
        Item(
            ItemTitle(n),
            ItemUrl(BaseUri(request), SitePaths.FeedItemPrefix, n, request),
            $"item-{n}",
            published: null,
            BaseUri(request));

    private static XElement LargeItem(HttpRequest request, int n) =>
        Item(
            ItemTitle(n),
            ItemUrl(new Uri($"http://{RefusedHost}/"), SitePaths.FeedItemPrefix, n, request),
            $"large-{n}",
            published: null,
            thumbnailBase: null);

    private static XElement Episode(HttpRequest request, int n) =>
        Item(
            EpisodeTitle(n),
            ItemUrl(BaseUri(request), SitePaths.EpisodePrefix, n, request),
            $"episode-{n}",
            EpisodeDate(n).ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc),
            BaseUri(request));

    private static Uri ItemUrl(Uri baseUri, string prefix, int n, HttpRequest request) =>
        new(baseUri, string.Create(CultureInfo.InvariantCulture, $"{prefix}{n}.mp4{request.QueryString}"));

    private static XElement Item(string title, Uri enclosure, string guid, DateTime? published, Uri? thumbnailBase) =>
        new("item",
            new XElement("title", title),
            new XElement("enclosure",
                new XAttribute("url", enclosure.AbsoluteUri),
                new XAttribute("type", "video/mp4")),
            new XElement("guid", new XAttribute("isPermaLink", "false"), guid),
            published is { } date ? new XElement("pubDate", date.ToString("R", CultureInfo.InvariantCulture)) : null,
            new XElement(
                Itunes + "duration", MediaRecipe.TinyDuration.TotalSeconds.ToString(CultureInfo.InvariantCulture)),
            thumbnailBase is null
                ? null
                : new XElement(Itunes + "image", new XAttribute("href", new Uri(thumbnailBase, "thumbnail.jpg"))));

    private static Uri BaseUri(HttpRequest request) => new($"{request.Scheme}://{request.Host}{request.PathBase}/");
}
