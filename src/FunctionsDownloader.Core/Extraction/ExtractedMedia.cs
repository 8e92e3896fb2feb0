using System.Globalization;
using System.Text.Json;
using FunctionsDownloader.Media;

namespace FunctionsDownloader.Extraction;

/// <summary>
/// What yt-dlp said about a URL (<c>yt-dlp -J</c>), kept to the facts the formats, metadata and
/// resolve steps use: no HTTP headers (yt-dlp 2023 puts cookies there), nothing a format selection
/// changed, and no format URLs but the HLS playlists' (<see cref="HlsPlaylistUrls"/>), which the
/// resolve step fetches to tell a live stream. This is what the extraction cache stores; no answer
/// of the API shows those URLs.
/// </summary>
/// <param name="Metadata">What the site says about the media.</param>
/// <param name="Formats">Every format, worst first, best last: by height, frame rate and bit rate.</param>
/// <param name="IsPlaylist">Whether the URL is a playlist or channel rather than one video.</param>
public sealed record ExtractedMedia(MediaMetadata Metadata, IReadOnlyList<FormatInfo> Formats, bool IsPlaylist)
{
    private const int MaxDescriptionLength = 10_000;
    private const int MaxListLength = 500;

    /// <summary>
    /// The playlist URL of every HLS format, by format id. A playlist that never ends is a live stream,
    /// which yt-dlp does not always say; the resolve step fetches the chosen formats' playlists to check.
    /// </summary>
    public IReadOnlyDictionary<string, string> HlsPlaylistUrls { get; init; } = new Dictionary<string, string>();

    /// <summary>Reads yt-dlp's JSON for one URL.</summary>
    public static ExtractedMedia Read(JsonElement root)
    {
        string id = JsonValues.Str(root, "id") ?? "";
        var metadata = new MediaMetadata
        {
            Id = id,
            Title = MediaTitle.Clean(JsonValues.Str(root, "title") ?? id),
            Description = Bounded(JsonValues.Str(root, "description")),
            Uploader = JsonValues.Str(root, "uploader"),
            UploaderId = JsonValues.Str(root, "uploader_id"),
            Channel = JsonValues.Str(root, "channel"),
            ChannelId = JsonValues.Str(root, "channel_id"),
            UploadDate = UploadDates.ToIso(JsonValues.Str(root, "upload_date")),
            Duration = JsonValues.Num(root, "duration") is double d && d > 0 ? d : null,
            ViewCount = JsonValues.Long(root, "view_count"),
            LikeCount = JsonValues.Long(root, "like_count"),
            CommentCount = JsonValues.Long(root, "comment_count"),
            Thumbnail = JsonValues.Str(root, "thumbnail"),
            Thumbnails =
            [
                .. JsonValues.Objects(root, "thumbnails").Take(MaxListLength)
                    .Select(ReadThumbnail).OfType<ThumbnailInfo>(),
            ],
            Tags = [.. JsonValues.Strings(root, "tags").Take(MaxListLength)],
            Categories = [.. JsonValues.Strings(root, "categories").Take(MaxListLength)],
            Chapters = [.. JsonValues.Objects(root, "chapters").Take(MaxListLength).Select(ReadChapter)],
            Subtitles = [.. JsonValues.Keys(root, "subtitles").Where(l => l != "live_chat").Take(MaxListLength)],
            AutomaticCaptions = [.. JsonValues.Keys(root, "automatic_captions").Take(MaxListLength)],
            IsLive = JsonValues.Bool(root, "is_live") == true || JsonValues.Str(root, "live_status") == "is_live",
            Extractor = JsonValues.Str(root, "extractor_key") ?? JsonValues.Str(root, "extractor") ?? "",
            WebpageUrl = JsonValues.Str(root, "webpage_url"),
        };
        // yt-dlp lists formats worst first by its sort, which the job's own selection (-S) changes;
        // a stable sort by what callers compare makes every reader see the same order whoever
        // filled the cache, yt-dlp's order deciding only between equals.
        FormatInfo[] formats =
        [
            .. JsonValues.Objects(root, "formats").Select(ReadFormat).OfType<FormatInfo>().Take(MaxListLength)
                .OrderBy(f => f.Height ?? -1).ThenBy(f => f.Fps ?? -1).ThenBy(f => f.Tbr ?? -1),
        ];
        var playlists = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonElement f in JsonValues.Objects(root, "formats").Take(MaxListLength))
        {
            if (JsonValues.Str(f, "format_id") is { Length: > 0 } formatId &&
                JsonValues.Str(f, "protocol")?.StartsWith("m3u8", StringComparison.Ordinal) == true &&
                JsonValues.Str(f, "url") is { } url && Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                playlists[formatId] = url;
            }
        }

        return new ExtractedMedia(metadata, formats, JsonValues.Str(root, "_type") is "playlist" or "multi_video")
        {
            HlsPlaylistUrls = playlists,
        };
    }

    /// <summary>The format <paramref name="formatId"/>, or <c>null</c> when the site does not offer it.</summary>
    public FormatInfo? Format(string formatId) => Formats.FirstOrDefault(f => f.FormatId == formatId);

    private static FormatInfo? ReadFormat(JsonElement f)
    {
        string? formatId = JsonValues.Str(f, "format_id");
        if (string.IsNullOrEmpty(formatId))
        {
            return null;
        }

        int? width = JsonValues.Int(f, "width");
        int? height = JsonValues.Int(f, "height");
        return new FormatInfo
        {
            FormatId = formatId,
            Ext = JsonValues.Str(f, "ext"),
            Resolution = JsonValues.Str(f, "resolution") ?? (width is int w && height is int h
                ? string.Create(CultureInfo.InvariantCulture, $"{w}x{h}")
                : null),
            Width = width,
            Height = height,
            Fps = JsonValues.Num(f, "fps"),
            Vcodec = JsonValues.Str(f, "vcodec"),
            Acodec = JsonValues.Str(f, "acodec"),
            Filesize = JsonValues.Long(f, "filesize") ?? JsonValues.Long(f, "filesize_approx"),
            Tbr = JsonValues.Num(f, "tbr"),
            FormatNote = JsonValues.Str(f, "format_note"),
            Protocol = JsonValues.Str(f, "protocol"),
        };
    }

    private static ThumbnailInfo? ReadThumbnail(JsonElement t) =>
        JsonValues.Str(t, "url") is string url
            ? new ThumbnailInfo(url, JsonValues.Int(t, "width"), JsonValues.Int(t, "height"))
            : null;

    private static ChapterInfo ReadChapter(JsonElement c) =>
        new(JsonValues.Str(c, "title"), JsonValues.Num(c, "start_time"), JsonValues.Num(c, "end_time"));

    private static string? Bounded(string? text)
    {
        if (text is not { Length: > MaxDescriptionLength })
        {
            return text;
        }

        int cut = char.IsHighSurrogate(text[MaxDescriptionLength - 1])
            ? MaxDescriptionLength - 1
            : MaxDescriptionLength;
        return text[..cut] + "…";
    }
}
