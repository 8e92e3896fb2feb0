namespace FunctionsDownloader.Extraction;

/// <summary>
/// What a site says about one video: the answer of <c>GET /api/v1/metadata</c>, and the descriptive
/// part of what the extraction cache keeps (there without <see cref="Url"/>, which is the caller's).
/// </summary>
public sealed record MediaMetadata
{
    /// <summary>The URL asked about, as the service fetched it.</summary>
    public string? Url { get; init; }

    public required string Id { get; init; }

    /// <summary>The title, without control or invisible format characters.</summary>
    public required string Title { get; init; }

    public string? Description { get; init; }
    public string? Uploader { get; init; }
    public string? UploaderId { get; init; }
    public string? Channel { get; init; }
    public string? ChannelId { get; init; }

    /// <summary>The upload date, <c>YYYY-MM-DD</c>.</summary>
    public string? UploadDate { get; init; }

    /// <summary>
    /// The duration in seconds; <c>null</c> where the site does not say (yt-dlp's generic, HLS and DASH
    /// extractors).
    /// </summary>
    public double? Duration { get; init; }

    public long? ViewCount { get; init; }
    public long? LikeCount { get; init; }
    public long? CommentCount { get; init; }
    public string? Thumbnail { get; init; }
    public IReadOnlyList<ThumbnailInfo> Thumbnails { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<ChapterInfo> Chapters { get; init; } = [];

    /// <summary>Languages of the site's subtitles (for the <c>subtitles</c> download option).</summary>
    public IReadOnlyList<string> Subtitles { get; init; } = [];

    /// <summary>Languages of the site's automatic captions (the <c>subtitles</c> option falls back to them).</summary>
    public IReadOnlyList<string> AutomaticCaptions { get; init; } = [];

    public bool IsLive { get; init; }

    /// <summary>yt-dlp's name for the site handler (<c>Youtube</c>, <c>Generic</c>).</summary>
    public required string Extractor { get; init; }

    public string? WebpageUrl { get; init; }
}
