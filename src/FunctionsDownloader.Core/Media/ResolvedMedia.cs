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
    /// <summary>Whether the site says the media is live (or not yet started).</summary>
    public bool IsLive { get; init; }

    /// <summary>
    /// The HLS media playlists of the selected formats. They can carry signed tokens, so they stay
    /// in the activity and never reach the orchestration's history.
    /// </summary>
    public IReadOnlyList<Uri> HlsPlaylists { get; init; } = [];

    /// <summary>Everything else yt-dlp said about the URL, for the extraction cache.</summary>
    public ExtractedMedia? Info { get; init; }
}

/// <summary>One format yt-dlp will download for the job (video and audio of a merge are two parts).</summary>
public sealed record MediaPart(string FormatId, string? Protocol, long? Size, string? Extension)
{
    /// <summary>Whether the part carries audio: <c>null</c> when the site does not say.</summary>
    public bool? HasAudio { get; init; }

    /// <summary>Whether the part carries video: <c>null</c> when the site does not say.</summary>
    public bool? HasVideo { get; init; }
}
