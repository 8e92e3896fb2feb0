using System.Globalization;
using FunctionsDownloader.MediaSite.Generation;
using FunctionsDownloader.MediaSite.Serving;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace FunctionsDownloader.MediaSite;

/// <summary>
/// A local web site that serves media generated with ffmpeg as real inputs for yt-dlp: a direct
/// mp4, an HTML page with a video and subtitles, a page described by JSON-LD, pages with titles that
/// are hard to use as file names, an HLS master with two video variants and separate audio, a DASH
/// manifest with separate video and audio, an RSS feed, fault modes and a throttled download. Each
/// input comes with the facts a test can assert on. It also receives webhooks and counts requests.
/// </summary>
public sealed class LocalMediaSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WebhookRecorder _webhooks;
    private readonly RequestRecorder _requests;
    private readonly FlakySources _flaky;
    private int _disposed;

    private LocalMediaSite(
        WebApplication app, Uri baseUri, GeneratedMedia media, LocalMediaSiteOptions options)
    {
        _app = app;
        BaseUri = baseUri;
        MediaDirectory = media.Directory;
        ReusedCachedMedia = media.Reused;
        GenerationTime = media.Elapsed;

        DirectMp4 = Resolve(SitePaths.DirectMp4);
        DirectMp4File = FileOf(SitePaths.DirectMp4);
        DirectMp4Length = new FileInfo(DirectMp4File).Length;
        HtmlPage = Resolve(SitePaths.HtmlPage);
        HtmlPageVideo = Resolve(SitePaths.HtmlPageVideo);
        HtmlPageVideoFile = FileOf(SitePaths.HtmlPageVideo);
        Subtitles = Resolve(SitePaths.Subtitles);
        Thumbnail = Resolve(SitePaths.Thumbnail);
        WatchPage = Resolve(SitePaths.WatchPage);
        HlsMaster = Resolve(SitePaths.HlsMaster);
        DashManifest = Resolve(SitePaths.DashManifest);
        Feed = Resolve(SitePaths.Feed);
        FeedEntries = [DirectMp4, HtmlPageVideo];
        NotFound = Resolve(SitePaths.NotFound);
        Stall = Resolve(SitePaths.Stall);
        Truncated = Resolve(SitePaths.Truncated);
        Redirect = Resolve(SitePaths.Redirect);
        HtmlAsMp4 = Resolve(SitePaths.HtmlAsMp4);
        Unsized = Resolve(SitePaths.Unsized);
        LivePlaylist = Resolve(SitePaths.LivePlaylist);
        PrivatePage = Resolve(SitePaths.PrivatePage);
        PrivateVideo = Resolve(SitePaths.PrivateVideo);
        PrivateListing = Resolve(SitePaths.PrivateListing);
        SlowBaseUri = Resolve(SitePaths.SlowPrefix);
        SlowMp4 = Resolve(SitePaths.SlowMp4);
        SlowMp4File = FileOf(MediaRecipe.LongFile);
        SlowMp4Length = new FileInfo(SlowMp4File).Length;
        SlowBytesPerSecond = options.SlowBytesPerSecond;
        WebhookReceiver = Resolve(SitePaths.WebhookPrefix);
        _webhooks = app.Services.GetRequiredService<WebhookRecorder>();
        PlaylistFeed = Resolve(SitePaths.PlaylistFeed);
        LargeFeed = Resolve(SitePaths.LargeFeed);
        ChannelFeed = Resolve(SitePaths.ChannelFeed);
        SeveralVideosPage = Resolve(SitePaths.SeveralVideosPage);
        TinyMp4File = FileOf(MediaRecipe.TinyFile);
        _requests = app.Services.GetRequiredService<RequestRecorder>();
        _flaky = app.Services.GetRequiredService<FlakySources>();
    }

    /// <summary>The site's base address, ending in a slash (http://127.0.0.1:41234/).</summary>
    public Uri BaseUri { get; }

    /// <summary>The directory served (shared by every start with the same recipe).</summary>
    public string MediaDirectory { get; }

    /// <summary>True when this start found the media already generated.</summary>
    public bool ReusedCachedMedia { get; }

    /// <summary>How long this start spent generating media; zero when it reused the cache.</summary>
    public TimeSpan GenerationTime { get; }

    /// <summary>An mp4 (H.264 320x180 + AAC) served as <c>video/mp4</c>, ranges included.</summary>
    public Uri DirectMp4 { get; }

    /// <summary>The file behind <see cref="DirectMp4"/>, to compare downloaded bytes with.</summary>
    public string DirectMp4File { get; }

    public long DirectMp4Length { get; }

    public TimeSpan DirectMp4Duration => MediaRecipe.DirectDuration;

    public int DirectMp4Height => MediaRecipe.DirectHeight;

    /// <summary>
    /// An HTML page with an og:title and a <c>&lt;video&gt;</c> tag pointing at
    /// <see cref="HtmlPageVideo"/>.
    /// </summary>
    public Uri HtmlPage { get; }

    /// <summary>
    /// The page's og:title (its &lt;title&gt; differs). yt-dlp 2023.03.04 reports the single video
    /// as "{og:title} (1)" with the id "page-1".
    /// </summary>
    public string HtmlPageTitle => MediaRecipe.HtmlPageTitle;

    /// <summary>The mp4 (H.264 320x180 + AAC) the page's video tag points at.</summary>
    public Uri HtmlPageVideo { get; }

    public string HtmlPageVideoFile { get; }

    public TimeSpan HtmlPageDuration => MediaRecipe.ClipDuration;

    /// <summary>The WebVTT file of the page's <c>&lt;track kind="subtitles"&gt;</c> (three cues, 4 s).</summary>
    public Uri Subtitles { get; }

    /// <summary>The language the page's track declares (<c>srclang</c>).</summary>
    public string SubtitlesLanguage => MediaRecipe.SubtitlesLanguage;

    /// <summary>A JPEG, the <c>og:image</c> of the pages and the thumbnail of their JSON-LD.</summary>
    public Uri Thumbnail { get; }

    /// <summary>
    /// A page without a video tag that describes the direct mp4 in Open Graph tags and a schema.org
    /// JSON-LD VideoObject: <see cref="WatchPageTitle"/>, a duration of <see cref="DirectMp4Duration"/>,
    /// description, uploader, upload date, view and like counts, tags, two chapters and a thumbnail.
    /// Add a query (<c>?run=…</c>) to get a URL no other test has used.
    /// </summary>
    public Uri WatchPage { get; }

    /// <summary>The watch page's og:title (and JSON-LD name); yt-dlp reports it as is.</summary>
    public string WatchPageTitle => Serving.WatchPage.Title;

    public string WatchPageDescription => Serving.WatchPage.Description;

    public string WatchPageUploader => Serving.WatchPage.Uploader;

    /// <summary>The upload date as yt-dlp reports it (YYYYMMDD).</summary>
    public string WatchPageUploadDate => "20240501";

    public long WatchPageViewCount => Serving.WatchPage.ViewCount;

    public long WatchPageLikeCount => Serving.WatchPage.LikeCount;

    public IReadOnlyList<string> WatchPageTags => Serving.WatchPage.Tags;

    public IReadOnlyList<string> WatchPageChapters => Serving.WatchPage.Chapters;

    /// <summary>
    /// The keys of pages titled to be hard to turn into file names: <c>slashes</c>, <c>emoji</c>,
    /// <c>bidi</c> (a right-to-left override), <c>reserved</c> (a Windows device name) and <c>long</c>
    /// (300 characters). Each is a JSON-LD page like <see cref="WatchPage"/> for the 4 s clip.
    /// </summary>
    public IReadOnlyCollection<string> TrickyTitleKeys => TrickyTitles.ByKey.Keys.ToArray();

    /// <summary>The page titled with the tricky title <paramref name="key"/>.</summary>
    public Uri TitledPage(string key) => Resolve(SitePaths.TitledPrefix + Uri.EscapeDataString(key) + ".html");

    /// <summary>The tricky title of the page <paramref name="key"/>.</summary>
    public string TrickyTitle(string key) => TrickyTitles.ByKey[key];

    /// <summary>
    /// <paramref name="url"/> with a query of its own (<c>?run=…</c>): the same page, but a URL nobody
    /// has asked for yet, so that caches and <see cref="RequestCount"/> start from nothing.
    /// </summary>
    public static Uri FreshUrl(Uri url) => new(url, "?run=" + Guid.NewGuid().ToString("N"));

    /// <summary>
    /// An HLS master with video-only variants (<see cref="HlsVideoHeights"/>, H.264, TS segments)
    /// and one AAC audio rendition in a separate group.
    /// </summary>
    public Uri HlsMaster { get; }

    public TimeSpan HlsDuration => MediaRecipe.HlsDuration;

    /// <summary>The heights of the HLS video variants, highest first.</summary>
    public IReadOnlyList<int> HlsVideoHeights => MediaRecipe.HlsHeights;

    /// <summary>A DASH manifest with a video-only (H.264) and an audio-only (AAC) adaptation set.</summary>
    public Uri DashManifest { get; }

    public TimeSpan DashDuration => MediaRecipe.DashDuration;

    public int DashVideoHeight => MediaRecipe.DashHeight;

    /// <summary>An RSS feed enclosing <see cref="FeedEntries"/>; yt-dlp reads it as a playlist.</summary>
    public Uri Feed { get; }

    public string FeedTitle => MediaRecipe.FeedTitle;

    /// <summary>The feed's enclosures in order: the direct mp4, then the HTML page's video.</summary>
    public IReadOnlyList<Uri> FeedEntries { get; }

    /// <summary>Always answers 404.</summary>
    public Uri NotFound { get; }

    /// <summary>
    /// Declares the direct mp4's Content-Length, sends <see cref="StallSentBytes"/> of it, then
    /// nothing more until the client disconnects or the site stops. Ignores Range.
    /// </summary>
    public Uri Stall { get; }

    public long StallSentBytes => FaultEndpoints.StallSentBytes;

    /// <summary>
    /// Declares the direct mp4's Content-Length, sends <see cref="TruncatedSentBytes"/> of it, then
    /// closes the connection (a FIN: the client reads those bytes, then an early end of stream).
    /// Ignores Range, so resuming fails too.
    /// </summary>
    public Uri Truncated { get; }

    public long TruncatedSentBytes => FaultEndpoints.TruncatedSentBytes;

    /// <summary>
    /// A source that breaks off like <see cref="Truncated"/> until <see cref="Mend"/> is called with
    /// the same <paramref name="key"/>, and from then on serves the direct mp4 whole, ranges included.
    /// </summary>
    public Uri Flaky(string key) => Resolve(SitePaths.FlakyPrefix + Uri.EscapeDataString(key) + ".mp4");

    /// <summary>Makes <see cref="Flaky"/> of <paramref name="key"/> serve the direct mp4 from now on.</summary>
    public void Mend(string key) => _flaky.Mend(key);

    /// <summary>Answers 302 Found with a Location of <see cref="DirectMp4"/>.</summary>
    public Uri Redirect { get; }

    /// <summary>An HTML page served as <c>video/mp4</c>: yt-dlp saves it as the "video".</summary>
    public Uri HtmlAsMp4 { get; }

    /// <summary>The direct mp4 cut to 60 % and sent without a Content-Length, ending cleanly.</summary>
    public Uri Unsized { get; }

    /// <summary>An HLS media playlist that slides forever and never ends (a live stream).</summary>
    public Uri LivePlaylist { get; }

    /// <summary>The direct mp4 from a server that ignores Range requests (always the whole body, 200).</summary>
    public Uri NoRangeMp4 => new(BaseUri, SitePaths.NoRangePrefix + SitePaths.DirectMp4);

    /// <summary>
    /// The URL of <paramref name="relativePath"/> (slashes kept) in <see cref="LocalMediaSiteOptions.ExtraDirectory"/>.
    /// </summary>
    public Uri Extra(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        return Resolve(SitePaths.ExtraPrefix + string.Join('/', relativePath.Split('/').Select(Uri.EscapeDataString)));
    }

    /// <summary>A URL on the site that answers 302 with a Location of <paramref name="target"/>.</summary>
    public Uri RedirectTo(Uri target) =>
        new(BaseUri, SitePaths.RedirectTo + "?target=" + Uri.EscapeDataString(target.AbsoluteUri));

    /// <summary>
    /// An HTML page like <see cref="HtmlPage"/> (og:title <see cref="PrivatePageTitle"/>) whose video
    /// is <see cref="PrivateVideo"/>; both answer 403 unless the request carries the cookie
    /// <see cref="PrivateCookieName"/>=<see cref="PrivateCookieValue"/>.
    /// </summary>
    public Uri PrivatePage { get; }

    /// <summary>The page's video: the same file as <see cref="HtmlPageVideo"/>, for cookie holders only.</summary>
    public Uri PrivateVideo { get; }

    public string PrivatePageTitle => PrivateEndpoints.PageTitle;

    /// <summary>
    /// A members-only page with two videos (both <see cref="PrivateVideo"/>, told apart by a query), which
    /// yt-dlp lists as a playlist; it answers 403 without the cookie, as its videos do.
    /// </summary>
    public Uri PrivateListing { get; }

    /// <summary>The og:title of <see cref="PrivateListing"/>.</summary>
    public string PrivateListingTitle => PrivateEndpoints.ListingTitle;

    public TimeSpan PrivatePageDuration => MediaRecipe.ClipDuration;

    public string PrivateCookieName => PrivateEndpoints.CookieName;

    /// <summary>The session cookie's value: a constant, so tests can check it is kept nowhere it must not be.</summary>
    public string PrivateCookieValue => PrivateEndpoints.CookieValue;

    /// <summary>The domain a cookies file needs for the private page (<c>127.0.0.1</c>).</summary>
    public string PrivateCookieDomain => BaseUri.Host;

    /// <summary>
    /// Every generated file is also served under this prefix, throttled: <see cref="SlowMp4"/>, but
    /// also slowBase/hls/master.m3u8 (whose relative segment URLs stay under the prefix) and
    /// slowBase/dash/manifest.mpd. Pages, feed and faults are not.
    /// </summary>
    public Uri SlowBaseUri { get; }

    /// <summary>A 24 s mp4 (H.264 320x180 + AAC) served throttled, ranges included.</summary>
    public Uri SlowMp4 { get; }

    public string SlowMp4File { get; }

    public long SlowMp4Length { get; }

    public TimeSpan SlowMp4Duration => MediaRecipe.LongDuration;

    /// <summary>The rate of every response under <see cref="SlowBaseUri"/>.</summary>
    public int SlowBytesPerSecond { get; }

    /// <summary>The least time a full download of <see cref="SlowMp4"/> takes.</summary>
    public TimeSpan SlowMp4MinimumTransferTime => TimeSpan.FromSeconds(
        (double)Math.Max(0, SlowMp4Length - Throttling.BurstBytes(SlowBytesPerSecond))
        / SlowBytesPerSecond);

    /// <summary>
    /// The webhook receiver's base address: <c>{WebhookReceiver}{name}</c> records every request
    /// (any method) under <c>name</c> and answers 200; see <see cref="Webhook"/> and its siblings.
    /// </summary>
    public Uri WebhookReceiver { get; }

    /// <summary>A receiver that answers 200.</summary>
    public Uri Webhook(string name) => Receiver(name, "");

    /// <summary>A receiver that answers 500 to its first <paramref name="failures"/> requests, then 200.</summary>
    public Uri FailingWebhook(string name, int failures) =>
        Receiver(name, string.Create(CultureInfo.InvariantCulture, $"?fail={failures}"));

    /// <summary>A receiver that always answers <paramref name="statusCode"/>.</summary>
    public Uri WebhookAnswering(string name, int statusCode) =>
        Receiver(name, string.Create(CultureInfo.InvariantCulture, $"?status={statusCode}"));

    /// <summary>A receiver that answers 302 with a Location of the receiver <paramref name="target"/>.</summary>
    public Uri RedirectingWebhook(string name, string target) =>
        Receiver(name, "?redirect=" + Uri.EscapeDataString(target));

    /// <summary>What the receiver <paramref name="name"/> got so far, oldest first.</summary>
    public IReadOnlyList<ReceivedWebhook> ReceivedWebhooks(string name) => _webhooks.Of(name);

    /// <summary>Waits until the receiver <paramref name="name"/> has got <paramref name="count"/> requests.</summary>
    /// <exception cref="TimeoutException">They did not all arrive within <paramref name="timeout"/>.</exception>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForWebhooksAsync(string name, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var received = _webhooks.Of(name);
            if (received.Count >= count)
            {
                return received;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException(
                    $"The webhook receiver '{name}' got {received.Count} of {count} requests in {timeout}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// An RSS feed of <see cref="PlaylistFeedCount"/> items titled "Item {n}" (<see cref="ItemTitle"/>), each
    /// enclosing <c>feeds/items/{n}.mp4</c>: the tiny mp4, served under a URL of its own.
    /// </summary>
    public Uri PlaylistFeed { get; }

    public int PlaylistFeedCount => FeedEndpoints.PlaylistCount;

    public string PlaylistFeedTitle => FeedEndpoints.PlaylistTitle;

    /// <summary>
    /// An RSS feed of <see cref="LargeFeedCount"/> items whose enclosures point at
    /// <see cref="RefusedHost"/> (documentation space the service refuses): listing and paging it are real, and
    /// downloading all of it runs every item through the workflow, each failing at the URL guard at once.
    /// </summary>
    public Uri LargeFeed { get; }

    public int LargeFeedCount => FeedEndpoints.LargeCount;

    public string RefusedHost => FeedEndpoints.RefusedHost;

    /// <summary>
    /// A feed that acts as a channel: <see cref="ChannelFeedCount"/> episodes "Episode {n}", newest first, with
    /// a pubDate each (<see cref="EpisodeDate"/>, one a day), enclosing <c>feeds/episodes/{n}.mp4</c>.
    /// </summary>
    public Uri ChannelFeed { get; }

    public int ChannelFeedCount => FeedEndpoints.ChannelCount;

    public string ChannelFeedTitle => FeedEndpoints.ChannelTitle;

    /// <summary>An HTML page with an og:title and three <c>&lt;video&gt;</c> tags: tiny, clip and direct.</summary>
    public Uri SeveralVideosPage { get; }

    public string SeveralVideosTitle => FeedEndpoints.SeveralVideosTitle;

    public IReadOnlyList<Uri> SeveralVideosSources => [.. FeedEndpoints.SeveralVideosSources.Select(Resolve)];

    /// <summary>The 1 s, 160x90 mp4 (H.264 + AAC) behind every feed item.</summary>
    public string TinyMp4File { get; }

    public TimeSpan TinyMp4Duration => MediaRecipe.TinyDuration;

    /// <summary>The title of item <paramref name="n"/> of the playlist feed (and of the large feed).</summary>
    public string ItemTitle(int n) => FeedEndpoints.ItemTitle(n);

    /// <summary>The URL of item <paramref name="n"/> of the playlist feed.</summary>
    public Uri FeedItem(int n) => Resolve(SitePaths.FeedItemPrefix + n.ToString(CultureInfo.InvariantCulture) + ".mp4");

    /// <summary>The title of episode <paramref name="n"/> of the channel (1 is the oldest).</summary>
    public string EpisodeTitle(int n) => FeedEndpoints.EpisodeTitle(n);

    /// <summary>The day episode <paramref name="n"/> of the channel was published (1 is the oldest).</summary>
    public DateOnly EpisodeDate(int n) => FeedEndpoints.EpisodeDate(n);

    /// <summary>The paths and queries of requests under <paramref name="prefix"/>, oldest first.</summary>
    public IReadOnlyList<string> RequestsTo(string prefix) => _requests.StartingWith(prefix);

    /// <summary>How many requests to <paramref name="url"/> (path and query) the site got.</summary>
    public int RequestCount(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        string path = url.PathAndQuery.TrimStart('/');
        return _requests.StartingWith(path).Count(r => r == path);
    }

    /// <summary>
    /// <paramref name="file"/> (a generated file, such as <c>media/direct.mp4</c>) served throttled under the
    /// slow prefix, tagged so that <see cref="SlowConcurrency"/> counts the requests for it.
    /// </summary>
    public Uri SlowTagged(string file, string tag, int n) =>
        new(SlowBaseUri, $"{file}?tag={Uri.EscapeDataString(tag)}&n={n.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>How many throttled requests tagged <paramref name="tag"/> are open now, and the most at once.</summary>
    public (int Open, int Peak) SlowConcurrency(string tag) => _requests.Concurrency(tag);

    /// <summary>
    /// Generates the media unless an earlier start already has (in this or another process), then
    /// starts serving it. Throws <see cref="MediaGenerationException"/> when ffmpeg fails.
    /// </summary>
    public static async Task<LocalMediaSite> StartAsync(
        LocalMediaSiteOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalMediaSiteOptions();
        ArgumentNullException.ThrowIfNull(options.ListenAddress);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.FfmpegPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.CacheRoot);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SlowBytesPerSecond, 1024);

        var media = await MediaGenerator.EnsureAsync(
            options.CacheRoot, options.FfmpegPath, cancellationToken);

        var app = SiteApplication.Build(media.Directory, options);
        try
        {
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features
                .GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new LocalMediaSite(app, new Uri(address.TrimEnd('/') + "/"), media, options);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops serving; open stalls and throttled transfers are cut off.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Uri Resolve(string path) => new(BaseUri, path);

    private Uri Receiver(string name, string query)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new Uri(WebhookReceiver, Uri.EscapeDataString(name) + query);
    }

    private string FileOf(string path) => Path.Combine(MediaDirectory, path);
}
