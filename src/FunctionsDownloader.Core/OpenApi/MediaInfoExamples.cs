using System.Text.Json.Nodes;
using FunctionsDownloader.Extraction;

namespace FunctionsDownloader.OpenApi;

/// <summary>
/// Examples of <c>GET /api/v1/formats</c> and <c>GET /api/v1/metadata</c>, built from the records those
/// routes answer with and serialized like real answers.
/// </summary>
internal static class MediaInfoExamples
{
    private const string Url = "https://www.example.com/watch?v=a1b2c3";
    private const string Title = "Sunset over the bay";
    private const string Thumbnail = "https://www.example.com/thumbs/a1b2c3.jpg";
    private const double Duration = 212.4;

    public static JsonNode Formats { get; } = ApiExamples.Node(new FormatsResponse
    {
        Url = Url,
        Title = Title,
        Duration = Duration,
        Thumbnail = Thumbnail,
        Formats = new FormatGroups(
            [Format("22", "mp4", 1280, 720, "avc1.64001F", "mp4a.40.2", 50_636_882, 1907.5, "720p")],
            [Format("137", "mp4", 1920, 1080, "avc1.640028", "none", 98_123_456, 3695.2, "1080p")],
            [
                new FormatInfo
                {
                    FormatId = "140",
                    Ext = "m4a",
                    Resolution = "audio only",
                    Vcodec = "none",
                    Acodec = "mp4a.40.2",
                    Filesize = 3_437_012,
                    Tbr = 129.5,
                    FormatNote = "medium",
                    Protocol = "https",
                },
            ]),
        RecommendedFormat = "137+140",
        BestVideoFormat = "137",
        BestAudioFormat = "140",
    });

    public static JsonNode Metadata { get; } = ApiExamples.Node(new MediaMetadata
    {
        Url = Url,
        Id = "a1b2c3",
        Title = Title,
        Description = "Four minutes of sunset.",
        Uploader = "Bay Views",
        Channel = "Bay Views",
        UploadDate = "2026-02-28",
        Duration = Duration,
        ViewCount = 18_234,
        Thumbnail = Thumbnail,
        Thumbnails = [new ThumbnailInfo(Thumbnail, 1280, 720)],
        Tags = ["sunset", "bay"],
        Chapters = [new ChapterInfo("Golden hour", 0, 120), new ChapterInfo("Dusk", 120, Duration)],
        Subtitles = ["en", "de"],
        Extractor = "Generic",
        WebpageUrl = Url,
    });

    /// <summary>A failed look at the media: the site says the video is gone.</summary>
    public static JsonNode Unavailable { get; } = new JsonObject
    {
        ["type"] = "https://tools.ietf.org/html/rfc9110",
        ["title"] = "Media not available",
        ["status"] = 404,
        ["detail"] = "The video is not available: it was removed or is private.",
        ["error_code"] = "unavailable",
    };

    private static FormatInfo Format(
        string id,
        string ext,
        int width,
        int height,
        string vcodec,
        string acodec,
        long size,
        double tbr,
        string note) =>
        new()
        {
            FormatId = id,
            Ext = ext,
            Resolution = $"{width}x{height}",
            Width = width,
            Height = height,
            Fps = 30,
            Vcodec = vcodec,
            Acodec = acodec,
            Filesize = size,
            Tbr = tbr,
            FormatNote = note,
            Protocol = "https",
        };
}
