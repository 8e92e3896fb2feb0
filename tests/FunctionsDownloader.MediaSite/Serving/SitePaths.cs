using FunctionsDownloader.MediaSite.Generation;

namespace FunctionsDownloader.MediaSite.Serving;

/// <summary>The site's URL paths, relative to its base address (no leading slash).</summary>
internal static class SitePaths
{
    public const string DirectMp4 = MediaRecipe.DirectFile;
    public const string HtmlPageVideo = MediaRecipe.ClipFile;
    public const string HlsMaster = MediaRecipe.HlsMasterFile;
    public const string DashManifest = MediaRecipe.DashManifestFile;
    public const string HtmlPage = "page.html";
    public const string WatchPage = "watch.html";
    public const string TitledPrefix = "titled/";
    public const string Subtitles = MediaRecipe.SubtitlesFile;
    public const string Thumbnail = MediaRecipe.ThumbnailFile;
    public const string Feed = "feed.xml";
    public const string NotFound = "faults/not-found.mp4";
    public const string Stall = "faults/stall.mp4";
    public const string Truncated = "faults/truncated.mp4";
    public const string Redirect = "faults/redirect.mp4";
    public const string HtmlAsMp4 = "faults/html.mp4";
    public const string Unsized = "faults/unsized.mp4";
    public const string LivePlaylist = "live/stream.m3u8";
    public const string RedirectTo = "faults/redirect-to";

    /// <summary>A flaky source: <c>faults/flaky/{key}.mp4</c>.</summary>
    public const string FlakyPrefix = "faults/flaky/";
    public const string NoRangePrefix = "norange/";
    public const string PrivatePage = "private/page.html";
    public const string PrivateVideo = "private/video.mp4";
    public const string PrivateListing = "private/several.html";

    /// <summary>The webhook receiver: <c>hooks/{name}</c>.</summary>
    public const string WebhookPrefix = "hooks/";

    /// <summary>Every generated file is also served, throttled, under this prefix.</summary>
    public const string SlowPrefix = "slow/";

    /// <summary>Where <see cref="LocalMediaSiteOptions.ExtraDirectory"/> is served.</summary>
    public const string ExtraPrefix = "extra/";
    public const string SlowMp4 = SlowPrefix + MediaRecipe.LongFile;

    public const string PlaylistFeed = "feeds/playlist.xml";
    public const string LargeFeed = "feeds/large.xml";
    public const string ChannelFeed = "feeds/channel.xml";
    public const string SeveralVideosPage = "several.html";

    /// <summary>The playlist's items: <c>feeds/items/{n}.mp4</c>.</summary>
    public const string FeedItemPrefix = "feeds/items/";

    /// <summary>The channel's episodes: <c>feeds/episodes/{n}.mp4</c>.</summary>
    public const string EpisodePrefix = "feeds/episodes/";
}
