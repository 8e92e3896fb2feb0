namespace FunctionsDownloader.Downloads;

/// <summary>
/// Validated download options, as kept with a job. Only values the service has checked end up
/// here; the yt-dlp format selector and flags are built from them by <see cref="Media.FormatPlan"/>.
/// </summary>
public sealed record DownloadOptions
{
    /// <summary>A quality preset: <c>best</c>, <c>2160p</c> … <c>360p</c>, <c>worst</c>.</summary>
    public string Quality { get; init; } = QualityPreset.Best;

    /// <summary>The container of a video result: <c>mp4</c>, <c>webm</c> or <c>mkv</c>.</summary>
    public string VideoFormat { get; init; } = "mp4";

    /// <summary>Whether only the audio is wanted.</summary>
    public bool AudioOnly { get; init; }

    /// <summary>The audio format of an audio-only result.</summary>
    public string AudioFormat { get; init; } = "m4a";

    /// <summary>
    /// A format id from <c>/api/v1/formats</c> (or two joined by <c>+</c>: video and audio), checked
    /// against the site's formats; <c>null</c> to choose by <see cref="Quality"/>.
    /// </summary>
    public string? FormatId { get; init; }

    /// <summary>Languages of the subtitles to embed (manual ones first, automatic captions otherwise).</summary>
    public IReadOnlyList<string> Subtitles { get; init; } = [];

    /// <summary>Whether <see cref="Subtitles"/> go into the file (the only way one file can carry them).</summary>
    public bool EmbedSubtitles { get; init; }

    /// <summary>Whether the site's thumbnail goes into the file as cover art.</summary>
    public bool EmbedThumbnail { get; init; }

    /// <summary>Whether title, uploader, date, description and chapters go into the file's tags.</summary>
    public bool EmbedMetadata { get; init; }

    /// <summary>Where a clip starts, in seconds; <c>null</c> for the beginning.</summary>
    public double? StartTime { get; init; }

    /// <summary>Where a clip ends, in seconds; <c>null</c> for the end.</summary>
    public double? EndTime { get; init; }

    /// <summary>The id of the caller's cookies file to download with; only the id, never the contents.</summary>
    public string? CookiesId { get; init; }

    /// <summary>Whether only part of the media is wanted.</summary>
    public bool IsClip => StartTime is not null || EndTime is not null;
}
