using FunctionsDownloader.Extraction;

namespace FunctionsDownloader.Media;

/// <summary>
/// What <c>yt-dlp -J</c> said about a URL with the job's format selection: enough to name the file,
/// weigh progress across parts and choose between streaming and a working directory.
/// </summary>
public sealed record ResolvedMedia(
    string Id,
    string Title,
    double? Duration,
    string Extractor,
    string FormatId,
    string? Extension,
    IReadOnlyList<MediaPart> Parts,
    bool IsPlaylist)
{
    /// <summary>Everything else yt-dlp said about the URL, for the extraction cache.</summary>
    public ExtractedMedia? Info { get; init; }
}

/// <summary>One format yt-dlp will download for the job (video and audio of a merge are two parts).</summary>
public sealed record MediaPart(string FormatId, string? Protocol, long? Size, string? Extension);
